"""The project's own exceptions: every failure a user can cause is one of these.

The CLI turns them into one line on stderr and a meaningful exit code; any
other exception is a bug.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: a clear message for the user, naming the file or argument."""

    exit_code = 1


class ReadError(KGError):
    """A file could not be read as minutes (empty, binary, no text layer ...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(KGError):
    """The store is missing, locked by another process, or not a store."""


class QueryError(KGError):
    """A SPARQL query is malformed, unknown, or was given bad parameters."""

    exit_code = 2


class NotFound(KGError):
    """A lookup named nothing the graph knows."""


class Ambiguous(KGError):
    """A lookup named several things; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates
