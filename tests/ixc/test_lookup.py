"""IxcService against the simulator: every demo scenario, both finding paths, progressive
delivery, a failing section, stale index entries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from desktop.ixc.client import IxcClient
from desktop.ixc.models import AccessStatus, CustomerRecord, MatchKind, Section
from desktop.ixc.phone_match import PHONE_COLUMNS, search_fragments
from desktop.ixc.records import IxcService
from desktop.phone import normalize_br_number
from desktop.simulators.ixc import DEMO_NUMBERS, SimulatorHandle
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
    rows = {int(r["id"]): r for r in sim.tables["cliente"]}
    for name, demo in DEMO_NUMBERS.items():
        expected = sorted(demo.customer_ids)
        if not indexed:
            # without an index only masks holding a LIKE fragment can be found (documented)
            fragments = search_fragments(normalize_br_number(demo.number))
            expected = [cid for cid in expected
                        if any(f in rows[cid][col] for f in fragments for col in PHONE_COLUMNS)]
        result = await service.lookup(demo.number)
        assert sorted(m.customer.id for m in result.matches) == expected, name
        for record in result.matches:
            assert record.complete and not record.errors, name


async def test_search_path_costs_one_wave_of_searches(client: IxcClient, sim: SimulatorHandle
                                                      ) -> None:
    service = IxcService(client, None)
    await service.lookup(DEMO_NUMBERS["em_dia"].number)  # loads reference tables once
    sim.reset_log()
    result = await service.lookup(DEMO_NUMBERS["em_dia"].number)
    searches = [r for r in sim.requests if r.table == "cliente"]
    assert len(searches) == 8                         # 4 phone columns x 2 fragments
    assert {r.body["oper"] for r in searches} == {"L"}
    assert len(sim.requests) == 8 + 6                 # + the sections of one customer
    assert result.matches[0].customer.name == "Maria Aparecida da Silva"


async def test_indexed_number_needs_no_search(service: IxcService, sim: SimulatorHandle
                                              ) -> None:
    await service.warm_up()
    sim.reset_log()
    await service.lookup(DEMO_NUMBERS["os_aberta"].number)
    assert not [r for r in sim.requests if r.body.get("oper") == "L"]
    assert len(sim.requests) == 7                     # customer row + 6 section reads


async def test_record_contents(service: IxcService) -> None:
    rec = (await service.lookup(DEMO_NUMBERS["os_aberta"].number)).matches[0]
    assert [o.status.value for o in rec.open_service_orders] == ["EX", "AG"]
    scheduled = rec.open_service_orders[1]
    assert scheduled.scheduled is not None and scheduled.technician == "Josiane Campos"
    assert scheduled.subject == "Troca de equipamento"
    assert len(rec.closed_service_orders) == 1
    assert rec.connections[0].online.label == "Offline"
    assert rec.customer.address.city == "" or rec.customer.address.city == "São Paulo"

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
    assert rec.to_json()["errors"] == {"invoices": rec.errors[Section.INVOICES]}


async def test_index_learns_new_and_changed_phones(service: IxcService, sim: SimulatorHandle
                                                   ) -> None:
    await service.warm_up()
    new_number = "+5511955501234"
    assert not (await service.lookup(new_number)).matches
    sim.insert("cliente", {"razao": "Cliente Novo", "cnpj_cpf": "529.982.247-25", "ativo": "S",
                           "whatsapp": "11 9 5550 1234"})   # a mask the LIKE fragments miss
    found = await service.lookup(new_number)  # index refreshed while the search ran
    again = await service.lookup(new_number)
    assert [m.customer.name for m in found.matches] == ["Cliente Novo"]
    assert [m.customer.name for m in again.matches] == ["Cliente Novo"]
    # a customer whose phone changed in IXC is not shown from a stale index entry
    row = next(r for r in sim.tables["cliente"] if r["id"] == "101")
    row["telefone_celular"] = "(11) 91111-0000"
    assert not (await service.lookup(DEMO_NUMBERS["em_dia"].number)).matches


async def test_internal_and_anonymous_numbers_cost_nothing(service: IxcService,
                                                           sim: SimulatorHandle) -> None:
    for number in ("201", "", "anonymous"):
        assert not (await service.lookup(number)).matches
    assert sim.requests == []
