"""Fixtures of the robustness suite: the fixture minutes folder and a store built from it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # rb_helpers, rb_minutes, rb_files

from rb_helpers import run_kg  # noqa: E402
from rb_minutes import CLEAN, HOSTILE  # noqa: E402


@pytest.fixture(scope="session")
def minutes_folder(tmp_path_factory) -> Path:
    """A folder with the clean fixture minutes and their hostile twin."""
    folder = tmp_path_factory.mktemp("rb-minutes") / "wyvern"
    folder.mkdir()
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def built_store(minutes_folder, tmp_path_factory) -> str:
    """An on-disk store built by ``kg build`` from ``minutes_folder``; tests open it read-only."""
    location = str(tmp_path_factory.mktemp("rb-store") / "store")
    result = run_kg("build", str(minutes_folder), "--store", location, "--quiet")
    assert result.exit_code == 0, result.stderr
    return location
