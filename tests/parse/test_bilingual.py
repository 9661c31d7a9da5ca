"""Bilingual minutes (Welsh first, then English): the English half is what the parser reads."""

from __future__ import annotations

from kg.gazetteer import default
from kg.parse import parse
from kg.parse.bilingual import english_half
from kg.records import Document

PSB = """BRO MORLAIS PUBLIC SERVICES BOARD

Cofnodion / Minutes

Dyddiad / Date:      Dydd Mawrth 12 Mawrth 2024 / Tuesday 12 March 2024

Presennol / Present:
Cyng. / Cllr Eleri Prys-Jones – Arweinydd / Leader, Bro Morlais County Borough Council (Cadeirydd / Chair)
Huw Tudur – Prif Weithredwr / Chief Executive, Bro Morlais County Borough Council

Ymddiheuriadau / Apologies:
Mererid Hughes – Prif Weithredwr / Chief Executive, Glannau Tywi University Health Board

Eitem 1 / Item 1: Croeso / Welcome

Croesawodd y Cadeirydd bawb. / The Chair welcomed everyone.

Eitem 2 / Item 2: Cofnodion / Minutes

Cytunwyd / Agreed: that the minutes of 12 December 2023 be approved as a correct record.
"""


def test_the_welsh_half_of_each_pair_is_blanked_and_offsets_kept():
    english = english_half(PSB)
    assert len(english) == len(PSB)
    assert "Presennol" not in english and "Present:" in english
    assert english.index("Tuesday 12 March 2024") == PSB.index("Tuesday 12 March 2024")


def test_a_bilingual_document_parses_as_its_english():
    record = parse(Document("psb.txt", PSB, "0" * 64, "text"), default())
    assert record.date == "2024-03-12"
    assert [(p.name, p.role) for p in record.present] == [("Eleri Prys-Jones", "Chair"), ("Huw Tudur", "Chief Executive")]
    assert [p.name for p in record.apologies] == ["Mererid Hughes"]
    assert [(i.number, i.title) for i in record.items] == [("1", "Welcome"), ("2", "Minutes")]
    assert [d.item for d in record.decisions] == ["2"]


def test_english_documents_with_slashes_are_left_alone():
    text = "Present: Jo Coast / Sam Reed\nItem 1 / 2: Budget\nThe 2023 / 24 budget and the A / B test.\n"
    assert english_half(text) == text
