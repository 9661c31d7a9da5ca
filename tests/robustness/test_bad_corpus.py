"""``kg build`` over a folder of good and bad files: every good file built, every bad one named once.

Run as a user runs it (a real ``kg`` process), so a hang, a traceback or a
half-written store would show exactly as it would for them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rb_files import docx_bytes, encrypted_pdf_bytes, html_bytes, markdown_bytes, pdf_bytes
from rb_minutes import CLEAN

KG = [sys.executable, "-m", "kg.cli"]
GOOD = {  # each a different meeting, so each is its own document in the graph
    "good.txt": CLEAN,
    "good.md": CLEAN.replace("14 March 2023", "13 June 2023"),
    "good.html": CLEAN.replace("14 March 2023", "12 September 2023"),
    "good.pdf": CLEAN.replace("14 March 2023", "12 December 2023"),
    "good.docx": CLEAN.replace("14 March 2023", "12 March 2024"),
}
WRITE = {".txt": str.encode, ".md": markdown_bytes, ".html": html_bytes, ".pdf": pdf_bytes, ".docx": docx_bytes}


def kg(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The folder, and for each bad file a word its one-line reason must contain."""
    root = tmp_path_factory.mktemp("corpus") / "mixed"
    root.mkdir()
    for name, text in GOOD.items():
        (root / name).write_bytes(WRITE[Path(name).suffix](text))
    bad: dict[str, str] = {}

    def add(name: str, data: bytes, why: str) -> None:
        (root / name).write_bytes(data)
        bad[name] = why

    add("empty.txt", b"", "empty")
    add("binary.txt", bytes(range(256)) * 64, "binary")
    whole = pdf_bytes(CLEAN)
    add("truncated.pdf", whole[: len(whole) // 2], "truncated")
    add("encrypted.pdf", encrypted_pdf_bytes(CLEAN), "encrypted")
    add("zero.docx", b"", "empty")
    add("broken.docx", docx_bytes(CLEAN)[:700], "corrupt")
    add("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG")
    os.symlink("loop.txt", root / "loop.txt")  # a link to itself
    bad["loop.txt"] = "symbolic link"
    os.symlink(root / "no-such-file.txt", root / "dangling.txt")
    bad["dangling.txt"] = "link"
    os.mkfifo(root / "pipe.txt")  # not a file at all (chmod 000: see the test further down)
    bad["pipe.txt"] = "regular file"
    with open(root / "huge.txt", "wb") as fh:
        fh.truncate(30 * 1024 * 1024)  # sparse: 30 MB over the 25 MB limit without the disk cost
    bad["huge.txt"] = "limit"
    return root, bad


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    root, _ = corpus
    store = tmp_path_factory.mktemp("corpus-store") / "store"
    return store, kg("build", str(root), "--store", str(store))


def test_build_names_each_bad_file_once_with_its_reason(corpus, built):
    _, bad = corpus
    _, proc = built
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    failures = [ln for ln in proc.stderr.splitlines() if ln.startswith("kg: ") and "mixed/" in ln]
    for name, why in bad.items():
        mine = [ln for ln in failures if f"mixed/{name}:" in ln]
        assert len(mine) == 1, (name, failures)
        assert why.lower() in mine[0].lower(), mine[0]
    assert len(failures) == len(bad), failures
    for name in GOOD:
        assert f"mixed/{name}:" not in proc.stderr


def test_every_good_file_is_built_and_queryable(built):
    store, _ = built
    stats = kg("stats", "--store", str(store), "--format", "csv")
    assert stats.returncode == 0, stats.stderr
    counts = dict(line.split(",") for line in stats.stdout.splitlines()[1:])
    assert int(counts["documents"]) == len(GOOD)
    assert int(counts["meetings"]) == len(GOOD)
    person = kg("person", "Helen Marsh", "--store", str(store), "--format", "json")
    assert person.returncode == 0, person.stderr
    assert '"Helen Marsh"' in person.stdout


def test_store_left_valid(built):
    store, _ = built
    result = kg("validate", "--store", str(store))
    assert result.returncode == 0, result.stdout + result.stderr


def test_rebuild_reports_the_same_failures_and_keeps_the_good(corpus, built):
    """A second run over the same folder skips the good files and still names the bad ones."""
    root, bad = corpus
    store, _ = built
    again = kg("build", str(root), "--store", str(store), "--quiet")
    assert again.returncode == 1
    assert len([ln for ln in again.stderr.splitlines() if ln.startswith("kg: ")]) == len(bad)
    assert kg("validate", "--store", str(store)).returncode == 0


def test_a_folder_named_like_a_file_and_a_missing_path(tmp_path):
    (tmp_path / "minutes.txt").mkdir()  # a folder called minutes.txt holding one good file
    (tmp_path / "minutes.txt" / "inner.txt").write_text(CLEAN, encoding="utf-8")
    store = tmp_path / "store"
    proc = kg("build", str(tmp_path / "minutes.txt"), str(tmp_path / "absent.txt"), "--store", str(store), "-q")
    assert proc.returncode == 1
    assert proc.stderr.count("absent.txt") == 1 and "Traceback" not in proc.stderr
    assert kg("validate", "--store", str(store)).returncode == 0


def _without_root_powers() -> list[str] | None:
    """A command prefix under which file permissions bind; None if this machine cannot give one.

    CI runs as root, and root reads a chmod 000 file. Dropping the two capabilities
    that let it (setpriv, util-linux) makes the kernel refuse as it would a user.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}"]


@pytest.mark.parametrize("locked", ["secret.txt", "locked"])
def test_unreadable_file_or_folder_is_named_with_the_reason(tmp_path, locked):
    prefix = _without_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv: chmod 000 cannot stop root, so nothing to test")
    root = tmp_path / "perms"
    (root / "locked").mkdir(parents=True)
    (root / "good.txt").write_text(CLEAN, encoding="utf-8")
    (root / "secret.txt").write_text(CLEAN.replace("14 March 2023", "13 June 2023"), encoding="utf-8")
    (root / "locked" / "inner.txt").write_text(CLEAN.replace("14 March 2023", "12 September 2023"), encoding="utf-8")
    mode = (root / locked).stat().st_mode
    (root / locked).chmod(0)
    store = tmp_path / "store"
    try:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        proc = subprocess.run([*prefix, *KG, "build", str(root), "--store", str(store), "-j", "1"],
                              capture_output=True, text=True, timeout=240, env=env)
    finally:
        (root / locked).chmod(mode)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    failures = [ln for ln in proc.stderr.splitlines() if ln.startswith("kg: ") and "perms/" in ln]
    assert len(failures) == 1, failures
    assert f"perms/{locked}:" in failures[0] and "permission denied" in failures[0].lower(), failures
    stats = kg("stats", "--store", str(store), "--format", "csv")
    assert "documents,2" in stats.stdout.splitlines(), stats.stdout
    assert kg("validate", "--store", str(store)).returncode == 0


HOSTILE_NAMES = ["x> } ; DROP ALL ; <y.txt", "\"quoted' name.md", "émoji 😀.txt", "-rf.txt", "line\nbreak.txt",
                 "<script>alert(1)<.html", "%00%2e%2e.txt", "back\\slash.txt"]


def test_hostile_file_names_build_as_ordinary_documents(tmp_path):
    """A file name reaches graph IRIs (slugged) and messages; none may break the build or the store."""
    root = tmp_path / "names"
    root.mkdir()
    months = ["January", "February", "March", "April", "May", "June", "July", "September"]
    for name, month in zip(HOSTILE_NAMES, months):
        text = CLEAN.replace("14 March 2023", f"14 {month} 2023")
        (root / name).write_bytes(WRITE[Path(name).suffix](text))
    store = tmp_path / "store"
    proc = kg("build", str(root), "--store", str(store), "-q", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    stats = kg("stats", "--store", str(store), "--format", "csv")
    assert f"documents,{len(HOSTILE_NAMES)}" in stats.stdout.splitlines(), stats.stdout
    assert kg("validate", "--store", str(store)).returncode == 0
    again = kg("build", str(root), "--store", str(store), "-q", "-j", "1", "--prune")
    assert again.returncode == 0, again.stderr
    assert f"documents,{len(HOSTILE_NAMES)}" in kg("stats", "--store", str(store), "--format", "csv").stdout
