"""Helpers for the reader tests: write bytes to a file and read it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.documents import read_document
from kg.records import Document


@pytest.fixture
def read_bytes(tmp_path: Path):
    """Write ``data`` to ``tmp_path/name`` and return the Document read from it."""

    def _read(data: bytes | str, name: str = "minutes.txt") -> Document:
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return read_document(path)

    return _read


def heading_texts(doc: Document) -> list[str]:
    return [h.quote(doc.text) for h in doc.headings]
