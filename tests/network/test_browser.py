"""The map in a real headless chromium: drawn, offline, and inert with hostile names.

Driven over the DevTools protocol (``headless.Browser``) so the test sees every
request the page makes and any dialog it opens.
"""

from __future__ import annotations

import pytest
from headless import Browser, chromium

from kg.maps import write_map

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium() is None, reason="chromium is not installed (.ci/setup.d/20-chromium.sh)"),
]

HOSTILE = "<img src=x onerror=alert(1)>"

# Count the canvas pixels that are not transparent: a drawn network paints some.
PAINTED = """(() => {
  const c = document.querySelector('#mynetwork canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
  return n;
})()"""

# Hover every node and edge, as a user would, collecting what the tooltip shows; then
# look for markup the names could have injected.
TOOLTIPS = """(() => {
  const tip = document.querySelector('.kg-tip');
  const at = {DOM: {x: 5, y: 5}};
  let text = '';
  nodes.getIds().forEach(id => { network.emit('hoverNode', {node: id, pointer: at}); text += tip.textContent + '\\n'; });
  edges.getIds().forEach(id => { network.emit('hoverEdge', {edge: id, pointer: at}); text += tip.textContent + '\\n'; });
  return {
    injected: document.querySelectorAll('img, svg, .kg-tip *:not(strong):not(div)').length,
    pwned: document.body.getAttribute('data-pwned'),
    text: text,
  };
})()"""


@pytest.fixture(scope="module")
def browser():
    with Browser(timeout=60) as b:
        yield b


def test_map_draws_offline_and_hostile_names_stay_text(browser, hostile_store, tmp_path):
    path = tmp_path / "map.html"
    write_map(hostile_store, path, projection="people-orgs")
    seconds = browser.open(path)
    assert seconds < 30
    # 10 people and 5 organisations across the two fixtures
    assert int(browser.evaluate("document.body.getAttribute('data-kg-drawn')")) == 15
    assert browser.evaluate(PAINTED) > 1000
    labels = browser.evaluate("nodes.get().map(n => n.label)")
    assert HOSTILE in labels  # shown as the literal text it is

    found = browser.evaluate(TOOLTIPS)
    assert found["injected"] == 0
    assert found["pwned"] is None
    assert HOSTILE in found["text"] and "data-pwned','evidence'" in found["text"]
    assert "<b onmouseover=alert(4)>Chair</b>" in found["text"]  # a role, shown as text
    assert "<img src=x onerror=alert(1)> – \"><svg onload=alert(2)>" in found["text"]  # an edge's tooltip
    assert browser.dialogs == [] and browser.errors == []
    assert all(url.startswith("file://") for url in browser.requests), browser.requests


def test_search_box_selects_matching_people(browser, store, tmp_path):
    path = tmp_path / "search.html"
    write_map(store, path)
    browser.open(path)
    picked = browser.evaluate("""(() => {
      const s = document.getElementById('kg-search');
      s.value = 'archer'; s.dispatchEvent(new Event('input'));
      return [network.getSelectedNodes().map(id => nodes.get(id).label),
              document.getElementById('kg-found').textContent];
    })()""")
    assert picked == [["Alice Archer"], "1 found"]


def test_legend_hides_a_type(browser, store, tmp_path):
    path = tmp_path / "legend.html"
    write_map(store, path, projection="people-orgs")
    browser.open(path)
    hidden = browser.evaluate("""(() => {
      const box = document.querySelector('.kg-legend input[value=organisation]');
      box.checked = false; box.dispatchEvent(new Event('change'));
      return nodes.get({filter: n => n.hidden}).map(n => n.kind);
    })()""")
    assert hidden == ["organisation"] * 3
