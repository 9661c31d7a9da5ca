"""Readers keep answering while a build writes, and two builds never write one store at once.

Everything here runs real ``kg`` processes against one on-disk store.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from test_kill import ENV, KG, make_corpus

from kg.rdf import LINKS_GRAPH
from kg.store import open_store
from kg.validate import validate_store

N = 36


@pytest.fixture
def half_built(tmp_path) -> tuple[Path, str]:
    """A corpus of N minutes, the first half already built into a store."""
    corpus = make_corpus(tmp_path / "minutes", N)
    first = tmp_path / "first" / "minutes"
    first.mkdir(parents=True)
    for f in sorted(corpus.iterdir())[: N // 2]:
        (first / f.name).write_bytes(f.read_bytes())
    location = str(tmp_path / "store")
    subprocess.run([*KG, "build", str(first), "--store", location, "-q"], env=ENV, check=True, timeout=300)
    return corpus, location


def start_build(corpus: Path, location: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*KG, "build", str(corpus), "--store", location, "-q", "--jobs", "1", *extra],
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lock_holder(location: str, timeout: float = 60) -> int:
    """The pid the build lock file names, once a build has taken it."""
    path = Path(location) / "kg-build.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            text = path.read_text()
        except FileNotFoundError:
            text = ""
        if text.strip():
            return int(text.split()[0])
        time.sleep(0.02)
    raise AssertionError("no build took the lock")


def documents(location: str) -> int:
    with open_store(location, read_only=True) as store:
        return len(store.select("SELECT ?g WHERE { GRAPH ?g { ?d gov:sha256 ?sha } }"))


def test_lookups_keep_answering_while_a_build_writes(half_built):
    corpus, location = half_built
    build = start_build(corpus, location)
    seen: list[int] = []
    cli_runs = 0
    try:
        while build.poll() is None:
            seen.append(documents(location))  # opens read-only each time, as every reading command does
            if cli_runs < 4:
                out = subprocess.run([*KG, "stats", "--store", location, "--format", "json"], env=ENV,
                                     capture_output=True, text=True, timeout=120)
                assert out.returncode == 0, out.stderr
                counts = {r["what"]: r["count"] for r in json.loads(out.stdout)}
                assert N // 2 <= counts["documents"] <= N
                person = subprocess.run([*KG, "person", "Helen Marsh", "--store", location, "--format", "json"],
                                        env=ENV, capture_output=True, text=True, timeout=120)
                assert person.returncode == 0, person.stderr
                cli_runs += 1
    finally:
        build.wait(timeout=300)
    assert build.returncode == 0, build.stderr
    seen.append(documents(location))
    assert seen == sorted(seen), "a reader saw documents disappear"
    assert seen[0] >= N // 2 and seen[-1] == N
    assert len(seen) >= 3
    with open_store(location, read_only=True) as store:
        assert validate_store(store) == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_server_keeps_answering_while_a_build_writes(half_built):
    corpus, location = half_built
    port = free_port()
    server = subprocess.Popen([*KG, "serve", "--store", location, "--port", str(port), "-q", "--workers", "1"],
                              env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?m a gov:Meeting }"})
    url = f"http://127.0.0.1:{port}/sparql?{query}"

    def ask() -> int:
        with urllib.request.urlopen(url, timeout=30) as reply:
            assert reply.status == 200
            return int(json.load(reply)["results"]["bindings"][0]["n"]["value"])

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                before = ask()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        build = start_build(corpus, location)
        answers = 0
        while build.poll() is None:
            assert ask() >= before
            answers += 1
        assert build.wait(timeout=300) == 0
        assert answers >= 3
        ask()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_a_second_build_refuses_clearly_and_a_waiting_one_follows(half_built):
    corpus, location = half_built
    first = start_build(corpus, location)
    try:
        pid = lock_holder(location)
        assert pid == first.pid
        second = subprocess.run([*KG, "build", str(corpus), "--store", location, "-q"], env=ENV,
                                capture_output=True, text=True, timeout=120)
        assert second.returncode == 1
        assert f"another build (pid {first.pid}" in second.stderr and "Traceback" not in second.stderr
        waiting = start_build(corpus, location, "--wait", "300")
        first_running = first.poll() is None
    finally:
        assert first.wait(timeout=300) == 0
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    if first_running:  # else it found the lock already free
        assert "waiting up to 300 s" in err
    assert documents(location) == N
    with open_store(location, read_only=True) as store:
        assert validate_store(store) == []
        assert LINKS_GRAPH in store.graphs()


def test_the_lock_of_a_killed_build_is_detected_and_cleared(half_built):
    corpus, location = half_built
    first = start_build(corpus, location)
    assert lock_holder(location) == first.pid
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    again = subprocess.run([*KG, "build", str(corpus), "--store", location, "-q"], env=ENV,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"cleared the lock of an interrupted build (pid {first.pid}" in again.stderr
    assert documents(location) == N
