"""Maps made from minutes whose names, bodies, items and decisions carry markup stay inert.

The store is built by ``kg build`` from a minutes file (``rb_minutes.HOSTILE``)
with ``<script>``, ``<img onerror>``, ``"onmouseover="`` and ``</script>`` in
the places the parser lifts text from. Every projection's map must contain no
unescaped payload, no extra element or handler, and, in a real headless
chromium, open no dialog and run no injected code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rb_helpers import run_kg
from rb_minutes import CLEAN, PAYLOADS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "network"))  # headless.py

from headless import Browser, chromium  # noqa: E402

PROJECTIONS = ["people", "orgs", "people-orgs", "people-programmes", "bodies", "meetings"]
ESCAPED_SCRIPT = "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"  # how the page's JSON must carry it


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("clean-only") / "wyvern"
    folder.mkdir()
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    location = str(tmp_path_factory.mktemp("clean-store") / "store")
    assert run_kg("build", str(folder), "--store", location, "-q").exit_code == 0
    return location


def make_map(store: str, path: Path, *extra: str) -> str:
    result = run_kg("map", "--store", store, "-o", str(path), *extra)
    assert result.exit_code == 0, result.stderr
    return path.read_text(encoding="utf-8")


def structure(page: str) -> dict:
    """What a payload would have to add to do harm: elements, script blocks, inline handlers."""
    soup = BeautifulSoup(page, "html.parser")
    return {
        "scripts": len(soup.find_all("script")),
        "tags": sorted({t.name for t in soup.find_all(True)}),
        "handlers": sorted({a for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")}),
        "external": sorted(t.get("src") or t.get("href") for t in soup.find_all(("script", "link", "img", "iframe"))
                           if t.get("src") or t.get("href")),
    }


@pytest.mark.parametrize("projection", PROJECTIONS)
def test_map_holds_no_unescaped_payload(built_store, clean_store, tmp_path, projection):
    hostile = make_map(built_store, tmp_path / "hostile.html", "-p", projection)
    reference = make_map(clean_store, tmp_path / "clean.html", "-p", projection)
    for payload in PAYLOADS:
        assert hostile.count(payload) == reference.count(payload), payload
    assert structure(hostile) == structure(reference)


def test_payloads_really_reach_the_maps(built_store, tmp_path):
    """Without this, the test above could pass on maps that simply dropped the hostile text."""
    pages = [make_map(built_store, tmp_path / f"{p}.html", "-p", p) for p in PROJECTIONS]
    assert any(ESCAPED_SCRIPT in page for page in pages)
    assert any("alert(1)" in page for page in pages)


def test_title_and_body_label_are_escaped(built_store, clean_store, tmp_path):
    for extra in (["--title", PAYLOADS[0] + PAYLOADS[1] + PAYLOADS[2]], ["--body", "Wyvernshire alert"]):
        hostile = make_map(built_store, tmp_path / "t.html", *extra)
        reference = make_map(clean_store, tmp_path / "r.html")
        for payload in PAYLOADS:
            assert hostile.count(payload) == reference.count(payload), (extra, payload)
        assert structure(hostile) == structure(reference)


# Hover every node and edge as a user would; collect what the tooltips show.
HOVER_ALL = """(() => {
  const tip = document.querySelector('.kg-tip');
  const at = {DOM: {x: 5, y: 5}};
  let text = '';
  nodes.getIds().forEach(id => { network.emit('hoverNode', {node: id, pointer: at}); text += tip.textContent + '\\n'; });
  edges.getIds().forEach(id => { network.emit('hoverEdge', {edge: id, pointer: at}); text += tip.textContent + '\\n'; });
  const search = document.getElementById('kg-search');
  search.value = '<script>'; search.dispatchEvent(new Event('input'));
  return {injected: document.querySelectorAll('img, iframe, svg, .kg-tip *:not(strong):not(div)').length,
          text: text};
})()"""


@pytest.mark.browser
@pytest.mark.skipif(chromium() is None, reason="chromium is not installed")
def test_no_dialog_fires_in_a_real_browser(built_store, tmp_path):
    shown = ""
    with Browser(timeout=60) as browser:
        for projection in PROJECTIONS:
            path = tmp_path / f"{projection}.html"
            make_map(built_store, path, "-p", projection, "--title", PAYLOADS[0])
            browser.open(path)
            found = browser.evaluate(HOVER_ALL)
            assert found["injected"] == 0, projection
            shown += found["text"]
        assert browser.dialogs == [] and browser.errors == []
        assert all(url.startswith("file://") for url in browser.requests), browser.requests
    assert "alert(1)" in shown  # the hostile text was on screen, as text
