"""Minutes files to ``Document``: find the files, read each to one normalised text.

The kind is judged by content (``kg.readers.detect``), each reader turns its
format into lines (``kg.readers.text``/``html``/``pdf``/``docx``) and one
normaliser (``kg.readers.normalise``) cleans them, so the same bytes always
give the same text: every span in the graph indexes ``Document.text``.
Anything that is not readable minutes raises ``ReadError`` naming the file and
the reason, so a batch can report it and go on with the other files.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from kg.errors import KGError, ReadError
from kg.readers import FormatError
from kg.readers.detect import Unsupported, is_markdown, sniff
from kg.readers.normalise import Line, assemble
from kg.records import Document

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
DEFAULT_MAX_BYTES = 25 * 1024 * 1024
_MB = 1024 * 1024
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


# --- finding files ------------------------------------------------------------------------------


def collect_files(paths: list[Path]) -> list[Path]:
    """Every minutes file under ``paths``: files as given, folders searched recursively.

    Files named explicitly are kept whatever their suffix (the reader judges the
    content); in folders only the minutes suffixes count, hidden files and Office
    lock files are skipped, symlinked folders are followed once (no loops), and
    a folder that cannot be listed is returned itself so the reader reports it.
    Each folder's files are sorted; a file reached twice is listed once.
    """
    seen: set[str] = set()
    return [Path(f) for p in paths for f, _ in _unique(_found(p), seen)]


def collect_below(p: Path) -> list[tuple[str, str | None]]:
    """``collect_files([p])`` as strings, each with its path below the folder ``p`` ("2019/m.txt").

    The path below is None where knowing it would take a system call: for a
    symlink, a folder that cannot be listed, or ``p`` itself when it is a
    file. A build names every file this way (``kg.build.plan_sources``),
    without a ``Path`` for each of them (a tenth of a second at 10,000).
    """
    return list(_unique(_found(p), set()))


Found = tuple[str, str, str | None, str | None]  # (sort key, path, path below, real path)


def _unique(found: list[Found], seen: set[str]) -> Iterator[tuple[str, str | None]]:
    """(path, path below) of each file of ``_found`` not in ``seen`` (by real path), adding it there."""
    for _, f, below, real in found:
        key = real or os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            yield f, below


def _found(p: Path) -> list[Found]:
    """``_walk`` sorted by path (every path in it starts with ``p``), or ``p`` itself when not a folder."""
    return sorted(_walk(p), key=lambda f: f[0]) if _is_dir(p) else [("", str(p), None, None)]


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:
        return False


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$")) or name.endswith("~")


def _suffix(name: str) -> str:
    """``Path(name).suffix``, lower-cased, without making a ``Path``."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _prefix(folder: str) -> str:
    """What ``str(Path(folder) / name)`` puts before ``name`` (``folder`` as ``str`` of a ``Path``)."""
    return "" if folder == "." else folder if folder.endswith("/") else folder + "/"


def _walk(root: Path) -> list[Found]:
    """(path below ``root`` to sort by, path, that path below if not a symlink, real path or None) of
    each minutes file below ``root``, the path as ``str`` of the ``Path``.

    The real path is None where it needs ``os.path.realpath``. A file that is
    not a symlink is its folder's real path plus its name: one ``realpath``
    per folder instead of one per file (half a second at 10,000).
    """
    found: list[Found] = []
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        folder, below = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in visited:
                continue  # a symlink back into a folder already searched
            visited.add((st.st_dev, st.st_ino))
            entries = list(os.scandir(folder))
            real = _prefix(os.path.realpath(folder))
        except OSError:
            found.append((below.rstrip("/"), str(folder), None, None))  # unreadable: read_document will say why
            continue
        here = _prefix(str(folder))
        for entry in entries:
            name = entry.name
            if _skipped(name):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((folder / name, f"{below}{name}/"))
            elif _suffix(name) in SUFFIXES:
                try:
                    plain = not entry.is_symlink()
                except OSError:
                    plain = False
                key = below + name
                found.append((key, here + name, key if plain else None, real + name if plain else None))
    return found


# --- reading ------------------------------------------------------------------------------------


def max_bytes_default() -> int:
    """The size limit: ``KG_MAX_BYTES`` (bytes, or with a unit: "50MB", "1G") or 25 MB."""
    value = os.environ.get("KG_MAX_BYTES")
    if not value:
        return DEFAULT_MAX_BYTES
    m = _SIZE.match(value)
    if not m:
        raise KGError(f"KG_MAX_BYTES: expected a size such as 26214400 or 25MB, got {value!r}")
    scale = {"": 1, "k": 1024, "m": _MB, "g": 1024 * _MB}[m.group(2).lower()]
    return int(float(m.group(1)) * scale)


