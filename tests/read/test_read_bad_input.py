"""Files that are not readable minutes: one ReadError naming the file and the reason, never a crash."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.documents import read_document
from kg.errors import KGError, ReadError


def one_line_error(path: Path, **kwargs) -> str:
    with pytest.raises(ReadError) as err:
        read_document(path, **kwargs)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message or path.name in message
    return message


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert "empty file" in one_line_error(tmp_path / "empty.txt")


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n \xc2\xa0\n")
    assert "no text" in one_line_error(tmp_path / "blank.txt")


def test_binary_file(tmp_path):
    (tmp_path / "data.txt").write_bytes(bytes(range(256)) * 8)
    assert "binary" in one_line_error(tmp_path / "data.txt")


def test_control_characters_without_nul_are_binary(tmp_path):
    (tmp_path / "ctl.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 65]) * 50)
    assert "binary" in one_line_error(tmp_path / "ctl.txt")


def test_image_is_named_in_the_reason(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert "PNG image" in one_line_error(tmp_path / "scan.txt")


def test_legacy_word_doc_gets_advice(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert ".docx" in one_line_error(tmp_path / "old.doc")


def test_fifty_megabyte_file_is_refused_quickly_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: costs no disk
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    message = one_line_error(big)
    assert time.perf_counter() - start < 0.5
    assert "50.0 MB" in message and "limit" in message


def test_size_limit_from_argument_and_environment(tmp_path, monkeypatch):
    f = tmp_path / "m.txt"
    f.write_text("Minutes of the Cabinet " * 100)
    assert "limit" in one_line_error(f, max_bytes=1000)
    monkeypatch.setenv("KG_MAX_BYTES", "1KB")
    assert "limit" in one_line_error(f)
    monkeypatch.setenv("KG_MAX_BYTES", "1MB")
    assert read_document(f).text.startswith("Minutes")
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with pytest.raises(KGError, match="KG_MAX_BYTES"):
        read_document(f)


def test_missing_file_folder_and_special_file(tmp_path):
    assert "no such file" in one_line_error(tmp_path / "gone.txt").lower()
    (tmp_path / "dir").mkdir()
    assert "folder" in one_line_error(tmp_path / "dir")
    os.mkfifo(tmp_path / "pipe.txt")
    assert "not a regular file" in one_line_error(tmp_path / "pipe.txt")  # and it does not block


def test_broken_symlink_and_symlink_loop(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    assert "broken" in one_line_error(tmp_path / "dangling.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert "loop" in one_line_error(tmp_path / "loop.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("Minutes")
    f.chmod(0)
    assert "permission" in one_line_error(f).lower()


@settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]).flatmap(
        lambda head: st.binary(max_size=600).map(lambda tail: head + tail)),
), name=st.sampled_from(["m.txt", "m.md", "m.html", "m.pdf", "m.docx", "m"]))
def test_arbitrary_bytes_give_a_document_or_a_read_error(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    assert doc.text.strip()
    for h in doc.headings:
        assert 0 <= h.start < h.end <= len(doc.text)
    assert read_document(path).text == doc.text  # the same bytes, the same text
