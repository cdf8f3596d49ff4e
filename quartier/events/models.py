"""Formats and events (§5, §6, §8): the events helper builds this app."""
