"""Money as minutes print it, and where a bare number is not money."""

from __future__ import annotations

import pytest

from kg.parse.money import find_money, is_money_row


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a grant of £10,000 was awarded", 10_000),
        ("as much as £10 million in revenue", 10_000_000),
        ("Additional Social Workers\t£2.460m", 2_460_000),
        ("the £1.4m uplift", 1_400_000),
        ("a reserve of £60,000.", 60_000),
        ("costs of £1.2bn", 1_200_000_000),
        ("Domestic Abuse Services\t800k", 800_000),
        ("Children in Care\t2.033m", 2_033_000),
        ("a £ 500 contribution", 500),
        ("to allocate GBP 5,000 to the service", 5_000),
        ("a budget of GBP2.5m", 2_500_000),
        ("and 5 million pounds on roads", 5_000_000),
        ("a grant of 20,000 pounds sterling", 20_000),
        ("a further £5 million pounds", 5_000_000),
    ],
)
def test_amounts_and_values(text, value):
    found = find_money(text)
    assert [m.value for m in found] == [value]
    assert text[found[0].span.start:found[0].span.end] == found[0].text


def test_bare_numbers_in_prose_are_not_money():
    assert find_money("There were 800k visitors and 2.5m page views; 300-400 delegates.") == []


def test_several_amounts_in_order_and_within_bounds():
    text = "£50,000 now and £500,000 later\nTotal\t1.5m"
    assert [m.value for m in find_money(text)] == [50_000, 500_000, 1_500_000]
    assert [m.value for m in find_money(text, 10, 40)] == [500_000]


def test_money_rows():
    assert is_money_row("Breaking the Cycle Service\t320k")
    assert is_money_row("Reserve\t£60,000")
    assert not is_money_row("A reserve of £60,000 was agreed.")
    assert not is_money_row("Name\tOrganisation")
