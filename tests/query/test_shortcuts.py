"""The shortcut triples kg/rdf.py adds so that lookups can start from an index."""

from __future__ import annotations

from kg.namespaces import GOV
from kg.rdf import record_quads
from kg.records import Action, Document, MinutesRecord, Person
from kg.resolve import Linked


def _owner_orgs(record: MinutesRecord) -> set[tuple[str, str]]:
    doc = Document(source="m.txt", text="x", sha256="ab" * 32, kind="text")
    quads = record_quads(doc, record, Linked(person_of={"Ann Lee": "ann-lee", "Bo Hart": "bo-hart"}))
    return {(q.subject.value.rsplit("/", 2)[-1], q.object.value.rsplit("/", 1)[-1])
            for q in quads if q.predicate.value == GOV.ownerOrganisation}


def test_an_action_points_at_the_organisations_its_owners_sat_for():
    record = MinutesRecord(
        source="m.txt", body="Town Board", date="2021-03-04",
        present=[Person("Ann Lee", organisation="Westvale Council", key="ann-lee", org_key="westvale-council")],
        apologies=[Person("Bo Hart", organisation="Northshire Police", key="bo-hart", org_key="northshire-police")],
        actions=[Action(["Ann Lee", "Bo Hart"], None, "report back", owner_keys=["ann-lee", "bo-hart"]),
                 Action(["Ann Lee"], None, "circulate the plan", owner_keys=["ann-lee"])],
    )
    assert _owner_orgs(record) == {("1", "westvale-council"), ("1", "northshire-police"), ("2", "westvale-council")}


def test_an_owner_without_a_seat_gives_no_shortcut():
    record = MinutesRecord(
        source="m.txt", body="Town Board", date="2021-03-04",
        present=[Person("Ann Lee", key="ann-lee")],
        actions=[Action(["Ann Lee"], None, "report back", owner_keys=["ann-lee"])],
    )
    assert _owner_orgs(record) == set()


def _owner_seats(record: MinutesRecord) -> set[tuple[str, str]]:
    doc = Document(source="m.txt", text="x", sha256="ab" * 32, kind="text")
    quads = record_quads(doc, record, Linked(person_of={"Ann Lee": "ann-lee", "Bo Hart": "bo-hart"}))
    return {(q.subject.value.rsplit("/", 1)[-1], "/".join(q.object.value.rsplit("/", 2)[-2:]))
            for q in quads if q.predicate.value == GOV.ownerSeat}


def test_an_action_points_at_its_owners_records_with_or_without_an_organisation():
    record = MinutesRecord(
        source="m.txt", body="Town Board", date="2021-03-04",
        present=[Person("Ann Lee", key="ann-lee")],
        apologies=[Person("Bo Hart", organisation="Northshire Police", key="bo-hart", org_key="northshire-police")],
        actions=[Action(["Ann Lee", "Bo Hart"], None, "report back", owner_keys=["ann-lee", "bo-hart"]),
                 Action(["Cy Dunn"], None, "circulate the plan", owner_keys=["cy-dunn"])],
    )
    assert _owner_seats(record) == {("1", "attendance/ann-lee"), ("1", "apology/bo-hart")}
