"""Brazilian number normalisation: every way a number reaches us gives one canonical form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.phone.numbers import (
    VALID_DDDS,
    NumberKind,
    format_number,
    national_digits,
    normalize_br_number,
    subscriber_digits,
)

TABLE = [
    # raw, number, kind
    ("+5511987654321", "+5511987654321", NumberKind.BRAZIL),
    ("+55 (11) 98765-4321", "+5511987654321", NumberKind.BRAZIL),
    ("5511987654321", "+5511987654321", NumberKind.BRAZIL),
    ("011987654321", "+5511987654321", NumberKind.BRAZIL),          # 0 + DDD
    ("01511987654321", "+5511987654321", NumberKind.BRAZIL),        # 0 + carrier 15 + DDD
    ("02111987654321", "+5511987654321", NumberKind.BRAZIL),        # 0 + carrier 21 + DDD
    ("11987654321", "+5511987654321", NumberKind.BRAZIL),           # bare DDD + 9 digits
    ("(11) 3322-4455", "+551133224455", NumberKind.BRAZIL),         # landline
    ("1187654321", "+5511987654321", NumberKind.BRAZIL),            # old 8-digit mobile
    ("0055 11 98765 4321", "+5511987654321", NumberKind.BRAZIL),    # international prefix
    ("+55 55 98765-4321", "+5555987654321", NumberKind.BRAZIL),     # DDD 55 (RS)
    ("55987654321", "+5555987654321", NumberKind.BRAZIL),           # DDD 55 without country
    ("101", "101", NumberKind.INTERNAL),
    ("10", "10", NumberKind.INTERNAL),
    ("12345", "12345", NumberKind.INTERNAL),
    ("+33142685300", "+33142685300", NumberKind.INTERNATIONAL),
    ("+1 650 253 0000", "+16502530000", NumberKind.INTERNATIONAL),
    ("08001234567", "08001234567", NumberKind.OTHER),               # toll free: as received
    ("98765432", "98765432", NumberKind.OTHER),                     # local, no DDD
    ("2011987654321"[:11], "20119876543", NumberKind.OTHER),        # DDD 20 does not exist
    ("1112345678", "1112345678", NumberKind.OTHER),                 # subscriber starts with 1
    ("+5511187654321", "+5511187654321", NumberKind.OTHER),         # 9 digits not starting 9
    ("１１ ９８７６５-４３２１", "+5511987654321", NumberKind.BRAZIL),  # full-width digits
    ("", "", NumberKind.EMPTY),
    ("anonymous", "", NumberKind.EMPTY),
    ("1", "1", NumberKind.OTHER),
]


@pytest.mark.parametrize(("raw", "number", "kind"), TABLE)
def test_normalize_table(raw: str, number: str, kind: NumberKind) -> None:
    normalized = normalize_br_number(raw)
    assert (normalized.number, normalized.kind) == (number, kind)


def test_parts_of_a_brazilian_number() -> None:
    mobile = normalize_br_number("+5511987654321")
    assert (mobile.national, mobile.ddd, mobile.subscriber, mobile.is_mobile) == (
        "11987654321", "11", "987654321", True)
    landline = normalize_br_number("1133224455")
    assert (landline.subscriber, landline.is_mobile) == ("33224455", False)
    assert normalize_br_number("101").national == ""


@pytest.mark.parametrize(("raw", "shown"), [
    ("+5511987654321", "(11) 98765-4321"), ("1133224455", "(11) 3322-4455"),
    ("+33142685300", "+33 1 42 68 53 00"), ("101", "101"), ("0800123", "0800123"),
])
def test_format_number(raw: str, shown: str) -> None:
    assert format_number(raw) == shown


def test_subscriber_and_national_digits() -> None:
    assert subscriber_digits("87654321") == "987654321"
    assert subscriber_digits("33224455") == "33224455"
    assert subscriber_digits("12345678") is None
    assert subscriber_digits("887654321") is None
    assert national_digits("10987654321") is None  # DDD 10 does not exist


# --- properties ---------------------------------------------------------------------------------

ddds = st.sampled_from(sorted(VALID_DDDS))
mobiles = st.integers(0, 99_999_999).map(lambda n: f"9{n:08d}")
landlines = st.tuples(st.sampled_from("2345"), st.integers(0, 9_999_999)).map(
    lambda t: f"{t[0]}{t[1]:07d}")
carriers = st.sampled_from(["12", "14", "15", "21", "31", "41", "43"])


def spell(digits: str, separators: list[str]) -> str:
    """Sprinkle the separators people type between digits."""
    out = []
    for i, ch in enumerate(digits):
        out.append(ch)
        if separators and i % 3 == 1:
            out.append(separators[i % len(separators)])
    return "".join(out)


@given(ddds, st.one_of(mobiles, landlines), carriers,
       st.lists(st.sampled_from([" ", "-", ".", "(", ")"]), max_size=3))
def test_every_dialled_form_has_one_e164(ddd: str, subscriber: str, carrier: str,
                                         seps: list[str]) -> None:
    expected = f"+55{ddd}{subscriber}"
    forms = [f"+55{ddd}{subscriber}", f"55{ddd}{subscriber}", f"0{ddd}{subscriber}",
             f"0{carrier}{ddd}{subscriber}", f"{ddd}{subscriber}", f"0055{ddd}{subscriber}"]
    for form in forms:
        raw = ("+" if form.startswith("+") else "") + spell(form.lstrip("+"), seps)
        normalized = normalize_br_number(raw)
        assert normalized.number == expected, raw
        assert normalized.kind is NumberKind.BRAZIL


@given(st.text(max_size=40))
def test_normalisation_is_idempotent_and_total(raw: str) -> None:
    first = normalize_br_number(raw)
    again = normalize_br_number(first.number)
    assert again == first
    assert set(first.number.lstrip("+")) <= set("0123456789")


@given(ddds, st.one_of(mobiles, landlines))
def test_format_then_normalize_round_trips(ddd: str, subscriber: str) -> None:
    number = f"+55{ddd}{subscriber}"
    assert normalize_br_number(format_number(number)).number == number


@given(st.integers(10, 99_999))
def test_short_numbers_are_internal(n: int) -> None:
    normalized = normalize_br_number(str(n))
    assert normalized.kind is NumberKind.INTERNAL
    assert normalized.number == str(n)
