"""Projections and measures against a hand count of fixtures/two_bodies.trig.

The fixture, as a reader of the minutes would list it:

    LB = Northshire Leadership Board, CC = Northshire County Council Cabinet
    LB 2017-10-26  Alice (chair, NCC), Bob (NCC), Carol (EDC), Dan (Constabulary)
    LB 2018-03-15  Alice, Carol, Dan
    LB 2018-10-11  Alice, Bob, Carol, Gina (EDC)
    CC 2017-11-02  Alice, Bob, Eve (NCC), Frank (NCC)
    CC 2018-06-07  Alice, Eve

Counting pairs meeting by meeting gives the co-attendance weights below.
"""

from __future__ import annotations

import networkx as nx
import pytest
from fixture_graph import by_label, pair, person

from kg import analytics as A
from kg.errors import Ambiguous, NotFound, QueryError

# Hand count: each pair and the meetings it shared.
CO_ATTENDANCE = {
    pair("Alice Archer", "Bob Baker"): 3,    # LB 17-10, LB 18-10, CC 17-11
    pair("Alice Archer", "Carol Clark"): 3,  # all three LB
    pair("Alice Archer", "Dan Dyer"): 2,
    pair("Alice Archer", "Eve Evans"): 2,    # both CC
    pair("Alice Archer", "Frank Ford"): 1,
    pair("Alice Archer", "Gina Green"): 1,
    pair("Bob Baker", "Carol Clark"): 2,
    pair("Bob Baker", "Dan Dyer"): 1,
    pair("Bob Baker", "Eve Evans"): 1,
    pair("Bob Baker", "Frank Ford"): 1,
    pair("Bob Baker", "Gina Green"): 1,
    pair("Carol Clark", "Dan Dyer"): 2,
    pair("Carol Clark", "Gina Green"): 1,
    pair("Eve Evans", "Frank Ford"): 1,
}


def weights(g) -> dict:
    return {k: d["weight"] for k, d in by_label(g).items()}


def labelled(g, values: dict) -> dict:
    return {g.nodes[n]["label"]: v for n, v in values.items()}


def test_people_co_attendance_weights_match_hand_count(store):
    g = A.project(store, "people")
    assert weights(g) == CO_ATTENDANCE
    assert {d["type"] for _, d in g.nodes(data=True)} == {"person"}


def test_weighted_degree_is_the_sum_of_shared_meetings(store):
    g = A.project(store, "people")
    # Alice 3+3+2+2+1+1, Bob 3+2+1+1+1+1, Carol 3+2+2+1, Dan 2+1+2, Eve 2+1+1, Frank 1+1+1, Gina 1+1+1
    assert labelled(g, dict(g.degree(weight="weight"))) == {
        "Alice Archer": 12, "Bob Baker": 9, "Carol Clark": 8, "Dan Dyer": 5,
        "Eve Evans": 4, "Frank Ford": 3, "Gina Green": 3,
    }


def test_betweenness_of_the_broker_since_2018(store):
    # 2018 only: Eve reaches the others only through Alice (4 pairs), and Bob-Dan and
    # Dan-Gina each have two shortest paths, one through Alice and one through Carol.
    g = A.project(store, "people", A.resolve_filters(store, since="2018"))
    btw = labelled(g, A.betweenness(g))
    assert btw == {"Alice Archer": 5.0, "Carol Clark": 1.0, "Bob Baker": 0.0, "Dan Dyer": 0.0,
                   "Eve Evans": 0.0, "Gina Green": 0.0}
    assert "Frank Ford" not in btw  # attended only in 2017


def test_betweenness_of_both_brokers_over_all_years(store):
    # Alice and Bob share the six Cabinet-to-Board pairs (3 each); Dan-Gina splits three ways.
    g = A.project(store, "people")
    btw = labelled(g, A.betweenness(g))
    assert btw["Alice Archer"] == pytest.approx(3 + 1 / 3)
    assert btw["Bob Baker"] == pytest.approx(3 + 1 / 3)
    assert btw["Carol Clark"] == pytest.approx(1 / 3)


