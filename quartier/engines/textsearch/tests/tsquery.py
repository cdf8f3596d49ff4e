"""A small reader of the to_tsquery text our builder writes, to check its meaning without
PostgreSQL: quoted lexemes ('…', '' for a quote, \\ for a backslash), :* prefixes, & and |
with PostgreSQL's precedence (& binds tighter), parentheses."""

from __future__ import annotations

import re
from collections.abc import Callable

Matcher = Callable[[frozenset[str]], bool]

_TOKEN = re.compile(r"\s*(?:(?P<lexeme>'(?:[^'\\]|''|\\.)*')(?P<prefix>:\*)?|(?P<op>[&|()]))")


def parse(text: str) -> Matcher:
    tokens: list[tuple[str, str, bool]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"tsquery syntax error at {position}: {text[position:]!r}")
        position = match.end()
        if match.group("op"):
            tokens.append(("op", match.group("op"), False))
        else:
            raw = match.group("lexeme")[1:-1]
            lexeme = re.sub(r"\\(.)", r"\1", raw.replace("''", "'"))
            tokens.append(("lexeme", lexeme, bool(match.group("prefix"))))
    matcher, rest = _or(tokens)
    if rest:
        raise ValueError(f"tsquery syntax error: trailing {rest}")
    return matcher


def _or(tokens):  # type: ignore[no-untyped-def]
    left, tokens = _and(tokens)
    while tokens and tokens[0][1] == "|":
        right, tokens = _and(tokens[1:])
        left = (lambda a, b: lambda terms: a(terms) or b(terms))(left, right)
    return left, tokens


def _and(tokens):  # type: ignore[no-untyped-def]
    left, tokens = _atom(tokens)
    while tokens and tokens[0][1] == "&":
        right, tokens = _atom(tokens[1:])
        left = (lambda a, b: lambda terms: a(terms) and b(terms))(left, right)
    return left, tokens


def _atom(tokens):  # type: ignore[no-untyped-def]
    if not tokens:
        raise ValueError("tsquery syntax error: unexpected end")
    kind, value, prefix = tokens[0]
    if kind == "op" and value == "(":
        inner, rest = _or(tokens[1:])
        if not rest or rest[0][1] != ")":
            raise ValueError("tsquery syntax error: missing )")
        return inner, rest[1:]
    if kind != "lexeme":
        raise ValueError(f"tsquery syntax error: unexpected {value}")
    if prefix:
        return (lambda terms: any(term.startswith(value) for term in terms)), tokens[1:]
    return (lambda terms: value in terms), tokens[1:]
