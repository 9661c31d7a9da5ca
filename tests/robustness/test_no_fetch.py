"""No command ever fetches a URL found in a document.

Every way Python opens a connection is replaced by a trap that records the
attempt and fails loudly; then extract, build, lookups, analyse, map and
export run over documents full of links, images, stylesheets, frames and
bare URLs. A caught exception could hide an attempt, so the test checks the
record, not only the outcome.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.request

import pytest
from rb_files import docx_bytes, pdf_bytes
from rb_helpers import run_kg
from rb_minutes import CLEAN, LINKY_HTML

URLS = """
See https://evil.example/a and http://evil.example/b?x=1, ftp://evil.example/c, //evil.example/d and
www.evil.example/e. Images: ![chart](http://evil.example/chart.png) <img src="https://evil.example/i.gif">
<link rel=stylesheet href=https://evil.example/s.css> <iframe src=http://evil.example/f></iframe>
Action: Martin Crowe to read src=http://evil.example/brief and href=//evil.example/notes by 30 April 2023.
RESOLVED that the report at https://evil.example/report.pdf be noted.
"""


@pytest.fixture
def attempts(monkeypatch) -> list[str]:
    seen: list[str] = []

    def trap(what: str):
        def refuse(*args, **kwargs):
            seen.append(f"{what} {args[1:2] or args[:1]}")
            raise OSError(f"test: {what} is forbidden (a document URL was about to be fetched)")
        return refuse

    monkeypatch.setattr(socket.socket, "connect", trap("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", trap("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", trap("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", trap("socket.getaddrinfo"))
    monkeypatch.setattr(urllib.request, "urlopen", trap("urllib.urlopen"))
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", trap("urllib.open"))
    monkeypatch.setattr(http.client.HTTPConnection, "connect", trap("http.client.connect"))
    monkeypatch.setattr(ssl.SSLContext, "wrap_socket", trap("ssl.wrap_socket"))
    return seen


@pytest.fixture
def linky_folder(tmp_path):
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "page.html").write_text(LINKY_HTML, encoding="utf-8")
    (folder / "notes.md").write_text(CLEAN.replace("14 March 2023", "13 June 2023") + URLS, encoding="utf-8")
    (folder / "minutes.txt").write_text(CLEAN.replace("14 March 2023", "12 September 2023") + URLS,
                                        encoding="utf-8")
    (folder / "minutes.pdf").write_bytes(pdf_bytes(CLEAN.replace("14 March 2023", "12 December 2023") + URLS))
    (folder / "minutes.docx").write_bytes(docx_bytes(CLEAN.replace("14 March 2023", "12 March 2024") + URLS))
    return folder


def test_no_command_connects_anywhere(attempts, linky_folder, tmp_path):
    store = str(tmp_path / "store")
    out = tmp_path / "out"
    out.mkdir()
    runs = [
        ["extract", str(linky_folder), "--format", "json"],
        ["build", str(linky_folder), "--store", store, "-q"],
        ["validate", "--store", store],
        ["stats", "--store", store],
        ["person", "Martin Crowe", "--store", store, "--evidence"],
        ["org", "Wyvern Housing Trust", "--store", store, "--evidence"],
        ["meeting", "Wyvernshire", "2023-03-14", "--store", store, "--evidence"],
        ["programmes", "--store", store],
        ["queries"],
        ["query", "people", "--store", store],
        ["query", "SELECT ?o WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'evil.example')) }", "--store", store],
        ["actions", "--store", store, "--evidence"],
        ["decisions", "--store", store, "--evidence"],
        ["analyse", "--store", store],
        *(["map", "--store", store, "-p", p, "-o", str(out / f"{p}.html")]
          for p in ("people", "orgs", "people-orgs", "people-programmes", "bodies", "meetings")),
        ["export", "--store", store, "--format", "ttl", "-o", str(out / "g.ttl")],
        ["export", "--store", store, "--format", "jsonld", "-o", str(out / "g.jsonld")],
        ["export", "--store", store, "--graph", "people", "--format", "gexf", "-o", str(out / "g.gexf")],
    ]
    for args in runs:
        result = run_kg(*args)
        assert result.exit_code == 0, (args[0], result.stderr)
    assert attempts == []
    assert "evil.example" in (out / "g.ttl").read_text(encoding="utf-8")  # the URLs were read, as text


def test_maps_of_linky_documents_refer_to_no_other_host(attempts, linky_folder, tmp_path):
    """The map is offline: URLs from documents are data in it, never a src or href."""
    from bs4 import BeautifulSoup

    store = str(tmp_path / "store")
    assert run_kg("build", str(linky_folder), "--store", store, "-q").exit_code == 0
    for projection in ("people", "meetings", "people-programmes"):
        path = tmp_path / f"{projection}.html"
        assert run_kg("map", "--store", store, "-p", projection, "-o", str(path)).exit_code == 0
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        refs = [t.get("src") or t.get("href") for t in soup.find_all(True) if t.get("src") or t.get("href")]
        assert not [r for r in refs if "//" in r], refs
    assert attempts == []


def test_a_name_that_reads_like_a_link_is_drawn_as_text(attempts):
    """Regression: a label such as "src=http://..." once made every map fail as "not offline"."""
    import networkx as nx
    from bs4 import BeautifulSoup

    from kg.maps import render_map

    g = nx.Graph()
    g.add_node("a", label="Ann src=http://evil.example/x href=//evil.example", type="person")
    g.add_node("b", label="<img src=https://evil.example/i.gif>", type="person")
    g.add_edge("a", "b", weight=1)
    page = render_map(g)
    labels = BeautifulSoup(page, "html.parser").find_all("img")
    assert labels == [] and "src=http://evil.example/x" in page
    assert attempts == []