def read_document(path: Path, source: str | None = None, *, max_bytes: int | None = None) -> Document:
    """Read one minutes file; raise ``ReadError`` (file and reason) when it is not readable minutes."""
    where = source or str(path)
    limit = max_bytes_default() if max_bytes is None else max_bytes
    raw = _read_bytes(Path(path), where, limit)
    digest = hashlib.sha256(raw).hexdigest()
    suffix = Path(path).suffix.lower()
    try:
        kind = sniff(raw, suffix)
    except Unsupported as exc:
        raise ReadError(where, str(exc)) from exc
    lines, warnings, kind = _read_kind(raw, kind, suffix, where)
    text, headings = assemble(lines, markdown=kind == "markdown")
    if not text.strip():
        raise ReadError(where, "no text: the file is blank" if kind in ("text", "markdown")
                        else f"no text found in this {kind.upper() if kind != 'docx' else 'Word'} file")
    return Document(source or Path(path).name, text, digest, kind, warnings, headings)


def _read_bytes(path: Path, where: str, limit: int) -> bytes:
    """The raw bytes, refusing folders, special files and anything over ``limit`` before reading it."""
    try:
        st = regular_file_stat(path)
    except OSError as exc:
        raise ReadError(where, exc.strerror) from exc
    if st.st_size > limit:
        raise ReadError(where, _too_big(st.st_size, limit))
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ReadError(where, _os_reason(exc)) from exc
    if len(raw) > limit:
        raise ReadError(where, _too_big(len(raw), limit))
    if not raw:
        raise ReadError(where, "empty file (0 bytes)")
    return raw


def regular_file_stat(path: Path | str) -> os.stat_result:
    """``os.stat`` of a regular file; otherwise ``OSError`` whose ``strerror`` is the reason to report.

    Both a build's first look (hashing) and the reader use it, so a symlink
    loop, an unlistable folder or a FIFO is named the same way whichever
    meets it first; a FIFO is refused from its mode alone, never opened.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(exc.errno, "symbolic link loop", str(path)) from exc
        if os.path.islink(path):
            raise OSError(exc.errno, "broken symbolic link", str(path)) from exc
        raise OSError(exc.errno, _os_reason(exc), str(path)) from exc
    if stat.S_ISDIR(st.st_mode):
        try:
            os.listdir(path)
        except OSError as exc:
            raise OSError(exc.errno, f"folder cannot be listed ({_os_reason(exc)})", str(path)) from exc
        raise OSError(errno.EISDIR, "is a folder, not a file", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a regular file (a FIFO, device or socket)", str(path))
    return st


def file_sha256(path: Path | str) -> str:
    """The sha256 of a file's bytes, read in chunks; ``OSError`` for anything but a regular file.

    A build hashes every file before reading it; a FIFO (or a device) in the
    corpus would block that read for ever, so it is refused from its mode alone.
    """
    size = regular_file_stat(path).st_size
    digest = hashlib.sha256()
    # A bare descriptor, the first read sized to the file: a build hashes every file each time
    # (a tenth less than an unbuffered file object reading 1 MB chunks, at 10,000 small files).
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        want = min(size + 1, 1 << 20)
        while chunk := os.read(fd, want):
            digest.update(chunk)
            want = 1 << 20
    finally:
        os.close(fd)
    return digest.hexdigest()


def _too_big(size: int, limit: int) -> str:
    return (f"{size / _MB:.1f} MB, larger than the limit of {limit / _MB:.1f} MB "
            f"(set KG_MAX_BYTES to raise it)")


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)


def _read_kind(raw: bytes, kind: str, suffix: str, where: str) -> tuple[list[Line], list[str], str]:
    """Run the reader for ``kind``; a failure of a format library means a corrupt file."""
    from kg.readers.text import (
        decode,
        text_lines,
        without_email_header,
        without_front_matter,
        without_page_furniture,
    )

    if kind == "text":
        try:
            text, warnings = decode(raw)
        except FormatError as exc:
            raise ReadError(where, str(exc)) from exc
        if is_markdown(text, suffix):
            return text_lines(without_front_matter(text)), warnings, "markdown"
        return text_lines(without_page_furniture(without_email_header(text))), warnings, "text"
    try:
        if kind == "html":
            from kg.readers.html import read_html as reader
        elif kind == "pdf":
            from kg.readers.pdf import read_pdf as reader
        else:
            from kg.readers.docx import read_docx as reader
        lines, warnings = reader(raw)
    except FormatError as exc:  # the readers' own verdicts: the message is the reason
        raise ReadError(where, " ".join(str(exc).split())) from exc
    except Exception as exc:  # noqa: BLE001 - a parser library failing on damaged input
        raise ReadError(where, f"corrupt {kind} file ({type(exc).__name__})") from exc
    return lines, warnings, kind
