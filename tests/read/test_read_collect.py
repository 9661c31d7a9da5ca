"""collect_files: which files a folder (or a list of paths) stands for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.documents import collect_files


def touch(path: Path, text: str = "Minutes") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_folders_are_searched_recursively_for_minutes_suffixes_in_sorted_order(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.PDF", "e.docx", "f.htm", "g.markdown"]:
        touch(tmp_path / name)
    for name in ["notes.csv", "image.png", "README"]:
        touch(tmp_path / name)
    found = collect_files([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in found] == sorted(
        ["a.md", "b.txt", "e.docx", "f.htm", "g.markdown", "sub/c.html", "sub/deeper/d.PDF"]
    )


def test_hidden_files_lock_files_and_backups_are_skipped(tmp_path):
    touch(tmp_path / "keep.txt")
    for name in [".hidden.txt", ".git/config.txt", "~$minutes.docx", "minutes.txt~"]:
        touch(tmp_path / name)
    assert collect_files([tmp_path]) == [tmp_path / "keep.txt"]


def test_explicit_files_are_kept_whatever_their_suffix_and_in_the_order_given(tmp_path):
    a, b = touch(tmp_path / "z-export"), touch(tmp_path / "a.txt")
    missing = tmp_path / "missing.txt"
    assert collect_files([a, b, missing]) == [a, b, missing]  # the reader reports the missing one


def test_a_file_reached_twice_is_listed_once(tmp_path):
    f = touch(tmp_path / "m.txt")
    assert collect_files([f, tmp_path, f]) == [f]


def test_a_file_reached_through_symlinks_is_listed_once(tmp_path):
    real = touch(tmp_path / "archive" / "m.txt")
    (tmp_path / "archive" / "n.txt").symlink_to(real)  # a second name for the same file, in its folder
    (tmp_path / "mirror").symlink_to(tmp_path / "archive")  # the same folder under another name
    assert collect_files([tmp_path / "archive", tmp_path / "mirror"]) == [real]


def test_symlink_loop_in_a_folder_does_not_hang(tmp_path):
    touch(tmp_path / "root" / "m.txt")
    (tmp_path / "root" / "again").symlink_to(tmp_path / "root")  # root/again -> root
    (tmp_path / "root" / "self.txt").symlink_to(tmp_path / "root" / "self.txt")
    found = collect_files([tmp_path / "root"])
    assert tmp_path / "root" / "m.txt" in found
    assert tmp_path / "root" / "self.txt" in found  # returned, so the reader reports the loop
    assert len(found) == 2


def test_symlinked_folder_is_followed(tmp_path):
    touch(tmp_path / "archive" / "2019" / "m.txt")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "2019").symlink_to(tmp_path / "archive" / "2019")
    assert collect_files([tmp_path / "data"]) == [tmp_path / "data" / "2019" / "m.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_unlistable_folder_is_returned_for_the_reader_to_report(tmp_path):
    locked = tmp_path / "locked"
    touch(locked / "m.txt")
    locked.chmod(0)
    try:
        assert collect_files([tmp_path]) == [locked]
    finally:
        locked.chmod(0o755)
