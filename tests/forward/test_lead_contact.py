"""An unknown caller registered as a new OPA contact (issue 16), with the real OPA client against
the OPA simulator over a socket: created once as a lead, never duplicated, a lost reply settled
by looking again, bad input and refusals answered in pt-BR."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from desktop.demo.simulators.opa import OpaSimulator
from desktop.forward.lead_contact import (
    LeadOutcome,
    clean_contact_name,
    lead_number,
    register_lead,
)
from desktop.forward.opa import OpaClient


@pytest.fixture
async def opa(opa_sim: OpaSimulator) -> AsyncIterator[OpaClient]:
    client = OpaClient(opa_sim.url, opa_sim.token, timeout_s=5)
    try:
        yield client
    finally:
        await client.aclose()


def _posts(opa_sim: OpaSimulator) -> int:
    return sum(1 for method, path in opa_sim.requests() if (method, path) == ("POST",
                                                                              "/api/v1/contato"))


async def test_an_unknown_caller_becomes_a_lead_contact_once(
        opa_sim: OpaSimulator, opa: OpaClient) -> None:
    result = await register_lead(opa, "  João\tda Silva ", "(49) 98877-6655")
    assert result.outcome is LeadOutcome.CREATED
    assert "João da Silva" in result.message and "(49) 98877-6655" in result.message
    [contact] = opa_sim.contacts()
    assert contact["_id"] == result.contact_id
    assert contact["nome"] == "João da Silva" and contact["lead"] is True
    assert contact["fones"][0]["numero"] == "+5549988776655"
    # found by phone like any contact afterwards
    [found] = await opa.find_contacts("+5549988776655")
    assert found.id == result.contact_id

    again = await register_lead(opa, "Outro Nome", "049988776655")
    assert again.outcome is LeadOutcome.ALREADY_THERE
    assert "já é do contato João da Silva" in again.message
    assert len(opa_sim.contacts()) == 1 and _posts(opa_sim) == 1


async def test_a_contact_opa_already_has_is_not_created(
        opa_sim: OpaSimulator, opa: OpaClient) -> None:
    opa_sim.add_contact("Maria do WhatsApp", "+5511987654321")
    result = await register_lead(opa, "Maria", "+55 11 98765-4321")
    assert result.outcome is LeadOutcome.ALREADY_THERE
    assert "Maria do WhatsApp" in result.message
    assert _posts(opa_sim) == 0 and len(opa_sim.contacts()) == 1


async def test_a_lost_reply_is_settled_by_looking_again(
        opa_sim: OpaSimulator, opa: OpaClient) -> None:
    opa_sim.lose_next_write_reply()
    result = await register_lead(opa, "Ana", "+351 912 345 678")
    assert result.outcome is LeadOutcome.CREATED
    [contact] = opa_sim.contacts()
    assert result.contact_id == contact["_id"]
    assert contact["fones"][0]["numero"] == "+351912345678"      # a foreign caller too
    assert _posts(opa_sim) == 1


async def test_refusals_and_bad_input_say_why_in_portuguese(
        opa_sim: OpaSimulator, opa: OpaClient) -> None:
    assert (await register_lead(opa, " \u200b\n", "11987654321")).outcome is LeadOutcome.INVALID
    hidden = await register_lead(opa, "Ana", "")
    assert hidden.outcome is LeadOutcome.INVALID and "oculto" in hidden.message
    extension = await register_lead(opa, "Ana", "2001")
    assert extension.outcome is LeadOutcome.INVALID and "telefone completo" in extension.message
    opa_sim.fail_next(1, 500)
    failed = await register_lead(opa, "Ana", "11987654321")
    assert failed.outcome is LeadOutcome.FAILED
    assert failed.message.startswith("O contato não foi cadastrado no OPA: O OPA recusou (500)")
    opa_sim.block_network()
    blocked = await register_lead(opa, "Ana", "11987654321")
    assert blocked.outcome is LeadOutcome.FAILED and "sem permissão" in blocked.message
    assert opa_sim.contacts() == []


async def test_the_simulator_refuses_a_contact_without_name_or_full_number(
        opa_sim: OpaSimulator, opa: OpaClient) -> None:
    from desktop.forward.opa import OpaError

    with pytest.raises(OpaError, match="nome é obrigatório"):
        await opa.create_contact("", "+5511987654321")
    with pytest.raises(OpaError, match="celularCompleto"):
        await opa.create_contact("Ana", "11987654321")
    assert opa_sim.contacts() == []


def test_names_and_numbers_are_cleaned() -> None:
    assert clean_contact_name("\u202eJoão\x00 \u200bSilva" + "x" * 200)[:10] == "João Silva"
    assert len(clean_contact_name("y" * 500)) == 100
    assert lead_number("0049 30 1234567") == "+49301234567"
    assert lead_number("0800 123 4567") == ""
