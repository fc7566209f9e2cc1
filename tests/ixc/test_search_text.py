"""What the search box's text is taken for: table-driven, plus properties of the documents."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.demo.simulators.ixc_seed import make_cnpj, make_cpf
from desktop.ixc.documents import cnpj_valid, cpf_valid, format_document
from desktop.ixc.errors import IxcSearchTextError
from desktop.ixc.models import SearchKind
from desktop.ixc.search_text import plan_search


@pytest.mark.parametrize(("text", "kinds", "detail"), [
    ("529.982.247-25", (SearchKind.CPF,), "52998224725"),
    ("  52998224725 ", (SearchKind.CPF,), "52998224725"),      # DDD 52 does not exist
    ("11.222.333/0001-81", (SearchKind.CNPJ,), "11222333000181"),
    ("11222333000181", (SearchKind.CNPJ,), "11222333000181"),
    ("(11) 98765-4321", (SearchKind.PHONE,), "+5511987654321"),
    ("+55 11 3030-4050", (SearchKind.PHONE,), "+551130304050"),
    ("11987654321", (SearchKind.PHONE,), "+5511987654321"),    # check digits do not pass
    ("11987650034", (SearchKind.CPF, SearchKind.PHONE), "11987650034"),  # both: ask both
    ("maria", (SearchKind.NAME,), "maria"),
    ("  Maria   da  Silva ", (SearchKind.NAME,), "Maria%da%Silva"),
    ("50%_off", (SearchKind.NAME,), "50%off"),                 # typed wildcards separate words
    ("Condomínio 2000", (SearchKind.NAME,), "Condomínio%2000"),
])
def test_plan(text: str, kinds: tuple[SearchKind, ...], detail: str) -> None:
    plan = plan_search(text)
    assert plan.kinds == kinds
    if SearchKind.NAME in kinds:
        assert plan.name_pattern == detail
    elif plan.document_kind is not None:
        assert plan.document_digits == detail
        assert plan.document_forms == (format_document(detail), detail)
    else:
        assert plan.phone is not None and plan.phone.number == detail


@pytest.mark.parametrize(("text", "says"), [
    ("ab", "pelo menos 3 letras"),
    ("a %", "pelo menos 3 letras"),
    ("123.456.789-00", "CPF inválido"),
    ("11.222.333/0001-80", "CNPJ inválido"),
    ("00000000000", "CPF inválido e também não é um telefone"),
    ("98765-4321", "com DDD"),
    ("12345", "CPF/CNPJ completo"),
    ("--", "CPF/CNPJ completo"),
])
def test_unsearchable_text_says_why(text: str, says: str) -> None:
    with pytest.raises(IxcSearchTextError) as caught:
        plan_search(text)
    assert says in caught.value.message


def test_nothing_typed_is_an_empty_plan() -> None:
    assert plan_search("   ").kinds == ()


def test_repeated_digits_are_not_documents() -> None:
    assert not cpf_valid("11111111111") and not cnpj_valid("00000000000000")


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_documents_are_valid_and_round_trip(seed: int) -> None:
    rng = random.Random(seed)
    cpf, cnpj = make_cpf(rng), make_cnpj(rng)
    for masked, valid in ((cpf, cpf_valid), (cnpj, cnpj_valid)):
        digits = "".join(ch for ch in masked if ch.isdigit())
        if len(set(digits)) > 1:
            assert valid(digits)
            assert format_document(digits) == masked
            plan = plan_search(masked)
            assert plan.document_digits == digits and plan.phone is None
        # one wrong check digit is always caught
        broken = digits[:-1] + str((int(digits[-1]) + 1) % 10)
        assert not valid(broken)
