"""IxcService against the simulator: every demo scenario, both finding paths, progressive
delivery, a failing section, stale index entries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from desktop.demo.simulators.ixc import DEMO_NUMBERS, SimulatorHandle
from desktop.ixc.client import IxcClient
from desktop.ixc.models import AccessStatus, CustomerRecord, MatchKind, Section
from desktop.ixc.phone_match import PHONE_COLUMNS
from desktop.ixc.record_json import record_to_json
from desktop.ixc.records import IxcService
from desktop.store.database import open_database
from desktop.store.phone_index import PhoneIndex


@pytest.fixture
async def service(client: IxcClient, sim: SimulatorHandle) -> AsyncIterator[IxcService]:
    index = PhoneIndex(open_database(":memory:"), sim.url)
    yield IxcService(client, index, clock=datetime.now)


@pytest.mark.parametrize("indexed", [False, True], ids=["searched", "indexed"])
async def test_every_demo_number_finds_exactly_its_customers(
        client: IxcClient, sim: SimulatorHandle, indexed: bool) -> None:
    index = PhoneIndex(open_database(":memory:"), sim.url) if indexed else None
    service = IxcService(client, index)
    if indexed:
        await service.warm_up()
        assert index is not None and index.customer_count() == len(sim.tables["cliente"])
    for name, demo in DEMO_NUMBERS.items():
        expected = sorted(demo.customer_ids)   # every mask, with or without the index
        result = await service.lookup(demo.number)
        assert sorted(m.customer.id for m in result.matches) == expected, name
        for record in result.matches:
            assert record.complete and not record.errors, name


async def test_search_path_costs_one_search_per_phone_column(client: IxcClient,
                                                             sim: SimulatorHandle) -> None:
    service = IxcService(client, None)
    await service.lookup(DEMO_NUMBERS["em_dia"].number)  # loads reference tables once
    sim.reset_log()
    result = await service.lookup(DEMO_NUMBERS["em_dia"].number)
    searches = [r for r in sim.requests if r.table == "cliente"]
    assert sorted(r.body["qtype"] for r in searches) == sorted(
        f"cliente.{c}" for c in PHONE_COLUMNS)
    assert {(r.body["oper"], r.body["query"]) for r in searches} == {("L", "8765%4321")}
    assert len(sim.requests) == 4 + 5                 # + the sections of one customer
    assert result.matches[0].customer.name == "Maria Aparecida da Silva"


MASKS = ["11987650001", "(11) 98765-0001", "98765-0001", "+55 11 9 8765 0001",
         "9 8765 0001", "98765.0001", "11 . 9 8765 . 0001", "(11)98765 - 0001",
         "0 41 11 98765-0001", "(11) 3030-4050 / 11 9 8765 0001", "(11) 8765-0001"]


async def test_search_without_index_finds_every_mask(client: IxcClient, sim: SimulatorHandle
                                                     ) -> None:
    ids = {sim.insert("cliente", {"razao": f"Máscara {i}", "ativo": "S",
                                  "cnpj_cpf": "529.982.247-25", PHONE_COLUMNS[i % 4]: mask})
           for i, mask in enumerate(MASKS)}
    # decoys: the same 8 digits under another DDD, and digits of another number
    sim.insert("cliente", {"razao": "Outro DDD", "ativo": "S", "fone": "(21) 98765-0001"})
    sim.insert("cliente", {"razao": "Outro número", "ativo": "S", "fone": "(11) 98765-0002"})
    result = await IxcService(client, None).lookup("+5511987650001")
    # the 5 best ranked loaded in full (plus those that started early, as their search
    # answered first: at most 5 more), the others listed by identity, loaded when picked
    assert 5 <= len(result.matches) <= 10
    assert {str(m.customer.id) for m in result.matches} | {str(m.id) for m in result.more
                                                            } == ids
    assert result.more_matches == len(ids) - len(result.matches)


async def test_indexed_number_needs_no_search(service: IxcService, sim: SimulatorHandle
                                              ) -> None:
    await service.warm_up()
    sim.reset_log()
    await service.lookup(DEMO_NUMBERS["os_aberta"].number)
    assert not [r for r in sim.requests if r.body.get("oper") == "L"]
    assert len(sim.requests) == 6                     # customer row + 5 section reads


async def test_record_contents(service: IxcService) -> None:
    rec = (await service.lookup(DEMO_NUMBERS["os_aberta"].number)).matches[0]
    assert [o.status.value for o in rec.open_service_orders] == ["EX", "AG"]
    scheduled = rec.open_service_orders[1]
    assert scheduled.scheduled is not None and scheduled.technician == "Josiane Campos"
    assert scheduled.subject == "Troca de equipamento"
    assert len(rec.closed_service_orders) == 1
    assert rec.connections[0].online.label == "Offline"
    assert rec.customer.address.city == "São Paulo"   # even on a cold start

    blocked = (await service.lookup(DEMO_NUMBERS["bloqueio_automatico"].number)).matches[0]
    assert blocked.contracts[0].access_status is AccessStatus.BLOCKED_AUTOMATIC
    assert len(blocked.overdue_invoices) == 2 and blocked.total_overdue > 0
    assert blocked.next_due is not None and blocked.last_payment is not None

    manual = (await service.lookup(DEMO_NUMBERS["bloqueio_manual"].number)).matches[0]
    assert "titular" in manual.customer.alerta
    assert manual.contracts[0].access_status.label == "Bloqueio manual"


async def test_ranking_active_before_inactive_and_ninth_digit(service: IxcService) -> None:
    both = await service.lookup(DEMO_NUMBERS["ativo_e_inativo"].number)
    assert [m.customer.active for m in both.matches] == [True, False]
    old = await service.lookup(DEMO_NUMBERS["sem_nono_digito"].number)
    assert old.matches[0].match is not None
    assert old.matches[0].match.kind is MatchKind.NINTH_DIGIT


async def test_sections_arrive_progressively_identity_first(service: IxcService) -> None:
    updates: list[CustomerRecord] = []
    await service.lookup(DEMO_NUMBERS["em_dia"].number, on_update=updates.append)
    assert updates[0].pending == frozenset(Section)
    assert updates[0].customer.name == "Maria Aparecida da Silva"
    pending_sizes = [len(u.pending) for u in updates]
    assert pending_sizes == sorted(pending_sizes, reverse=True) and pending_sizes[-1] == 0


async def test_a_failing_section_carries_its_error_and_the_others_show(
        service: IxcService, sim: SimulatorHandle) -> None:
    await service.warm_up()
    sim.set_faults(html_error=True, tables=["fn_areceber"])
    rec = (await service.lookup(DEMO_NUMBERS["bloqueio_automatico"].number)).matches[0]
    assert set(rec.errors) == {Section.INVOICES}
    assert "Ocorreu um erro ao processar" in rec.errors[Section.INVOICES]
    assert rec.contracts and rec.connections and rec.complete
    assert record_to_json(rec)["errors"] == {"invoices": rec.errors[Section.INVOICES]}


async def test_index_learns_new_and_changed_phones(service: IxcService, sim: SimulatorHandle
                                                   ) -> None:
    await service.warm_up()
    new_number = "+5511955501234"
    assert not (await service.lookup(new_number)).matches
    sim.insert("cliente", {"razao": "Cliente Novo", "cnpj_cpf": "529.982.247-25", "ativo": "S",
                           "whatsapp": "11 9 5550 1234"})
    found = await service.lookup(new_number)  # not in the index yet: searched
    sim.reset_log()
    again = await service.lookup(new_number)  # remembered: no search now
    assert [m.customer.name for m in found.matches] == ["Cliente Novo"]
    assert [m.customer.name for m in again.matches] == ["Cliente Novo"]
    assert not [r for r in sim.requests if r.body.get("oper") == "L"]
    # a customer whose phone changed in IXC is not shown from a stale index entry
    row = next(r for r in sim.tables["cliente"] if r["id"] == "101")
    row["telefone_celular"] = "(11) 91111-0000"
    assert not (await service.lookup(DEMO_NUMBERS["em_dia"].number)).matches


async def test_index_refresh_runs_after_the_lookup_not_before(
        client: IxcClient, sim: SimulatorHandle) -> None:
    index = PhoneIndex(open_database(":memory:"), sim.url)
    service = IxcService(client, index, index_refresh_every_s=0)
    await service.warm_up()
    sim.insert("cliente", {"razao": "Digitado agora", "ativo": "S", "fone": "(11) 3222-1000"})
    sim.reset_log()
    result = await service.lookup(DEMO_NUMBERS["em_dia"].number)
    assert result.matches[0].complete
    await service.idle()
    refreshes = [i for i, r in enumerate(sim.requests)
                 if r.body.get("qtype") == "cliente.ultima_atualizacao"]
    assert len(refreshes) == 1
    assert refreshes[0] == len(sim.requests) - 1      # after every request of the lookup
    assert {e.customer_id for e in index.candidates("32221000")}  # learnt in the background


async def test_reference_tables_are_read_once_then_renewed_in_the_background(
        client: IxcClient, sim: SimulatorHandle) -> None:
    service = IxcService(client, None, reference_ttl_s=0)
    await service.lookup(DEMO_NUMBERS["em_dia"].number)
    await service.idle()
    sim.reset_log()
    sim.tables["cidade"][:] = [dict(r, nome="Sampa") for r in sim.tables["cidade"]]
    first = await service.lookup(DEMO_NUMBERS["em_dia"].number)   # stale tables still served
    await service.idle()                                          # renewal done after it
    second = await service.lookup(DEMO_NUMBERS["em_dia"].number)
    assert first.matches[0].customer.address.city == "São Paulo"
    assert second.matches[0].customer.address.city == "Sampa"
    assert any(r.table == "cidade" for r in sim.requests)
    await service.idle()


async def test_internal_and_anonymous_numbers_cost_nothing(service: IxcService,
                                                           sim: SimulatorHandle) -> None:
    for number in ("201", "", "anonymous"):
        assert not (await service.lookup(number)).matches
    assert sim.requests == []


async def test_an_old_open_order_behind_many_closed_ones_still_shows(
        service: IxcService, sim: SimulatorHandle) -> None:
    cid = "101"
    sim.insert("su_oss_chamado", {"id_cliente": cid, "id_assunto": "1", "status": "AG",
                                  "data_abertura": "2019-01-02 08:00:00"})
    for day in range(1, 26):
        sim.insert("su_oss_chamado", {"id_cliente": cid, "id_assunto": "1", "status": "F",
                                      "data_abertura": f"2024-02-{day:02d} 08:00:00"})
    sim.reset_log()
    rec = (await service.lookup(DEMO_NUMBERS["em_dia"].number)).matches[0]
    assert [o.opened.year for o in rec.open_service_orders if o.opened] == [2019]
    assert len(rec.closed_service_orders) == 5
    assert rec.closed_service_orders[0].opened is not None
    assert rec.closed_service_orders[0].opened.day == 25          # most recent first
    assert len([r for r in sim.requests if r.table == "su_oss_chamado"]) == 2


async def test_service_orders_cost_one_request_when_they_fit_one_page(
        service: IxcService, sim: SimulatorHandle) -> None:
    await service.warm_up()
    sim.reset_log()
    rec = (await service.lookup(DEMO_NUMBERS["os_aberta"].number)).matches[0]
    assert [o.status.value for o in rec.open_service_orders] == ["EX", "AG"]
    assert len([r for r in sim.requests if r.table == "su_oss_chamado"]) == 1
