"""Logging an attendance as an IXC su_ticket, against the IXC simulator (real sockets)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlite_utils

from desktop.demo.simulators.ixc import SimulatorHandle, start_simulator
from desktop.forward.attendance import AttendanceService, LogRequest
from desktop.forward.ixc_delivery import IxcTicketDelivery
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.client import IxcClient
from desktop.ixc.models import Section
from desktop.ixc.tickets import KIND, IxcTickets, TicketError
from desktop.retry.backoff import Backoff
from desktop.settings.model import Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.history import CallDirection, CallHistory, CallOutcome
from desktop.store.outbox import Outbox, OutboxState


def _client(sim: SimulatorHandle, url: str | None = None, timeout_s: float = 5.0) -> IxcClient:
    return IxcClient(url or sim.url, sim.token, timeout_s=timeout_s)


class Desk:
    """The services as the app wires them, on one database."""

    def __init__(self, db: sqlite_utils.Database, client: IxcClient) -> None:
        self.outbox = Outbox(db)
        self.history = CallHistory(db)
        self.attendances = AttendanceStore(db)
        self.tickets = IxcTickets(client)
        self.worker = OutboxWorker(self.outbox, {KIND: IxcTicketDelivery(self.tickets)},
                                   backoff=Backoff(first_s=0.05, maximum_s=0.2, low=0.5, high=1.0),
                                   rng=random.Random(3), poll_interval_s=0.05)
        self.service = AttendanceService(settings=Settings(), outbox=self.outbox,
                                         attendances=self.attendances, history=self.history,
                                         agent="Ana", tickets=self.tickets, worker=self.worker)

    def call(self) -> int:
        start = datetime.now(UTC) - timedelta(minutes=5)
        call = self.history.record_start("call-1", number="+5511987654321",
                                         direction=CallDirection.INBOUND, started_at=start,
                                         extension="201")
        self.history.record_answer(call.id, start + timedelta(seconds=3))
        self.history.record_end(call.id, start + timedelta(seconds=128), CallOutcome.COMPLETED)
        return call.id


@pytest.fixture
async def desk(db: sqlite_utils.Database, ixc_sim: SimulatorHandle) -> AsyncIterator[Desk]:
    client = _client(ixc_sim)
    made = Desk(db, client)
    await made.service.refresh_ixc_caches()
    yield made
    await made.worker.stop(grace_s=1)
    await client.aclose()


def _inserts(sim: SimulatorHandle) -> list[dict]:
    return [r.body for r in sim.requests if r.table == "su_ticket" and not r.listing
            and r.method == "POST"]


def _tickets_with(sim: SimulatorHandle, marker: str) -> list[dict[str, str]]:
    return [t for t in sim.tables["su_ticket"] if marker in t["menssagem"]]


async def test_subjects_are_cached_and_searchable(desk: Desk) -> None:
    found = desk.service.search_subjects("conexao")
    assert [s.label for s in found] == ["Sem conexão"]
    assert {s.name for s in desk.service.ticket_sectors()} >= {"Suporte técnico", "Financeiro"}


async def test_ticket_is_created_with_the_right_fields(desk: Desk, ixc_sim: SimulatorHandle
                                                       ) -> None:
    # this tenant's subject 1 needs a contract and a workflow process
    subject = next(r for r in ixc_sim.tables["su_oss_assunto"] if r["id"] == "1")
    subject.update({"contrato_obrigatorio": "S", "obrigar_processo_atendimento": "S",
                    "id_processo": "7"})
    await desk.service.refresh_ixc_caches()
    call_id = desk.call()
    logged = await desk.service.log_attendance(LogRequest(
        customer_id="101", customer_name="Cliente 101", subject_id="1", ticket_sector_id="1",
        description="Sem sinal desde ontem; reiniciou a ONU.", priority="A", contract_id="501",
        login_id="", solved=True, call_id=call_id,
        sections_checked=(Section.SERVICE_ORDERS, Section.CONNECTIONS)))
    assert logged.ticket.state is OutboxState.PENDING
    await desk.worker.start()
    await desk.worker.wait_until_idle(10)

    item = desk.outbox.get(logged.ticket.id)
    assert item.state is OutboxState.SENT
    [body] = _inserts(ixc_sim)
    assert body["tipo"] == "C" and body["id_cliente"] == "101" and body["id_assunto"] == "1"
    assert body["id_ticket_setor"] == "1" and body["prioridade"] == "A"
    assert body["id_contrato"] == "501" and body["id_wfl_processo"] == "7"
    assert body["su_status"] == "S" and body["finalizar_atendimento"] == "S"
    assert body["titulo"] == "Sem conexão" and "mensagem" not in body
    text = body["menssagem"]
    assert "Sem sinal desde ontem" in text
    assert "Seções verificadas na ficha: OS, conexão." in text
    assert "(11) 98765-4321" in text and "2min05s" in text
    [row] = _tickets_with(ixc_sim, item.payload["marker"])
    assert item.result == {"ticket_id": row["id"], "protocol": row["protocolo"]}
    assert desk.history.get(call_id).logged


async def test_subject_rules_are_checked_before_anything_is_queued(
    desk: Desk, ixc_sim: SimulatorHandle
) -> None:
    subject = next(r for r in ixc_sim.tables["su_oss_assunto"] if r["id"] == "2")
    subject["login_obrigatorio"] = "S"
    await desk.service.refresh_ixc_caches()
    with pytest.raises(TicketError, match="exige um login"):
        await desk.service.log_attendance(LogRequest(
            customer_id="101", customer_name="C", subject_id="2", ticket_sector_id="1",
            description="x"))
    assert desk.outbox.items() == []


async def test_ixc_refusal_is_a_visible_failure(desk: Desk, ixc_sim: SimulatorHandle) -> None:
    ixc_sim.set_faults(json_error="Preencha Assunto", tables={"su_ticket"})
    logged = await desk.service.log_attendance(LogRequest(
        customer_id="101", customer_name="C", subject_id="3", ticket_sector_id="1",
        description="x"))
    await desk.worker.start()
    await desk.worker.wait_until_idle(10)
    item = desk.outbox.get(logged.ticket.id)
    assert item.state is OutboxState.FAILED and "Preencha Assunto" in item.last_error
    ixc_sim.clear_faults()
    desk.service.retry(item.id)
    await desk.worker.wait_until_idle(10)
    assert desk.outbox.get(item.id).state is OutboxState.SENT


async def test_ixc_down_for_a_while_then_delivered_once(db: sqlite_utils.Database) -> None:
    sim = start_simulator()
    port = sim.port
    data = sim.tables
    sim.stop()                         # IXC is down: connection refused
    client = IxcClient(f"http://127.0.0.1:{port}", sim.token, timeout_s=2)
    desk = Desk(db, client)
    logged = await desk.service.log_attendance(LogRequest(
        customer_id="101", customer_name="C", subject_id="3", ticket_sector_id="1",
        description="cliente pediu troca de roteador"))
    await desk.worker.start()
    await asyncio.sleep(0.6)
    waiting = desk.outbox.get(logged.ticket.id)
    assert waiting.state in (OutboxState.PENDING, OutboxState.SENDING)
    assert waiting.attempts >= 1 and "conectar" in waiting.last_error
    back = start_simulator(port=port, data=data)   # IXC returns
    try:
        await desk.worker.wait_until_idle(15)
        item = desk.outbox.get(logged.ticket.id)
        assert item.state is OutboxState.SENT
        assert len(_tickets_with(back, item.payload["marker"])) == 1
    finally:
        await desk.worker.stop(grace_s=1)
        await client.aclose()
        back.stop()


async def test_timed_out_insert_is_found_not_repeated(db: sqlite_utils.Database,
                                                      ixc_sim: SimulatorHandle) -> None:
    client = _client(ixc_sim, timeout_s=0.4)
    desk = Desk(db, client)
    # IXC inserts, but answers after the client gave up
    ixc_sim.set_faults(slow_ms=900, tables={"su_ticket"})
    logged = await desk.service.log_attendance(LogRequest(
        customer_id="101", customer_name="C", subject_id="3", ticket_sector_id="1",
        description="lento"))
    await desk.worker.start()
    try:
        async with asyncio.timeout(10):
            while desk.outbox.get(logged.ticket.id).last_error == "":
                await asyncio.sleep(0.02)
        await asyncio.sleep(1.0)       # the slow insert lands on the server meanwhile
        ixc_sim.clear_faults()
        await desk.worker.wait_until_idle(10)
        item = desk.outbox.get(logged.ticket.id)
        assert item.state is OutboxState.SENT
        assert len(_tickets_with(ixc_sim, item.payload["marker"])) == 1
        assert len(_inserts(ixc_sim)) == 1
        assert item.result["protocol"]
    finally:
        await desk.worker.stop(grace_s=1)
        await client.aclose()