def test_communities_split_the_board_from_the_cabinet(store):
    g = A.project(store, "people")
    found = [{g.nodes[n]["label"] for n in c} for c in A.communities(g)]
    community = {name: i for i, c in enumerate(found) for name in c}
    assert community["Carol Clark"] == community["Dan Dyer"] == community["Gina Green"]
    assert community["Eve Evans"] == community["Frank Ford"]
    assert community["Carol Clark"] != community["Eve Evans"]
    assert found == [{g.nodes[n]["label"] for n in c} for c in A.communities(g)]  # seeded: repeatable


def test_pagerank_ranks_the_busiest_person_first(store):
    g = A.project(store, "people")
    pr = labelled(g, A.pagerank(g))
    assert max(pr, key=pr.get) == "Alice Archer"
    assert sum(pr.values()) == pytest.approx(1.0)


def test_body_filter_keeps_only_that_bodys_meetings(store):
    g = A.project(store, "people", A.resolve_filters(store, body="Northshire Leadership Board"))
    assert weights(g) == {
        pair("Alice Archer", "Bob Baker"): 2, pair("Alice Archer", "Carol Clark"): 3,
        pair("Alice Archer", "Dan Dyer"): 2, pair("Alice Archer", "Gina Green"): 1,
        pair("Bob Baker", "Carol Clark"): 2, pair("Bob Baker", "Dan Dyer"): 1,
        pair("Bob Baker", "Gina Green"): 1, pair("Carol Clark", "Dan Dyer"): 2,
        pair("Carol Clark", "Gina Green"): 1,
    }


def test_until_filter_is_inclusive(store):
    g = A.project(store, "people", A.resolve_filters(store, until="2017-10-26"))
    assert set(weights(g).values()) == {1}  # only the first Board meeting
    assert len(g) == 4


def test_orgs_by_co_presence(store):
    g = A.project(store, "orgs")
    # NCC and EDC met at all three Board meetings; the Constabulary at the first two.
    assert weights(g) == {
        pair("Northshire County Council", "Eastbrook District Council"): 3,
        pair("Northshire County Council", "Northshire Constabulary"): 2,
        pair("Eastbrook District Council", "Northshire Constabulary"): 2,
    }
    assert labelled(g, dict(g.nodes(data="meetings"))) == {
        "Northshire County Council": 5, "Eastbrook District Council": 3, "Northshire Constabulary": 2,
    }


def test_people_orgs_weights_are_meetings_represented(store):
    g = A.project(store, "people-orgs")
    assert weights(g) == {
        pair("Alice Archer", "Northshire County Council"): 5, pair("Bob Baker", "Northshire County Council"): 3,
        pair("Eve Evans", "Northshire County Council"): 2, pair("Frank Ford", "Northshire County Council"): 1,
        pair("Carol Clark", "Eastbrook District Council"): 3, pair("Gina Green", "Eastbrook District Council"): 1,
        pair("Dan Dyer", "Northshire Constabulary"): 2,
    }


def test_people_programmes_count_presenting_deciding_and_actions(store):
    g = A.project(store, "people-programmes")
    edges = by_label(g)
    # Northshire 2050: decided at LB 2017-10-26 (chair/members Alice, Bob, Carol; Dan is an officer),
    # item 3 presented by Carol. Clean Rivers: decided at CC 2017-11-02 (Alice, Bob, Eve; Frank an
    # officer), with an action for Eve on the same item.
    assert {k: d["weight"] for k, d in edges.items()} == {
        pair("Alice Archer", "Northshire 2050"): 1, pair("Bob Baker", "Northshire 2050"): 1,
        pair("Carol Clark", "Northshire 2050"): 2,
        pair("Alice Archer", "Clean Rivers"): 1, pair("Bob Baker", "Clean Rivers"): 1,
        pair("Eve Evans", "Clean Rivers"): 2,
    }
    carol = edges[pair("Carol Clark", "Northshire 2050")]
    assert (carol["presented"], carol["decided"], carol["actions"]) == (1, 1, 0)
    eve = edges[pair("Eve Evans", "Clean Rivers")]
    assert (eve["presented"], eve["decided"], eve["actions"]) == (0, 1, 1)


