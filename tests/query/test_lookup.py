"""Names resolve to one IRI the way the linker matches them; ambiguity and absence are clear errors."""

from __future__ import annotations

import pytest

from kg import lookup
from kg.errors import Ambiguous, NotFound

ID = "https://w3id.org/partnership-kg/id/"


@pytest.mark.parametrize("text", [
    "Cllr Alice Carter", "alice carter", "ALICE CARTER", "A Carter", "A. Carter", "Alice Cartre",
    "id:person/alice-carter", f"<{ID}person/alice-carter>",
])
def test_spellings_of_a_person_resolve_to_one_iri(store, text):
    assert lookup.resolve_person(store, text).iri == ID + "person/alice-carter"


def test_short_forms_and_family_names(store):
    assert lookup.resolve_person(store, "Rob Dalton").label == "Robert Dalton"
    assert lookup.resolve_person(store, "Bob Dalton").label == "Robert Dalton"
    assert lookup.resolve_person(store, "Dalton").label == "Robert Dalton"
    assert lookup.resolve_person(store, "Detective Superintendent Carol Evans").label == "Carol Evans"


def test_an_ambiguous_name_lists_the_candidates(store):
    with pytest.raises(Ambiguous) as err:
        lookup.resolve_person(store, "Carter")
    assert err.value.exit_code == 1
    assert any("Alice Carter" in c for c in err.value.candidates)
    assert any("Frank Carter" in c for c in err.value.candidates)


@pytest.mark.parametrize("text", ["Zed Nobody", 'x" } ; DROP ALL ; #', "id:person/nobody", ""])
def test_an_unknown_name_says_so(store, text):
    with pytest.raises(NotFound) as err:
        lookup.resolve_person(store, text)
    assert err.value.exit_code == 1


@pytest.mark.parametrize(("text", "slug"), [
    ("Westvale District Council", "westvale-district-council"),
    ("Westvale DC", "westvale-district-council"),
    ("westvale", "westvale-district-council"),
    ("NCC", "northshire-county-council"),
    ("Northshire Police", "northshire-police"),
    ("NHS Northshire CCG", "nhs-northshire-clinical-commissioning-group"),
])
def test_organisations_by_name_abbreviation_or_word(store, text, slug):
    assert lookup.resolve_org(store, text).iri == ID + "org/" + slug


def test_an_ambiguous_organisation(store):
    with pytest.raises(Ambiguous) as err:
        lookup.resolve_org(store, "Northshire")
    assert len(err.value.candidates) == 3


def test_bodies_and_programmes(store):
    assert lookup.resolve_body(store, "SLG").label == "Safeguarding Leadership Group"
    assert lookup.resolve_body(store, "partnership board").label == "County Partnership Board"
    assert lookup.resolve_programme(store, "clean air").label == "Clean Air Programme"
    with pytest.raises(NotFound):
        lookup.resolve_body(store, "Northshire Police")
