"""Every named query on a built store, against rdflib's in-memory Dataset holding the same quads.

    python benchmarks/bench_queries.py --store DIR [--repeat 5] [--rdflib-max-quads 3000000] [--cap 60]
                                       [--params FILE.json] [--only NAME ...]
    python benchmarks/bench_queries.py --store DIR --pick-params FILE.json

``--pick-params`` writes a bindings file for the busiest entities of a store (the
largest answers a lookup can give): the person who attended most meetings, owns
most actions and presented most; the organisation with most attendance and
apology records; the body with most meetings (then most actions) and the body
with most carried-forward actions; the programme most decisions concern; the
meeting with most records and its first action. ``benchmarks/params_store10k.json``
was written this way.

For each query in ``queries/*.rq`` (run without parameters, i.e. over the
whole graph, unless ``--params`` gives a JSON object mapping query names to
their bindings, e.g. ``{"person-meetings": {"person": "id:person/x"}}``, so the
lookup queries are timed the way ``kg person`` / ``kg org`` run them): the median wall time of ``--repeat`` runs on the embedded
Oxigraph store, and one run on ``rdflib.Dataset(default_union=True)`` loaded
from the same store's N-Quads, side by side. An rdflib run is stopped at
``--cap`` seconds (the ratio is then a lower bound, shown with ">"). rdflib is
skipped when the store holds more than ``--rdflib-max-quads`` quads (it needs
about 1 KB of memory per quad). Targets (issue 6): median <= 300 ms on the
10,000-document store and >= 10x faster than rdflib.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg import queries
from kg.namespaces import PREFIXES
from kg.store import OxigraphStore, bind_values


def time_oxigraph(store: OxigraphStore, q, repeat: int, params: dict | None = None) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = len(queries.run(store, q, params))
        times.append(time.perf_counter() - t)
    return statistics.median(times), rows


def _rdflib_child(ds, text: str, conn) -> None:
    t = time.perf_counter()
    n = len(list(ds.query(text)))
    conn.send((time.perf_counter() - t, n))


def time_rdflib(ds, text: str, cap: float) -> tuple[float | None, int | None]:
    """One run in a forked child (sharing the loaded Dataset), killed at ``cap`` seconds."""
    parent, child = mp.Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_rdflib_child, args=(ds, text, child))
    proc.start()
    if parent.poll(cap):
        seconds, n = parent.recv()
        proc.join()
        return seconds, n
    proc.kill()
    proc.join()
    return None, None


def load_rdflib(store: OxigraphStore):
    import rdflib

    buf = io.BytesIO()
    store.serialize(ox.RdfFormat.N_QUADS, buf)
    ds = rdflib.Dataset(default_union=True)
    t = time.perf_counter()
    ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
    return ds, time.perf_counter() - t


_BUSIEST = {
    "attendee": "SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE { ?x gov:attended ?m } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
    "presenter": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?a gov:presenter|gov:presentedBy ?x } "
                 "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
    "owner": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?a schema:agent ?x } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
    "org": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?a gov:representing ?x } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
    "body": "SELECT ?x (COUNT(DISTINCT ?m) AS ?n) (COUNT(?a) AS ?k) WHERE { ?m gov:body ?x . ?a gov:assignedAt ?m } "
            "GROUP BY ?x ORDER BY DESC(?n) DESC(?k) ?x LIMIT 1",
    "carried": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?a gov:carriedForward true ; gov:assignedAt/gov:body ?x } "
               "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
    "programme": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?a gov:concerns ?x } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
    "meeting": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?a gov:meeting ?x } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
}


def pick_params(store: OxigraphStore) -> dict[str, dict[str, str]]:
    """Bindings of the busiest person, organisation, body, programme and meeting (see the module doc)."""
    from kg.namespaces import BASE

    def short(iri: str) -> str:
        return "id:" + iri[len(BASE):] if iri.startswith(BASE) else iri

    top = {k: short(store.select(q)[0]["x"]) for k, q in _BUSIEST.items()}
    person, body = top["attendee"], top["body"]
    return {
        **{q: {"person": person} for q in ("person-meetings", "person-roles", "person-memberships",
                                             "co-attendance", "apologies-by-person")},
        "person-presented": {"person": top["presenter"]},
        "actions": {"owner": top["owner"]},
        "open-actions-by-owner": {"owner": top["owner"]},
        "fact-evidence": {"fact": top["meeting"] + "/action/1"},
        "meeting-attendees": {"meeting": top["meeting"]},
        **{q: {"org": top["org"]} for q in ("org-representatives", "apologies-by-organisation", "attendance-rate",
                                             "open-actions-by-organisation")},
        "decisions": {"programme": top["programme"]},
        "meeting-chain": {"body": body},
        "meetings": {"body": body},
        "actions-carried-forward": {"body": top["carried"]},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cap", type=float, default=60.0, help="seconds before an rdflib run is stopped")
    ap.add_argument("--rdflib-max-quads", type=int, default=3_000_000)
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--params", type=Path, help="JSON: query name -> {param: value} bindings")
    ap.add_argument("--only", nargs="*", help="only these queries")
    ap.add_argument("--pick-params", type=Path, metavar="FILE.json",
                    help="write bindings for the busiest entities of the store to FILE.json and stop")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # rows appear as they are measured

    store = OxigraphStore(str(args.store), read_only=True)
    if args.pick_params:
        picked = pick_params(store)
        args.pick_params.write_text(json.dumps(picked, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.pick_params}: {len(picked)} queries")
        return
    n_quads = len(store)
    ds = None
    if not args.no_rdflib and n_quads <= args.rdflib_max_quads:
        ds, load = load_rdflib(store)
        print(f"rdflib Dataset loaded {n_quads} quads in {load:.1f} s", file=sys.stderr)
    named = queries.named_queries()
    bindings = json.loads(args.params.read_text(encoding="utf-8")) if args.params else {}
    print(f"store: {args.store} ({n_quads} quads); Oxigraph median of {args.repeat}; rdflib one run, cap {args.cap:.0f} s")
    print(f"{'query':<30} {'rows':>7} {'oxigraph ms':>12} {'rdflib ms':>10} {'ratio':>8}")
    medians, ratios = [], []
    for name in sorted(named):
        q = named[name]
        if q.form not in ("SELECT", "ASK") or (args.only and name not in args.only):
            continue
        params = bindings.get(name) or {}
        med, rows = time_oxigraph(store, q, args.repeat, params)
        medians.append(med)
        rd_text, ratio_text = "-", "-"
        if ds is not None:
            text = bind_values(q.text, {k: queries.to_term(v, q.param(k)) for k, v in params.items()})
            seconds, _ = time_rdflib(ds, PREFIXES + text, args.cap)
            if seconds is None:
                rd_text, ratio_text = f">{args.cap * 1000:.0f}", f">{args.cap / med:.0f}"
                ratios.append(args.cap / med)
            else:
                rd_text, ratio_text = f"{seconds * 1000:.0f}", f"{seconds / med:.0f}"
                ratios.append(seconds / med)
        label = name + (" *" if params else "")
        print(f"{label:<30} {rows:>7} {med * 1000:>12.1f} {rd_text:>10} {ratio_text:>8}")
    if bindings:
        print("* run with the bindings of --params")
    worst = max(medians)
    print(f"slowest median {worst * 1000:.0f} ms (target <= 300 ms: {'met' if worst <= 0.3 else 'NOT met'})")
    if ratios:
        low = min(ratios)
        print(f"smallest speed-up over rdflib {low:.1f}x (target >= 10x: {'met' if low >= 10 else 'NOT met'}); "
              f"median speed-up {statistics.median(ratios):.0f}x")


if __name__ == "__main__":
    main()
