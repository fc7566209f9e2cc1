"""Phone matching, table-driven over every format ISPs type, plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.ixc.models import MatchKind, PhoneMatch
from desktop.ixc.phone_match import (
    best_match,
    classify,
    rank_key,
    search_fragments,
    stored_numbers,
)
from desktop.phone.numbers import VALID_DDDS, normalize_br_number

CALLER = normalize_br_number("+5511987654321")


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("(11) 98765-4321", MatchKind.EXACT),
        ("11987654321", MatchKind.EXACT),
        ("+55 11 9 8765 4321", MatchKind.EXACT),
        ("+55 (11) 98765-4321", MatchKind.EXACT),
        ("5511987654321", MatchKind.EXACT),
        ("011987654321", MatchKind.EXACT),
        ("0 41 11 98765-4321", MatchKind.EXACT),           # carrier code
        ("11 . 9 8765 . 4321", MatchKind.EXACT),
        ("(11)98765.4321", MatchKind.EXACT),
        ("(11) 3333-4444 / (11) 98765-4321", MatchKind.EXACT),
        ("11 33334444 11987654321", MatchKind.EXACT),
        ("(11) 3333-4444 ou 98765-4321", MatchKind.NO_DDD),
        ("(11) 8765-4321", MatchKind.NINTH_DIGIT),         # old mobile, no ninth digit
        ("1187654321", MatchKind.NINTH_DIGIT),
        ("98765-4321", MatchKind.NO_DDD),
        ("8765-4321", MatchKind.NO_DDD),
        ("(21) 98765-4321", None),                         # another DDD: another line
        ("+55 21 9 8765 4321", None),
        ("(11) 98765-4322", None),
        ("(11) 3765-4321", None),
        ("", None),
        ("não tem", None),
    ],
)
def test_formats(field: str, expected: MatchKind | None) -> None:
    match = best_match(CALLER, {"fone": field})
    assert (match.kind if match else None) is expected


def test_landline_caller() -> None:
    caller = normalize_br_number("+552134567890")
    assert classify(caller, "2134567890") is MatchKind.EXACT
    assert classify(caller, "34567890") is MatchKind.NO_DDD
    assert classify(caller, "1134567890") is None
    assert classify(caller, "21934567890") is None       # a 9 in front is a different number


def test_best_column_wins() -> None:
    row = {"fone": "98765-4321", "whatsapp": "(11) 98765-4321"}
    match = best_match(CALLER, row)
    assert match == PhoneMatch(MatchKind.EXACT, "whatsapp", "(11) 98765-4321")


def test_ranking_exact_then_active_then_weaker() -> None:
    exact = PhoneMatch(MatchKind.EXACT)
    ninth = PhoneMatch(MatchKind.NINTH_DIGIT)
    no_ddd = PhoneMatch(MatchKind.NO_DDD)
    people = [(no_ddd, True, 1), (exact, False, 2), (ninth, True, 3), (exact, True, 4),
              (ninth, False, 5)]
    ordered = sorted(people, key=lambda p: rank_key(*p))
    assert [p[2] for p in ordered] == [4, 2, 3, 1, 5]


def test_search_fragments() -> None:
    assert search_fragments(CALLER) == ("8765%4321",)
    assert search_fragments(normalize_br_number("200")) == ()


subscribers = st.one_of(
    st.from_regex(r"9[6-9][0-9]{7}", fullmatch=True),     # mobiles
    st.from_regex(r"[2-5][0-9]{7}", fullmatch=True),      # landlines
)
ddds = st.sampled_from(sorted(VALID_DDDS))


def _masks(ddd: str, sub: str) -> list[str]:
    head, tail = sub[:-4], sub[-4:]
    return [f"({ddd}) {head}-{tail}", f"{ddd}{sub}", f"+55 {ddd} {sub[0]} {sub[1:5]} {sub[5:]}"
            if len(sub) == 9 else f"+55 {ddd} {head} {tail}", f"0{ddd}{sub}",
            f"{ddd}.{head}.{tail}", f"(11) 3030-4050 / ({ddd}) {head}-{tail}"]


@given(ddd=ddds, sub=subscribers)
def test_any_mask_of_the_callers_number_is_an_exact_match(ddd: str, sub: str) -> None:
    caller = normalize_br_number(f"+55{ddd}{sub}")
    for field in _masks(ddd, sub):
        match = best_match(caller, {"telefone_celular": field})
        assert match is not None and match.kind is MatchKind.EXACT, field


@given(ddd=ddds, other=ddds, sub=subscribers)
def test_never_the_same_number_under_another_ddd(ddd: str, other: str, sub: str) -> None:
    if ddd == other:
        return
    caller = normalize_br_number(f"+55{ddd}{sub}")
    for field in _masks(other, sub)[:-1]:
        assert best_match(caller, {"fone": field}) is None, field


@given(st.text(max_size=60))
def test_stored_numbers_never_crashes_and_yields_plausible_digits(text: str) -> None:
    for number in stored_numbers(text):
        assert number.isdigit() and 8 <= len(number) <= 11
