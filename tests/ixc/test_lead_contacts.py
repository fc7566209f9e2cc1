"""IXC's CRM leads (``contato``, issue 16): the row Ramal inserts (pure), the look-up by phone
against the simulator over a socket (every phone column, any mask, verified by digits), and the
simulator's insert validation as the collection describes IXC's."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.demo.simulators.ixc_contacts import SEEDED_LEADS
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcApiError
from desktop.ixc.lead_contacts import (
    find_contacts,
    insert_lead,
    lead_row,
    phone_column,
    stored_phone,
)
from desktop.phone.numbers import normalize_br_number

NOW = datetime(2024, 6, 24, 14, 5)


@pytest.mark.parametrize(("caller", "column", "stored"), [
    ("+5549999999999", "fone_celular", "49999999999"),         # the collection's sample
    ("(11) 3222-1100", "fone_residencial", "1132221100"),      # a landline
    ("011 8765-4000", "fone_celular", "11987654000"),          # old mobile: gains the ninth digit
    ("+351 912 345 678", "fone_celular", "351912345678"),      # foreign: with its country code
])
def test_the_number_goes_in_the_column_of_its_kind(caller: str, column: str,
                                                   stored: str) -> None:
    number = normalize_br_number(caller)
    assert (phone_column(number), stored_phone(number)) == (column, stored)
    row = lead_row("Ana", number, NOW)
    assert row[column] == stored
    others = {"fone_celular", "fone_residencial"} - {column}
    assert not any(row.get(c) for c in others)


def test_the_lead_row_carries_the_date_the_flag_and_the_origin() -> None:
    row = lead_row("João da Silva", normalize_br_number("+5549988776655"), NOW)
    assert row == {
        "nome": "João da Silva", "data_cadastro": "24/06/2024", "fone_celular": "49988776655",
        "lead": "S", "ativo": "S", "origem_source": "ramal",
        "obs": "Cadastrado pelo Ramal a partir de uma ligação recebida em 24/06/2024 às 14:05.",
    }


@pytest.mark.parametrize("caller", ["", "2001", "0800 123 4567", "190"])
def test_hidden_numbers_extensions_and_short_codes_make_no_row(caller: str) -> None:
    number = normalize_br_number(caller)
    assert stored_phone(number) == ""
    with pytest.raises(ValueError):
        lead_row("Ana", number, NOW)


@pytest.mark.parametrize(("contact_id", "caller"), [
    ("1", "+5511976543210"),      # fone_celular "(11) 97654-3210"
    ("2", "+551134561234"),       # fone_comercial "11 3456.1234"
    ("3", "+5521988887777"),      # fone_whatsapp "+55 21 9 8888 7777"
    ("4", "+551145671234"),       # fone_residencial "1145671234"
])
async def test_a_seeded_lead_is_found_in_any_phone_column_however_typed(
        client: IxcClient, contact_id: str, caller: str) -> None:
    [found] = await find_contacts(client, normalize_br_number(caller))
    seeded = next(lead for lead in SEEDED_LEADS if lead[0] == contact_id)
    assert (found.id, found.name, found.lead, found.column) == (
        contact_id, seeded[1], True, seeded[3])


async def test_only_the_same_line_counts(sim: SimulatorHandle, client: IxcClient) -> None:
    # the same local number under another DDD, and one stored without a DDD: other lines
    sim.insert("contato", {"nome": "Outro DDD", "fone_celular": "(21) 97654-3210",
                           "lead": "S", "ativo": "S", "data_cadastro": "01/06/2024"})
    sim.insert("contato", {"nome": "Sem DDD", "fone_celular": "97654-3210", "lead": "S",
                           "ativo": "S", "data_cadastro": "01/06/2024"})
    # a customer's contact (not a lead), stored without the ninth digit: the same line
    sim.insert("contato", {"nome": "Contato do cliente", "fone_residencial": "11 7654-3210",
                           "lead": "N", "ativo": "S", "id_cliente": "101",
                           "data_cadastro": "01/06/2024"})
    found = await find_contacts(client, normalize_br_number("+5511976543210"))
    assert [(c.name, c.lead) for c in found] == [("Carla Menezes", True),
                                                 ("Contato do cliente", False)]
    searches = [r for r in sim.requests if r.table == "contato"]
    assert sorted(r.body["qtype"] for r in searches) == sorted(
        f"contato.{c}" for c in ("fone_celular", "fone_residencial", "fone_comercial",
                                 "fone_whatsapp"))
    assert {(r.listing, r.body["oper"], r.body["query"]) for r in searches} == {
        (True, "L", "7654%3210")}


async def test_a_foreign_number_is_found_by_all_its_digits(client: IxcClient) -> None:
    number = normalize_br_number("+351912345678")
    assert await find_contacts(client, number) == []
    new_id = await insert_lead(client, "Ana", number, NOW)
    [found] = await find_contacts(client, normalize_br_number("00351 912 345 678"))
    assert found.id == new_id
    assert await find_contacts(client, normalize_br_number("+351912345679")) == []


async def test_the_simulator_validates_an_insert_as_ixc_does(
        sim: SimulatorHandle, client: IxcClient) -> None:
    before = len(sim.tables["contato"])
    refusals = {
        "Preencha Nome": {"data_cadastro": "24/06/2024", "fone_celular": "49999999999"},
        "Preencha Data de cadastro": {"nome": "Ana", "fone_celular": "49999999999"},
        "telefone ou o e-mail": {"nome": "Ana", "data_cadastro": "24/06/2024", "lead": "S"},
        "dd/mm/aaaa": {"nome": "Ana", "data_cadastro": "2024-06-24", "fone_celular": "4999"},
    }
    for expected, body in refusals.items():
        with pytest.raises(IxcApiError) as refused:
            await client.insert("contato", body)
        assert expected in refused.value.ixc_message
        assert refused.value.message.startswith("O IXC recusou a operação em contato:")
    assert len(sim.tables["contato"]) == before
    # an e-mail alone is enough; the date reads back as IXC's other dates do
    new_id = await client.insert("contato", {"nome": "Só e-mail", "email": "a@b.com.br",
                                             "data_cadastro": "24/06/2024"})
    row = next(r for r in sim.tables["contato"] if r["id"] == new_id)
    assert (row["nome"], row["data_cadastro"], row["fone_celular"]) == (
        "Só e-mail", "2024-06-24", "")