def test_bodies_to_member_organisations(store):
    g = A.project(store, "bodies")
    assert weights(g) == {
        pair("Northshire Leadership Board", "Northshire County Council"): 3,
        pair("Northshire Leadership Board", "Eastbrook District Council"): 3,
        pair("Northshire Leadership Board", "Northshire Constabulary"): 2,
        pair("Northshire County Council Cabinet", "Northshire County Council"): 2,
    }
    assert {d["type"] for _, d in g.nodes(data=True)} == {"body", "organisation"}


def test_meetings_projection_links_people_meetings_and_bodies(store):
    g = A.project(store, "meetings")
    kinds = [d["type"] for _, d in g.nodes(data=True)]
    assert (kinds.count("person"), kinds.count("meeting"), kinds.count("body")) == (7, 5, 2)
    assert g.number_of_edges() == 17 + 5  # 17 attendances, 5 meeting-body links


def test_person_node_carries_organisations_roles_and_evidence(store):
    g = A.project(store, "people")
    alice = g.nodes[person("alice-archer")]
    assert alice["organisations"] == ["Northshire County Council"]
    assert alice["roles"] == ["Chair", "Leader of the Council"]
    assert alice["meetings"] == 5
    assert alice["evidence"].startswith("Cllr Alice Archer (Chair)")


def test_changes_between_2017_and_2018(store):
    data = A.fetch(store, A.Filters())
    ch = A.period_changes(data, "people", ("2017", "2018"))
    assert [data.label(n) for n in ch.joined] == ["Gina Green"]
    assert [data.label(n) for n in ch.left] == ["Frank Ford"]
    assert [(data.label(u), data.label(v), a, b) for u, v, a, b in ch.strengthened] == [
        ("Alice Archer", "Carol Clark", 1, 2)]
    assert [(data.label(u), data.label(v), a, b) for u, v, a, b in ch.weakened] == [
        ("Alice Archer", "Bob Baker", 2, 1)]
    new = {pair(data.label(u), data.label(v)) for u, v, _ in ch.new_ties}
    assert new == {pair("Alice Archer", "Gina Green"), pair("Bob Baker", "Gina Green"),
                   pair("Carol Clark", "Gina Green")}


def test_sampled_betweenness_is_bounded_and_repeatable():
    g = nx.connected_caveman_graph(12, 8)
    exact = A.betweenness(g)
    assert exact == nx.betweenness_centrality(g, normalized=False)
    sampled = A.betweenness(g, budget=1000)  # far below nodes x edges: forces sampling
    assert sampled == A.betweenness(g, budget=1000)
    mean = sum(exact.values()) / len(exact)
    bridges = {n for n, v in exact.items() if v > mean}  # the ends of the edges between caves
    top = sorted(sampled, key=sampled.get, reverse=True)[:5]
    assert set(top) <= bridges


@pytest.mark.parametrize("value,option,end,expected", [
    ("2018", "--since", False, "2018-01-01"),
    ("2018", "--until", True, "2018-12-31"),
    ("2018-02", "--until", True, "2018-02-28"),
    ("7 June 2018", "--since", False, "2018-06-07"),
])
def test_user_dates(value, option, end, expected):
    assert A.parse_user_date(value, option, end) == expected


def test_bad_input_names_the_option(store):
    with pytest.raises(QueryError, match="--since"):
        A.resolve_filters(store, since="last tuesday-ish")
    with pytest.raises(NotFound, match="--body"):
        A.resolve_filters(store, body='x" } ; DROP ALL ; {')
    with pytest.raises(Ambiguous, match="--body"):
        A.resolve_filters(store, body="northshire")
    with pytest.raises(QueryError, match="--projection"):
        A.project(store, "everything")
    with pytest.raises(QueryError, match="after"):
        A.resolve_filters(store, since="2019", until="2018")


def test_body_by_part_of_name_or_slug(store):
    assert A.resolve_filters(store, body="cabinet").body.endswith("body/northshire-county-council-cabinet")
    assert A.resolve_filters(store, body="northshire-leadership-board").body.endswith("leadership-board")
