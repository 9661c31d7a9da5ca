"""Read and parse many files, collecting failures instead of stopping."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.documents import collect_files, read_document
from kg.errors import KGError
from kg.parse import parse
from kg.records import MinutesRecord


@dataclass
class ExtractResult:
    records: list[MinutesRecord] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line each, naming the file


def extract_paths(paths: list[Path]) -> ExtractResult:
    result = ExtractResult()
    for path in collect_files(paths):
        try:
            doc = read_document(path)
        except KGError as exc:
            result.failures.append(str(exc))
            continue
        result.records.append(parse(doc))
    return result
