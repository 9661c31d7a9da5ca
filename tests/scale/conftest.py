"""A real Oxigraph server on a free 127.0.0.1 port, started once for the scale tests.

The PyPI package ``oxigraph`` (the ``test`` extra) ships the server binary. Tests
that need it are marked ``server`` and skip, saying why, when it is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, str]:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("no Oxigraph server binary: pip install oxigraph (the `test` extra) to run server tests")
    port = free_port()
    log = open(location.parent / f"oxigraph-{port}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {proc.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    pytest.fail("oxigraph serve did not answer within 20 s")


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory):
    """Base URL of a running Oxigraph server (SPARQL at /query, /update, /store)."""
    proc, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
