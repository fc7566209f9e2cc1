"""The search box against the simulator over sockets: documents, names, phones, bad text, IXC
errors, and ``record_for`` loading the chosen customer progressively."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from desktop.demo.simulators.ixc import DEMO_NUMBERS, SimulatorHandle
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import (
    IxcApiError,
    IxcAuthError,
    IxcCustomerNotFoundError,
    IxcError,
    IxcHtmlError,
    IxcSearchTextError,
    IxcServerError,
)
from desktop.ixc.models import CustomerRecord, MatchKind, SearchKind, Section
from desktop.ixc.records import IxcService
from desktop.store.database import open_database
from desktop.store.phone_index import PhoneIndex


@pytest.fixture
async def service(client: IxcClient, sim: SimulatorHandle) -> AsyncIterator[IxcService]:
    service = IxcService(client, PhoneIndex(open_database(":memory:"), sim.url))
    await service.warm_up()          # reference tables and index loaded: requests below are
    sim.reset_log()                  # the search's own
    yield service


def _cliente_queries(sim: SimulatorHandle) -> list[tuple[str, str, str]]:
    return [(r.body["qtype"], r.body["oper"], r.body["query"]) for r in sim.requests]


def _document_of(sim: SimulatorHandle, cid: str) -> str:
    return next(r["cnpj_cpf"] for r in sim.tables["cliente"] if r["id"] == cid)


async def test_cpf_masked_costs_one_exact_query(service: IxcService, sim: SimulatorHandle
                                                ) -> None:
    cpf = _document_of(sim, "101")
    found = await service.search(cpf)
    assert [(m.id, m.found_by, m.cpf_cnpj) for m in found] == [(101, SearchKind.CPF, cpf)]
    assert _cliente_queries(sim) == [("cliente.cnpj_cpf", "=", cpf)]


async def test_cpf_typed_as_digits_asks_the_masked_form_first(
        service: IxcService, sim: SimulatorHandle) -> None:
    cpf = _document_of(sim, "105")
    found = await service.search(cpf.replace(".", "").replace("-", ""))
    assert [m.name for m in found] == ["Sebastião Ferreira Costa"]
    assert _cliente_queries(sim) == [("cliente.cnpj_cpf", "=", cpf)]


async def test_cpf_stored_without_mask_is_found_by_digits(service: IxcService,
                                                          sim: SimulatorHandle) -> None:
    cid = sim.insert("cliente", {"razao": "Importado Sem Máscara", "ativo": "S",
                                 "cnpj_cpf": "52998224725"})
    found = await service.search("529.982.247-25")
    assert [m.id for m in found] == [int(cid)]
    assert found[0].cpf_cnpj == "529.982.247-25"      # shown masked all the same
    assert _cliente_queries(sim) == [("cliente.cnpj_cpf", "=", "529.982.247-25"),
                                     ("cliente.cnpj_cpf", "=", "52998224725")]


async def test_cnpj_masked_and_digits(service: IxcService, sim: SimulatorHandle) -> None:
    cnpj = _document_of(sim, "116")
    for typed in (cnpj, "".join(ch for ch in cnpj if ch.isdigit())):
        found = await service.search(typed)
        assert [(m.id, m.found_by) for m in found] == [(116, SearchKind.CNPJ)], typed
        assert found[0].customer.is_company


async def test_unknown_document_is_empty_after_both_forms(service: IxcService,
                                                          sim: SimulatorHandle) -> None:
    assert await service.search("111.444.777-35") == []
    assert [q[2] for q in _cliente_queries(sim)] == ["111.444.777-35", "11144477735"]


@pytest.mark.parametrize("typed", ["aparecida", "MARIA SILVA", "maria  da silva", "Maria"])
async def test_name_partial_case_insensitive_words_in_order(
        service: IxcService, typed: str) -> None:
    found = await service.search(typed)
    assert 101 in [m.id for m in found]
    assert {m.found_by for m in found} == {SearchKind.NAME}


async def test_name_without_accents_finds_accented(service: IxcService) -> None:
    found = await service.search("sebastiao ferreira")
    assert [m.id for m in found] == [105]
    assert found[0].address.endswith("São Paulo/SP")   # city name resolved for the list


async def test_name_searches_razao_and_fantasia_active_first_then_name(
        service: IxcService, sim: SimulatorHandle) -> None:
    ids = {name: int(sim.insert("cliente", {"razao": name, "ativo": active}))
           for name, active in (("Zulmira Quitanda Azul", "S"), ("Álvaro Quitanda Azul", "N"),
                                ("Bento Quitanda Azul", "S"))}
    company = int(sim.insert("cliente", {"razao": "QA Comércio de Alimentos Ltda",
                                         "fantasia": "Quitanda Azul", "ativo": "S",
                                         "tipo_pessoa": "J"}))
    sim.reset_log()
    found = await service.search("quitanda azul")
    assert [m.id for m in found] == [ids["Bento Quitanda Azul"], company,
                                     ids["Zulmira Quitanda Azul"], ids["Álvaro Quitanda Azul"]]
    assert [m.active for m in found] == [True, True, True, False]
    assert sorted(_cliente_queries(sim)) == [("cliente.fantasia", "L", "quitanda%azul"),
                                             ("cliente.razao", "L", "quitanda%azul")]
    assert {r.body["rp"] for r in sim.requests} == {"20"}


async def test_limit_caps_the_list_and_the_page_size(service: IxcService,
                                                     sim: SimulatorHandle) -> None:
    for i in range(6):
        sim.insert("cliente", {"razao": f"Homônimo Repetido {i}", "ativo": "S"})
    sim.reset_log()
    found = await service.search("homonimo repetido", limit=4)
    assert len(found) == 4
    assert {r.body["rp"] for r in sim.requests} == {"4"}


async def test_phone_finds_every_customer_sharing_it_without_sections(
        service: IxcService, sim: SimulatorHandle) -> None:
    found = await service.search("(11) 96666-5555")
    assert sorted(m.id for m in found) == sorted(DEMO_NUMBERS["familia"].customer_ids)
    assert all(m.found_by is SearchKind.PHONE and m.phone_match is not None
               and m.phone_match.kind is MatchKind.EXACT for m in found)
    assert {r.table for r in sim.requests} == {"cliente"}      # identity only


async def test_phone_unknown_to_the_index_is_searched_live(client: IxcClient,
                                                           sim: SimulatorHandle) -> None:
    service = IxcService(client, None)
    found = await service.search("11 99876-5432")
    assert [m.id for m in found] == [105]
    assert {r.body["oper"] for r in sim.requests if r.table == "cliente"} == {"L"}
    assert not {"fn_areceber", "su_oss_chamado", "radusuarios"} & {r.table
                                                                  for r in sim.requests}


async def test_digits_that_are_both_cpf_and_phone_ask_the_document_first(
        service: IxcService, sim: SimulatorHandle) -> None:
    by_cpf = int(sim.insert("cliente", {"razao": "Dono do CPF", "ativo": "S",
                                        "cnpj_cpf": "119.876.500-34"}))
    sim.insert("cliente", {"razao": "Dono do Celular", "ativo": "S",
                           "telefone_celular": "(11) 98765-0034"})
    found = await service.search("11987650034")
    assert [(m.id, m.found_by) for m in found] == [(by_cpf, SearchKind.CPF)]
    assert _cliente_queries(sim) == [("cliente.cnpj_cpf", "=", "119.876.500-34")]


async def test_digits_that_are_both_fall_back_to_the_phone_when_no_one_has_the_document(
        service: IxcService, sim: SimulatorHandle) -> None:
    by_phone = int(sim.insert("cliente", {"razao": "Dono do Celular", "ativo": "S",
                                          "telefone_celular": "(11) 98765-0034"}))
    found = await service.search("11987650034")
    assert [(m.id, m.found_by) for m in found] == [(by_phone, SearchKind.PHONE)]
    asked = _cliente_queries(sim)
    assert asked[:2] == [("cliente.cnpj_cpf", "=", "119.876.500-34"),
                         ("cliente.cnpj_cpf", "=", "11987650034")]
    assert len(asked) > 2                                   # then the phone columns


@pytest.mark.parametrize(("typed", "says"), [
    ("jo", "pelo menos 3 letras"), ("123.456.789-00", "CPF inválido"),
    ("98765-4321", "com DDD")])
async def test_unsearchable_text_is_a_clear_error_and_costs_nothing(
        service: IxcService, sim: SimulatorHandle, typed: str, says: str) -> None:
    with pytest.raises(IxcSearchTextError) as caught:
        await service.search(typed)
    assert says in caught.value.message
    assert await service.search("  ") == []
    assert sim.requests == []


@pytest.mark.parametrize(("faults", "error"), [
    ({"html_error": True}, IxcHtmlError),
    ({"json_error": "Permissão negada"}, IxcApiError),
    ({"unauthorized": True}, IxcAuthError),
    ({"error_500": True}, IxcServerError),
])
@pytest.mark.parametrize("typed", ["maria silva", "526.018.159-06", "(11) 98765-4321"])
async def test_ixc_failures_are_typed_errors(service: IxcService, sim: SimulatorHandle,
                                             faults: dict[str, Any], error: type[IxcError],
                                             typed: str) -> None:
    sim.set_faults(tables=["cliente"], **faults)
    with pytest.raises(error) as caught:
        await service.search(typed)
    assert caught.value.message and "IXC" in caught.value.message


# --- record_for ----------------------------------------------------------------------------

async def test_record_for_delivers_identity_first_then_each_section(
        service: IxcService, sim: SimulatorHandle) -> None:
    updates: list[CustomerRecord] = []
    record = await service.record_for("105", on_update=updates.append)
    assert updates[0].customer.name == "Sebastião Ferreira Costa"
    assert updates[0].match is None
    pending = [len(u.pending) for u in updates]
    assert pending == sorted(pending, reverse=True) and pending[-1] == 0
    assert updates[-1] == record and record.complete and not record.errors
    assert [o.status.value for o in record.open_service_orders] == ["EX", "AG"]
    assert record.customer.address.city == "São Paulo"
    assert len(sim.requests) == 6            # customer row + 5 sections, one wave


async def test_record_for_a_failing_section_carries_its_error(
        service: IxcService, sim: SimulatorHandle) -> None:
    sim.set_faults(html_error=True, tables=["radusuarios"])
    updates: list[CustomerRecord] = []
    record = await service.record_for(102, on_update=updates.append)
    assert set(record.errors) == {Section.CONNECTIONS}
    assert "Ocorreu um erro ao processar" in record.errors[Section.CONNECTIONS]
    assert record.contracts and record.invoices and record.complete
    assert any(Section.CONNECTIONS in u.errors for u in updates)


async def test_record_for_unknown_or_malformed_id(service: IxcService,
                                                  sim: SimulatorHandle) -> None:
    with pytest.raises(IxcCustomerNotFoundError) as caught:
        await service.record_for("99999")
    assert "99999" in caught.value.message and "não foi encontrado" in caught.value.message
    made = len(sim.requests)
    with pytest.raises(IxcCustomerNotFoundError):
        await service.record_for("abc")
    assert len(sim.requests) == made           # no request for an id that cannot exist


async def test_record_for_customer_read_failure_raises(service: IxcService,
                                                       sim: SimulatorHandle) -> None:
    sim.set_faults(unauthorized=True)
    with pytest.raises(IxcAuthError):
        await service.record_for("101")
