"""Read the shape of a SPARQL request without running it.

The endpoint must refuse updates, SERVICE and LOAD before a query reaches the
store, and the CLI wants to know a query's form (SELECT, ASK ...) to print it.
Both only need the *bare words* of the text: keywords outside string literals,
comments and IRIs. A word inside ``"..."``, ``<...>`` or after ``#`` is data
and must never trigger (or dodge) a refusal, so this scanner skips them the way
the SPARQL grammar does instead of searching the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# Words that can only start an update operation (SPARQL 1.1 Update, section 3).
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"},
)

# IRIREF exactly as the grammar has it (no control characters or spaces), so the scanner
# and the engine agree on where an IRI ends.
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
# What follows "?"/"$" (a variable name: no dots), "@" (a language tag) or ":" (a local name,
# which may hold dots but never end with one). Consuming a dot here would let
# "?o.SERVICE <...>" hide the keyword that follows the dot.
_TAILS = {
    "?": re.compile(r"\w*"),
    "$": re.compile(r"\w*"),
    "@": re.compile(r"[A-Za-z0-9\-]*"),
    ":": re.compile(r"(?:[\w\-.:%]*[\w\-:%])?"),
}
# A bare word: a keyword or function name, not a ?variable, $variable, prefixed name or @lang tag.
# Letters beyond ASCII start a word too (a prefixed name "é:x" or a stray letter), never a crash.
_WORD = re.compile(r"[^\W\d][\w\-]*(?::[^\s{}();,.]*)?")


def bare_tokens(sparql: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, text, is a word) of each word and each other character outside strings, comments and IRIs.

    Variables, language tags and names with the empty prefix are skipped whole.
    """
    for i, text, kind in _scan(sparql):
        if kind != "comment":
            yield i, text, kind == "word"


def comments(sparql: str) -> Iterator[tuple[int, str]]:
    """(offset, text without the line break) of each comment: a "#" outside strings and IRIs."""
    for i, text, kind in _scan(sparql):
        if kind == "comment":
            yield i, text


def _scan(sparql: str) -> Iterator[tuple[int, str, str]]:
    """(offset, text, kind) of each comment, bare word and other character outside strings and IRIs."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            j = n if j < 0 else j
            yield i, sparql[i:j], "comment"
            i = j + 1
        elif c in "\"'":
            quote = sparql[i : i + 3] if sparql[i : i + 3] in ('"""', "'''") else c
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote)
        elif c == "<" and (m := _IRI.match(sparql, i)):
            i = m.end()
        elif c in _TAILS:  # variables, language tags, names with the empty prefix
            i = _TAILS[c].match(sparql, i + 1).end()
        elif (m := _WORD.match(sparql, i)) is not None:
            yield i, m.group(0), "word"
            i = m.end()
        else:
            yield i, c, "char"
            i += 1


def bare_words(sparql: str) -> Iterator[str]:
    """Yield, upper-cased, each keyword-like word outside strings, comments and IRIs."""
    for _, word, is_word in bare_tokens(sparql):
        if is_word and ":" not in word:  # prefixed names (ex:SERVICE) are data
            yield word.upper()


def query_form(sparql: str) -> str | None:
    """SELECT / ASK / CONSTRUCT / DESCRIBE, "UPDATE" for an update, None if neither shows."""
    for word in bare_words(sparql):
        if word in QUERY_FORMS:
            return word
        if word in UPDATE_WORDS:
            return "UPDATE"
    return None


def refusal(sparql: str) -> str | None:
    """Why a read-only endpoint must refuse this text, or None if it may run.

    ``update``: the text contains an update operation; ``service``: it calls an
    outside endpoint (SERVICE), which would make the server a proxy.
    """
    words = set(bare_words(sparql))
    if words & UPDATE_WORDS:
        return "update"
    if "SERVICE" in words:
        return "service"
    return None
