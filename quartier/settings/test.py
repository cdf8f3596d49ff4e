"""Tests: the database comes from DATABASE_URL (SQLite by default, PostgreSQL in the second
run of `make test`); tasks run immediately in the test process; e-mail goes to a list."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-quartier-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# the outbox's tests (core/tests/test_outbox.py) deliver through the outbox into the list
OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
