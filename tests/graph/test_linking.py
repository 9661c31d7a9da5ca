"""Linking: which mentions become one person, and which must stay apart."""

from __future__ import annotations

import json

import pytest

from kg.records import Action, MinutesRecord, Person
from kg.resolve import Registry, link_record, near_spelling, org_key, programme_name


def record(source: str, present=(), apologies=(), owners=()) -> MinutesRecord:
    """A record from (name, organisation) pairs and action owner lists."""
    return MinutesRecord(
        source=source,
        present=[Person(n, organisation=o) for n, o in present],
        apologies=[Person(n, organisation=o) for n, o in apologies],
        actions=[Action(list(o), None, "") for o in owners],
    )


def link_all(*records: MinutesRecord) -> dict[str, set[str]]:
    """Link records in order; returns spelling -> set of person keys it got."""
    reg = Registry()
    seen: dict[str, set[str]] = {}
    for r in records:
        linked = link_record(r, reg)
        for name, key in linked.person_of.items():
            seen.setdefault(name, set()).add(key)
    return seen


def one(seen: dict[str, set[str]], *names: str) -> bool:
    keys = set().union(*(seen[n] for n in names))
    return len(keys) == 1


def test_short_forms_link_across_documents():
    seen = link_all(
        record("a", [("Chris Hancock", "Cotswold District Council"), ("Pete Bungard", None)]),
        record("b", [("Christopher Hancock", "Cotswold District Council"), ("Peter Bungard", None)]),
    )
    assert one(seen, "Chris Hancock", "Christopher Hancock")
    assert one(seen, "Pete Bungard", "Peter Bungard")


def test_shared_surname_or_first_name_never_merges():
    seen = link_all(
        record("a", [("Paul James", "Gloucester City Council"), ("Kathy Williams", "Gloucestershire County Council")]),
        record("b", [("Roger James", "Gloucester City Council"), ("Alison Williams", "Gloucestershire County Council"),
                     ("Paul Trott", None)]),
    )
    assert not one(seen, "Paul James", "Roger James")
    assert not one(seen, "Kathy Williams", "Alison Williams")
    assert not one(seen, "Paul James", "Paul Trott")


def test_typo_in_an_action_line_joins_the_attendee_of_that_meeting():
    seen = link_all(record("a", [("Tanya Richardson", "Gloucestershire County Council")],
                           owners=[["Julian Moss", "Tanya Richards"]]))
    assert one(seen, "Tanya Richards", "Tanya Richardson")


def test_typo_across_documents_needs_a_shared_organisation():
    apart = link_all(record("a", [("Tanya Richardson", "Gloucestershire County Council")]),
                     record("b", [("Tanya Richards", "Stroud District Council")]))
    assert not one(apart, "Tanya Richards", "Tanya Richardson")
    same = link_all(record("a", [("Tanya Richardson", "Gloucestershire County Council")]),
                    record("b", [("Tanya Richards", "Gloucestershire County Council")]))
    assert one(same, "Tanya Richards", "Tanya Richardson")


def test_two_listed_people_with_near_names_stay_apart():
    seen = link_all(record("a", [("David Owen", None), ("David Owens", None)]))
    assert not one(seen, "David Owen", "David Owens")


def test_initials_and_first_names_link_only_when_unambiguous():
    seen = link_all(record("a", [("Steve Baumber", None), ("Colin Pettigrew", None), ("Mike Dawson", None),
                                 ("Mike Smith", None)], owners=[["SB"], ["Colin"], ["Mike"]]))
    assert one(seen, "SB", "Steve Baumber")
    assert one(seen, "Colin", "Colin Pettigrew")
    assert not one(seen, "Mike", "Mike Dawson") and not one(seen, "Mike", "Mike Smith")


def test_a_lone_first_name_never_links_across_documents():
    seen = link_all(record("a", owners=[["Mike"]]), record("b", owners=[["Mike"]]))
    assert len(seen["Mike"]) == 2


