"""Read a minutes file to a ``Document`` (placeholder: plain UTF-8 text only)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.errors import ReadError
from kg.records import Document

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}


def collect_files(paths: list[Path]) -> list[Path]:
    """Every minutes file under ``paths`` (files as given, folders recursively), sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


def read_document(path: Path, source: str | None = None) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), exc.strerror or str(exc)) from exc
    if not raw.strip():
        raise ReadError(str(path), "empty file")
    text = raw.decode("utf-8", errors="replace")
    return Document(source or path.name, text, hashlib.sha256(raw).hexdigest(), "text")
