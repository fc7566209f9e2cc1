"""Callers Ramal could not identify (issue 16): foreign numbers found in any stored format, and
an unknown number attached to a customer without overwriting anything; against the simulator."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.ixc.client import IxcClient
from desktop.ixc.models import MatchKind
from desktop.ixc.phone_attach import AttachOutcome, attach_phone, plan_attach
from desktop.ixc.phone_match import best_match, classify, foreign_numbers, search_fragments
from desktop.ixc.records import IxcService
from desktop.phone.numbers import normalize_br_number

FOREIGN = normalize_br_number("+351912345678")


@pytest.mark.parametrize("stored", ["+351 912 345 678", "00351912345678", "351912345678",
                                    "(+351) 91 234 56 78", "11 3333-4444 / 00351 912345678"])
def test_a_foreign_number_matches_however_it_was_typed(stored: str) -> None:
    match = best_match(FOREIGN, {"fone": stored})
    assert match is not None and match.kind is MatchKind.EXACT


@pytest.mark.parametrize("stored", ["+351 912 345 679", "912 345 678", "+55 11 91234-5678",
                                    "+34 912 345 678"])
def test_other_numbers_do_not_match_a_foreign_caller(stored: str) -> None:
    assert best_match(FOREIGN, {"fone": stored}) is None


def test_foreign_digits_and_fragment() -> None:
    assert foreign_numbers("00351 912 345 678") == ["351912345678"]
    assert classify(FOREIGN, "351912345678") is MatchKind.EXACT
    assert search_fragments(FOREIGN) == ("1%2%3%4%5%6%7%8",)


async def test_a_foreign_caller_stored_in_ixc_is_looked_up(client: IxcClient,
                                                           sim: SimulatorHandle) -> None:
    ids = {sim.insert("cliente", {"razao": f"Cliente de Portugal {i}", "cnpj_cpf": "1",
                                  "ativo": "S", column: stored})
           for i, (column, stored) in enumerate([("fone", "+351 912 345 678"),
                                                 ("whatsapp", "00351912345678"),
                                                 ("telefone_celular", "351912345678")])}
    sim.insert("cliente", {"razao": "Outro", "cnpj_cpf": "2", "fone": "+351 912 345 670"})
    service = IxcService(client, None, clock=datetime.now)
    result = await service.lookup("+351 912 345 678")
    assert {str(r.customer.id) for r in result.matches} | {
        str(m.id) for m in result.more} == ids
    await service.aclose()


def test_plan_never_overwrites_and_prefers_the_right_column() -> None:
    mobile = normalize_br_number("+5511987654321")
    landline = normalize_br_number("+551133334444")
    empty = {"fone": "", "telefone_celular": "", "whatsapp": "", "telefone_comercial": ""}
    assert plan_attach(empty, mobile).column == "telefone_celular"
    assert plan_attach(empty, landline).column == "fone"
    assert plan_attach({**empty, "telefone_celular": "(47) 99999-0000"},
                       mobile).column == "whatsapp"
    full = {k: "(47) 3333-0000" for k in empty}
    assert plan_attach(full, mobile).outcome is AttachOutcome.NO_EMPTY_COLUMN
    assert plan_attach({**empty, "fone": "11 98765-4321"},
                       mobile).outcome is AttachOutcome.ALREADY_THERE
    assert plan_attach(empty, normalize_br_number("0800 123 4567")).outcome is \
        AttachOutcome.NOT_A_PHONE


async def test_attaching_the_number_makes_the_next_call_pop_the_card(
        client: IxcClient, sim: SimulatorHandle) -> None:
    cid = sim.insert("cliente", {"razao": "Joana Sem Telefone", "cnpj_cpf": "123.456.789-09",
                                 "ativo": "S", "fone": "(47) 3333-0101", "senha": "hotsite-1",
                                 "email": "joana@example.com"})
    service = IxcService(client, None, clock=datetime.now)
    assert not (await service.lookup("+5547991230001")).matches
    result = await attach_phone(client, cid, "+5547991230001")
    assert result.outcome is AttachOutcome.ATTACHED and "Celular" in result.message
    row = next(r for r in sim.tables["cliente"] if r["id"] == cid)
    # one column added; everything else kept, the hotsite password included (a PUT is whole)
    assert (row["telefone_celular"], row["fone"], row["email"], row["senha"]) == (
        "(47) 99123-0001", "(47) 3333-0101", "joana@example.com", "hotsite-1")
    found = await service.lookup("+5547991230001")
    assert [str(r.customer.id) for r in found.matches] == [cid]
    again = await attach_phone(client, cid, "+5547991230001")
    assert again.outcome is AttachOutcome.ALREADY_THERE
    assert (await attach_phone(client, "99999", "+5547991230001")).outcome is \
        AttachOutcome.NOT_FOUND
    await service.aclose()


async def test_attach_re_reads_so_a_phone_typed_meanwhile_is_kept(
        client: IxcClient, sim: SimulatorHandle) -> None:
    cid = sim.insert("cliente", {"razao": "Paulo", "cnpj_cpf": "1", "ativo": "S"})
    # someone fills the mobile in IXC after the agent's search, before the confirmation
    next(r for r in sim.tables["cliente"] if r["id"] == cid)["telefone_celular"] = "47 98888-0000"
    result = await attach_phone(client, cid, "+5547991230002")
    row = next(r for r in sim.tables["cliente"] if r["id"] == cid)
    assert result.column == "whatsapp"
    assert (row["telefone_celular"], row["whatsapp"]) == ("47 98888-0000", "(47) 99123-0002")
