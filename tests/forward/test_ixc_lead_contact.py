"""An unknown caller registered as an IXC CRM lead (issue 16, ``unknown_caller = "lead_ixc"``),
with the real IXC client against the IXC simulator over a socket: created once with the right
columns, never duplicated (whatever column or mask holds the number), a lost reply settled by
looking again, IXC's refusals and bad input answered in pt-BR."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.lead_contact import LeadOutcome, register_ixc_lead
from desktop.ixc.client import IxcClient

NOW = datetime(2026, 3, 2, 10, 30)


@pytest.fixture
async def ixc(ixc_sim: SimulatorHandle) -> AsyncIterator[IxcClient]:
    client = IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=5)
    try:
        yield client
    finally:
        await client.aclose()


def _inserts(ixc_sim: SimulatorHandle) -> list[dict[str, str]]:
    return [r.body for r in ixc_sim.requests
            if r.table == "contato" and not r.listing and r.method == "POST"]


def _lookups(ixc_sim: SimulatorHandle) -> int:
    return sum(1 for r in ixc_sim.requests if r.table == "contato" and r.listing)


def _row(ixc_sim: SimulatorHandle, contact_id: str) -> dict[str, str]:
    return next(r for r in ixc_sim.tables["contato"] if r["id"] == contact_id)


async def test_an_unknown_mobile_caller_becomes_an_ixc_lead_once(
        ixc_sim: SimulatorHandle, ixc: IxcClient) -> None:
    result = await register_ixc_lead(ixc, "  João\tda Silva ", "(49) 98877-6655", NOW)
    assert result.outcome is LeadOutcome.CREATED
    assert result.message == (f"João da Silva ((49) 98877-6655) cadastrado no IXC como lead "
                              f"(contato {result.contact_id}).")
    [sent] = _inserts(ixc_sim)
    assert sent == {
        "nome": "João da Silva", "data_cadastro": "02/03/2026", "fone_celular": "49988776655",
        "lead": "S", "ativo": "S", "origem_source": "ramal",
        "obs": "Cadastrado pelo Ramal a partir de uma ligação recebida em 02/03/2026 às 10:30.",
    }
    row = _row(ixc_sim, result.contact_id)
    assert (row["nome"], row["fone_celular"], row["fone_residencial"], row["lead"]) == (
        "João da Silva", "49988776655", "", "S")

    # the next call from the number, typed another way: found, nothing created twice
    again = await register_ixc_lead(ixc, "Outro Nome", "049988776655", NOW)
    assert again.outcome is LeadOutcome.ALREADY_THERE
    assert again.message == (f"O número (49) 98877-6655 já é do contato João da Silva "
                             f"(contato {result.contact_id}) no IXC: nada foi criado.")
    assert len(_inserts(ixc_sim)) == 1


async def test_a_landline_goes_to_the_residential_phone(
        ixc_sim: SimulatorHandle, ixc: IxcClient) -> None:
    result = await register_ixc_lead(ixc, "Padaria da Esquina", "+55 11 3030-9999", NOW)
    assert result.outcome is LeadOutcome.CREATED
    row = _row(ixc_sim, result.contact_id)
    assert (row["fone_residencial"], row["fone_celular"]) == ("1130309999", "")


@pytest.mark.parametrize(("number", "contact_id", "name"), [
    ("+5511976543210", "1", "Carla Menezes"),               # fone_celular "(11) 97654-3210"
    ("01134561234", "2", "Oficina do Zé"),                  # fone_comercial "11 3456.1234"
    ("21988887777", "3", "Luiz Fernando (WhatsApp)"),       # fone_whatsapp "+55 21 9 8888 7777"
    ("+55 (11) 4567-1234", "4", "Dona Cida"),               # fone_residencial "1145671234"
])
async def test_a_number_ixc_already_has_is_not_created(
        ixc_sim: SimulatorHandle, ixc: IxcClient, number: str, contact_id: str,
        name: str) -> None:
    result = await register_ixc_lead(ixc, "Alguém", number, NOW)
    assert result.outcome is LeadOutcome.ALREADY_THERE
    assert (result.contact_id, result.name) == (contact_id, name)
    assert f"já é do contato {name} (contato {contact_id}) no IXC: nada foi criado." in \
        result.message
    assert _inserts(ixc_sim) == []


@pytest.mark.parametrize("lost", ["dropped", "late"])
async def test_a_lost_reply_is_settled_by_looking_again(
        ixc_sim: SimulatorHandle, lost: str) -> None:
    before = len(ixc_sim.tables["contato"])
    if lost == "dropped":     # the insert is done, the connection closes without an answer
        ixc_sim.set_faults(drop_answer=True, tables=["contato"])
    else:                     # the insert is done, the answer comes after the client gave up
        ixc_sim.set_faults(answer_delay_ms=3000, tables=["contato"])
    async with IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=0.5) as ixc:
        result = await register_ixc_lead(ixc, "Ana", "+351 912 345 678", NOW)
    assert result.outcome is LeadOutcome.CREATED
    assert len(ixc_sim.tables["contato"]) == before + 1
    row = _row(ixc_sim, result.contact_id)
    assert (row["nome"], row["fone_celular"]) == ("Ana", "351912345678")   # a foreign caller
    assert len(_inserts(ixc_sim)) == 1 and _lookups(ixc_sim) == 2 * 4      # looked again


async def test_ixc_refusing_the_insert_is_said_as_it_is(
        ixc_sim: SimulatorHandle, ixc: IxcClient) -> None:
    # an ISP that made "Cidade" mandatory on its contacts: IXC's own words come back
    ixc_sim.set_faults(json_error="Preencha Cidade", writes_only=True, tables=["contato"])
    refused = await register_ixc_lead(ixc, "Ana", "11987650000", NOW)
    assert refused.outcome is LeadOutcome.FAILED
    assert refused.message == ("O lead não foi cadastrado no IXC: O IXC recusou a operação em "
                               "contato: Preencha Cidade")
    assert _lookups(ixc_sim) == 4           # a refusal wrote nothing: not looked at again
    # a 500 may come after the write: looked at again, nothing there, said as it is
    ixc_sim.set_faults(json_error="", error_500=True)
    failed = await register_ixc_lead(ixc, "Ana", "11987650000", NOW)
    assert failed.outcome is LeadOutcome.FAILED
    assert failed.message.startswith("O lead não foi cadastrado no IXC: O servidor do IXC "
                                     "falhou (HTTP 500)")
    assert _lookups(ixc_sim) == 4 + 2 * 4
    ixc_sim.set_faults(error_500=False, writes_only=False, unauthorized=True)
    denied = await register_ixc_lead(ixc, "Ana", "11987650000", NOW)
    assert denied.outcome is LeadOutcome.FAILED and "HTTP 401" in denied.message
    ixc_sim.clear_faults()
    assert not any(r["fone_celular"] == "11987650000" for r in ixc_sim.tables["contato"])
    # the same caller once IXC accepts: created
    created = await register_ixc_lead(ixc, "Ana", "11987650000", NOW)
    assert created.outcome is LeadOutcome.CREATED


async def test_bad_input_is_refused_before_any_request(
        ixc_sim: SimulatorHandle, ixc: IxcClient) -> None:
    nameless = await register_ixc_lead(ixc, " \u200b\n", "11987654321", NOW)
    assert nameless.outcome is LeadOutcome.INVALID
    hidden = await register_ixc_lead(ixc, "Ana", "", NOW)
    assert hidden.outcome is LeadOutcome.INVALID and "oculto" in hidden.message
    for short in ("2001", "190", "0800 123 4567"):
        refused = await register_ixc_lead(ixc, "Ana", short, NOW)
        assert refused.outcome is LeadOutcome.INVALID
        assert "não é um telefone completo" in refused.message
    assert ixc_sim.requests == []
