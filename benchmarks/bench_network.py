"""Benchmark: network analytics and maps on a synthetic graph of 3,000 people.

Generates TriG following docs/model.md (bodies, organisations, meetings over
three years, attendances with evidence, decisions on programmes, actions),
loads it into an in-memory store, then times each stage and reports it as a
ratio to the store query that feeds it (the attendance query), so the figures
travel between machines.

    .venv/bin/python benchmarks/bench_network.py            # 3,000 people, with the browser
    .venv/bin/python benchmarks/bench_network.py --people 500 --no-browser
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "network"))

from kg import analytics as A  # noqa: E402
from kg.maps import render_map, write_map  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402

PREFIXES = """@base <https://w3id.org/partnership-kg/id/> .
@prefix gov: <https://w3id.org/partnership-kg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def s(text: str) -> str:
    return json.dumps(text) + "^^xsd:string"


def synthetic_trig(people: int = 3000, bodies: int = 30, orgs: int = 60, meetings_per_body: int = 12,
                   attendees: int = 25, programmes: int = 40, seed: int = 7) -> str:
    """A governance graph: each body draws its attendees from a pool; a few people sit on several bodies."""
    rng = random.Random(seed)
    person_org = [rng.randrange(orgs) for _ in range(people)]
    pools = [list(range(b * people // bodies, (b + 1) * people // bodies)) for b in range(bodies)]
    for p in rng.sample(range(people), people // 20):  # 5% brokers sit on one or two more bodies
        for b in rng.sample(range(bodies), rng.randint(1, 2)):
            pools[b].append(p)
    out = [PREFIXES]
    for b in range(bodies):
        pool = pools[b][:]
        rng.shuffle(pool)
        share = -(-len(pool) // meetings_per_body)  # everyone in the pool attends at least once
        for k in range(meetings_per_body):
            date = f"{2017 + k // 4}-{1 + 3 * (k % 4):02d}-{rng.randint(1, 28):02d}"
            m = f"meeting/body-{b}/{date}"
            g = [f"<graph/body-{b}-{date}> {{",
                 f"<{m}> a gov:Meeting ; gov:body <body/body-{b}> ; dcterms:date \"{date}\"^^xsd:date ."]
            present = pool[k * share:(k + 1) * share]
            others = [p for p in pools[b] if p not in present]
            present += rng.sample(others, max(0, min(attendees - len(present), len(others))))
            for i, p in enumerate(present):
                a = f"{m}/attendance/person-{p}"
                cap = "gov:Chair" if i == 0 else "gov:Member"
                g.append(f"<{a}> a gov:Attendance ; gov:meeting <{m}> ; gov:attendee <person/person-{p}> ; "
                         f"gov:capacity {cap} ; gov:representing <org/org-{person_org[p]}> ; "
                         f"gov:evidence <{a}/evidence> .")
                g.append(f"<{a}/evidence> a oa:SpecificResource ; oa:hasSelector <{a}/evidence/quote> .")
                g.append(f"<{a}/evidence/quote> a oa:TextQuoteSelector ; oa:exact {s(f'Person {p}, Org {person_org[p]}')} .")
                g.append(f"<person/person-{p}> gov:attended <{m}> .")
            for n in range(1, 3):
                item, prog = f"{m}/item/{n}", rng.randrange(programmes)
                owner = rng.choice(present)
                g.append(f"<{item}> a gov:AgendaItem ; dcterms:isPartOf <{m}> ; gov:presentedBy <person/person-{rng.choice(present)}> .")
                g.append(f"<{m}/decision/{n}> a gov:Decision ; gov:decidedAt <{m}> ; gov:agendaItem <{item}> ; "
                         f"gov:concerns <programme/programme-{prog}> .")
                g.append(f"<{m}/action/{n}> a gov:Action ; gov:assignedAt <{m}> ; gov:agendaItem <{item}> ; "
                         f"schema:agent <person/person-{owner}> .")
            g.append("}")
            out.append("\n".join(g))
    links = ["<graph/links> {"]
    links += [f"<person/person-{p}> a foaf:Person ; foaf:name {s(f'Person {p}')} ." for p in range(people)]
    links += [f"<org/org-{o}> a org:Organization ; skos:prefLabel {s(f'Organisation {o}')} ." for o in range(orgs)]
    links += [f"<body/body-{b}> a gov:PartnershipBody ; skos:prefLabel {s(f'Body {b}')} ." for b in range(bodies)]
    links += [f"<programme/programme-{k}> a gov:Programme ; skos:prefLabel {s(f'Programme {k}')} ."
              for k in range(programmes)]
    out.append("\n".join(links) + "\n}")
    return "\n".join(out)


def timed(fn, *args, **kw):
    t = time.perf_counter()
    result = fn(*args, **kw)
    return result, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    trig, t_gen = timed(synthetic_trig, args.people)
    store = OxigraphStore(":memory:")
    _, t_load = timed(store.ox.load, trig.encode(), format=ox.RdfFormat.TRIG)
    f = A.Filters()
    rows, t_query = timed(A.fetch_attendance, store, f)
    figures: dict[str, float] = {}
    data, figures["fetch (all queries)"] = timed(A.fetch, store, f)
    g, figures["people projection"] = timed(A.build_projection, data, "people")
    _, figures["betweenness"] = timed(A.betweenness, g)
    _, figures["pagerank"] = timed(A.pagerank, g)
    _, figures["louvain"] = timed(A.communities, g)
    _, figures["kg analyse (people, whole report)"] = timed(A.analyse, store, "people")
    _, figures["kg analyse (orgs, whole report)"] = timed(A.analyse, store, "orgs")
    m, _ = timed(A.measure, g)
    _, figures["map html from graph (layout + render)"] = timed(render_map, g, "degree", "bench", m)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "map.html"
        _, figures["kg map (store to file)"] = timed(write_map, store, page)
        size_mb = page.stat().st_size / 1e6
        if not args.no_browser:
            from headless import Browser, chromium

            if chromium() is None:
                print("chromium missing: no browser figure", file=sys.stderr)
            else:
                with Browser(timeout=300) as b:
                    figures["browser: navigate to drawn"] = b.open(page)
                    figures["browser: page script to first draw"] = b.evaluate("window.kgDrawnMs") / 1000

    head = {
        "people": g.number_of_nodes(), "co-attendance edges": g.number_of_edges(),
        "attendance rows": len(rows), "quads": len(store), "map MB": round(size_mb, 2),
        "generate TriG s": round(t_gen, 3), "load s": round(t_load, 3), "attendance query s": round(t_query, 4),
    }
    if args.json:
        print(json.dumps({**head, "stages": {k: {"s": round(v, 3), "x query": round(v / t_query, 1)}
                                             for k, v in figures.items()}}, indent=2))
        return 0
    for k, v in head.items():
        print(f"{k:>28}: {v}")
    print(f"\n{'stage':<40} {'seconds':>9} {'x query':>9}")
    for k, v in figures.items():
        print(f"{k:<40} {v:>9.3f} {v / t_query:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