def test_every_merge_records_its_evidence():
    reg = Registry()
    link_record(record("a", [("Andrew Gowan", "Nottinghamshire Police")], owners=[["Andy Gowan"]]), reg)
    linked = link_record(record("b", [("Andy Gowan", "Nottinghamshire Police")]), reg)
    key = linked.person("Andy Gowan")
    assert any("short form" in e for e in linked.evidence[key])


def test_incremental_linking_reuses_the_key_in_the_store(tmp_path):
    from kg.build import build
    from kg.store import open_store

    from .conftest import MINUTES, toy_parse

    (tmp_path / "one.txt").write_text(MINUTES, encoding="utf-8")
    with open_store(str(tmp_path / "store")) as store:
        build([tmp_path / "one.txt"], store, parser=toy_parse)
    (tmp_path / "two.txt").write_text(MINUTES.replace("Cllr Ann Baker", "Cllr Annie Baker").replace(
        "Dr Tom Clarke", "Dr Thomas Clarke").replace("2021-03-12", "2021-09-01"), encoding="utf-8")
    with open_store(str(tmp_path / "store")) as store:
        build([tmp_path / "two.txt"], store, parser=toy_parse)
        rows = store.select("SELECT DISTINCT ?p WHERE { ?p skos:altLabel ?l } ", bindings={"l": "Thomas Clarke"})
        again = store.select("SELECT DISTINCT ?p WHERE { ?p skos:altLabel ?l } ", bindings={"l": "Tom Clarke"})
    assert rows and rows == again


def test_organisations_and_programmes_use_canonical_keys():
    assert org_key("Stroud DC") == org_key("Stroud District Council")
    assert org_key("PCC Office") == org_key("Office of the Police and Crime Commissioner")
    assert programme_name("One Government Estate") == programme_name("One Public Estate")


def test_near_spelling_requires_the_same_first_name():
    assert near_spelling("tanya richards", "tanya richardson") >= 85
    assert near_spelling("paul james", "roger james") == 0


# ---------------------------------------------------------------- the five seeds
SEED_VARIANTS = {
    # spellings in the seed texts that the gold records resolve to attendees
    "001_54f13b333a1e1d35": [["Julian Moss", "Tanya Richards"]],
    "004_7b57d10584513591": [["Andy Gowan"]],
}


@pytest.fixture(scope="module")
def seed_links(shared_dir):
    """Link the seeds' gold records (names as the documents write them) in file order."""
    records = []
    for path in sorted((shared_dir / "gold").glob("*.json")):
        g = json.loads(path.read_text())
        records.append(record(
            path.stem,
            [(p["name"], p["organisation"]) for p in g["present"]],
            [(p["name"], p["organisation"]) for p in g["apologies"]],
            [a["owners"] for a in g["actions"]] + SEED_VARIANTS.get(path.stem, []),
        ))
    records[3].present.append(Person("Alison Williams", role="Interim Director of Children's Services"))
    return link_all(*records)


@pytest.mark.parametrize("names", [
    ("Chris Hancock", "Christopher Hancock"),
    ("Andy Gowan", "Andrew Gowan"),
    ("Pete Bungard",),
    ("Tanya Richards", "Tanya Richardson"),
    ("Mark Hawthorne",),
])
def test_seed_mentions_that_are_one_person(seed_links, names):
    assert one(seed_links, *names)


@pytest.mark.parametrize("a,b", [
    ("Paul James", "Roger James"),
    ("Kathy Williams", "Alison Williams"),
    ("Peter Williams", "Kathy Williams"),
    ("Chris Hancock", "Chris Riley"),
    ("Jon McGinty", "Jonathan Lund"),
    ("Andy Seymour", "Andrew Gowan"),
])
def test_seed_mentions_that_stay_apart(seed_links, a, b):
    assert not one(seed_links, a, b)
