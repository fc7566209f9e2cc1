"""The protocol during the call: an open su_ticket when the customer is known, completed (not
duplicated) by the log dialog; against the IXC simulator over loopback."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlite_utils

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.attendance import (
    RESERVE_PAUSE_S,
    AttendanceService,
    LogRequest,
    OpenRequest,
    opening_protocol,
)
from desktop.forward.clock import ManualClock
from desktop.forward.ixc_completion import KIND_COMPLETE, IxcTicketCompletion
from desktop.forward.ixc_delivery import IxcTicketDelivery
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcApiError, IxcServerError
from desktop.ixc.models import Section
from desktop.ixc.protocol_reservation import RESOURCE
from desktop.ixc.tickets import KIND, IxcTickets, TicketError
from desktop.retry.backoff import Backoff
from desktop.settings.model import AttendanceSettings, Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.history import CallDirection, CallHistory, CallOutcome
from desktop.store.outbox import Outbox, OutboxState

START = datetime(2026, 3, 2, 12, 55, tzinfo=UTC)


class Desk:
    def __init__(self, db: sqlite_utils.Database, client: IxcClient,
                 settings: Settings, clock: ManualClock | None = None) -> None:
        self.outbox = Outbox(db)
        self.history = CallHistory(db)
        self.attendances = AttendanceStore(db)
        self.tickets = IxcTickets(client)
        self.worker = OutboxWorker(
            self.outbox, {KIND: IxcTicketDelivery(self.tickets),
                          KIND_COMPLETE: IxcTicketCompletion(self.tickets, self.outbox)},
            backoff=Backoff(first_s=0.05, maximum_s=0.2, low=0.5, high=1.0), rng=random.Random(3),
            poll_interval_s=0.05)
        self.service = AttendanceService(settings=settings, outbox=self.outbox,
                                         attendances=self.attendances, history=self.history,
                                         agent="Ana", tickets=self.tickets, worker=self.worker,
                                         clock=clock)

    def answered_call(self, key: str = "call-1") -> int:
        call = self.history.record_start(key, number="+5511987654321",
                                         direction=CallDirection.INBOUND, started_at=START,
                                         extension="201")
        self.history.record_answer(call.id, START + timedelta(seconds=3))
        return call.id

    def end(self, call_id: int) -> None:
        self.history.record_end(call_id, START + timedelta(seconds=128), CallOutcome.COMPLETED)


SETTINGS = Settings(attendance=AttendanceSettings(open_ticket="auto", open_subject_id="3",
                                                  open_ticket_sector_id="1"))


@pytest.fixture
async def desk(db: sqlite_utils.Database, ixc_sim: SimulatorHandle) -> AsyncIterator[Desk]:
    client = IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=5)
    made = Desk(db, client, SETTINGS)
    await made.service.refresh_ixc_caches()
    await made.worker.start()
    yield made
    await made.worker.stop(grace_s=1)
    await client.aclose()


def _ticket(sim: SimulatorHandle, ticket_id: str) -> dict[str, str]:
    return next(t for t in sim.tables["su_ticket"] if t["id"] == ticket_id)


def _log(call_id: int, **changes: object) -> LogRequest:
    values: dict[str, object] = dict(
        customer_id="101", customer_name="Cliente 101", subject_id="3", ticket_sector_id="1",
        description="Sem sinal desde ontem; reiniciamos a ONU", call_id=call_id, solved=True,
        sections_checked=(Section.CONNECTIONS,),
        evidence="Conexão: cliente101 offline desde 01/03/2026 20:10")
    values.update(changes)
    return LogRequest(**values)  # type: ignore[arg-type]


async def test_open_ticket_gives_a_protocol_during_the_call_then_the_log_completes_it(
        desk: Desk, ixc_sim: SimulatorHandle) -> None:
    call_id = desk.answered_call()
    opened = desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101"))
    assert opened.attendance.state == "aberto"
    await desk.worker.wait_until_idle(10)
    sent = desk.outbox.get(opened.ticket.id)
    assert sent.state is OutboxState.SENT
    protocol = sent.result["protocol"]
    ticket_id = sent.result["ticket_id"]
    assert protocol and _ticket(ixc_sim, ticket_id)["su_status"] == "N"
    # the call ends unlogged: it still reads "não registrado", its protocol kept
    desk.end(call_id)
    assert not desk.history.get(call_id).logged
    assert desk.attendances.open_attendances()[0].id == opened.attendance.id

    before = len(ixc_sim.tables["su_ticket"])
    logged = await desk.service.log_attendance(_log(call_id))
    await desk.worker.wait_until_idle(10)
    done = desk.outbox.get(logged.ticket.id)
    assert done.kind == KIND_COMPLETE and done.state is OutboxState.SENT
    assert done.result == {"ticket_id": ticket_id, "protocol": protocol}
    assert len(ixc_sim.tables["su_ticket"]) == before          # completed, not a second one
    row = _ticket(ixc_sim, ticket_id)
    assert row["protocolo"] == protocol                         # the whole row was sent back
    assert row["data_criacao"]
    assert (row["su_status"], row["status"]) == ("S", "F")
    assert "reiniciamos a ONU" in row["menssagem"]
    assert "offline desde 01/03/2026 20:10" in row["menssagem"]
    assert str(opened.ticket.payload["marker"]) in row["menssagem"]
    assert desk.history.get(call_id).logged
    assert desk.attendances.get(opened.attendance.id).state == "registrado"
    assert desk.attendances.open_attendances() == []


async def test_opening_twice_for_one_call_is_one_ticket(desk: Desk,
                                                          ixc_sim: SimulatorHandle) -> None:
    call_id = desk.answered_call()
    first = desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101"))
    second = desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101"))
    assert second.ticket.id == first.ticket.id
    await desk.worker.wait_until_idle(10)
    marker = str(first.ticket.payload["marker"])
    assert len([t for t in ixc_sim.tables["su_ticket"] if marker in t["menssagem"]]) == 1


async def test_a_lost_completion_reply_is_sent_again_and_the_ticket_stays_one(
        desk: Desk, ixc_sim: SimulatorHandle) -> None:
    call_id = desk.answered_call()
    opened = desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101"))
    await desk.worker.wait_until_idle(10)
    ticket_id = desk.outbox.get(opened.ticket.id).result["ticket_id"]
    ixc_sim.set_faults(error_500=True, tables=frozenset({"su_ticket"}))
    logged = await desk.service.log_attendance(_log(call_id, solved=False))
    for _ in range(200):    # until the first attempt has failed (no time limit asserted)
        if desk.outbox.get(logged.ticket.id).last_error:
            break
        await asyncio.sleep(0.05)
    assert "HTTP 500" in desk.outbox.get(logged.ticket.id).last_error
    ixc_sim.clear_faults()
    desk.worker.notify()
    await desk.worker.wait_until_idle(10)
    assert desk.outbox.get(logged.ticket.id).state is OutboxState.SENT
    row = _ticket(ixc_sim, ticket_id)
    assert row["su_status"] == "N" and "reiniciamos a ONU" in row["menssagem"]
    marker = str(opened.ticket.payload["marker"])
    assert len([t for t in ixc_sim.tables["su_ticket"] if marker in t["menssagem"]]) == 1


async def test_a_failed_opening_fails_the_completion_with_a_reason(
        desk: Desk, ixc_sim: SimulatorHandle) -> None:
    call_id = desk.answered_call()
    ixc_sim.set_faults(json_error="Preencha Assunto", tables=frozenset({"su_ticket"}))
    opened = desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101"))
    await desk.worker.wait_until_idle(10)
    assert desk.outbox.get(opened.ticket.id).state is OutboxState.FAILED
    ixc_sim.clear_faults()
    logged = await desk.service.log_attendance(_log(call_id))
    await desk.worker.wait_until_idle(10)
    failed = desk.outbox.get(logged.ticket.id)
    assert failed.state is OutboxState.FAILED
    assert "Tente de novo a abertura" in failed.last_error
    # the agent retries the opening, then the log: one ticket, completed
    desk.service.retry(opened.ticket.id)
    await desk.worker.wait_until_idle(10)
    desk.service.retry(logged.ticket.id)
    await desk.worker.wait_until_idle(10)
    assert desk.outbox.get(logged.ticket.id).state is OutboxState.SENT
    marker = str(opened.ticket.payload["marker"])
    found = [t for t in ixc_sim.tables["su_ticket"] if marker in t["menssagem"]]
    assert len(found) == 1 and found[0]["su_status"] == "S"


async def test_opening_without_a_customer_is_refused_in_portuguese(desk: Desk) -> None:
    call_id = desk.answered_call()
    with pytest.raises(TicketError, match="Escolha o cliente"):
        desk.service.open_ticket(OpenRequest(call_id, "", ""))
    assert desk.attendances.open_attendances() == []


def _opening_requests(sim: SimulatorHandle) -> list[tuple[str, str, bool]]:
    return [(r.method, r.table, r.listing) for r in sim.requests
            if r.table in ("su_ticket", RESOURCE)]


async def test_a_reserved_protocol_is_inserted_without_a_read_back_and_survives_the_log(
        desk: Desk, ixc_sim: SimulatorHandle) -> None:
    call_id = desk.answered_call()
    ixc_sim.reset_log()
    protocol = await desk.service.reserve_protocol()
    assert protocol == ixc_sim.reserved_protocols[-1]
    opened = desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101",
                                                  protocol=protocol))
    assert opening_protocol(opened.ticket) == protocol        # known before anything is sent
    assert opened.ticket.payload["fields"]["protocolo"] == protocol
    await desk.worker.wait_until_idle(10)
    sent = desk.outbox.get(opened.ticket.id)
    assert sent.state is OutboxState.SENT and sent.result["protocol"] == protocol
    # one reservation, one insert, no read-back
    assert _opening_requests(ixc_sim) == [("POST", RESOURCE, False),
                                          ("POST", "su_ticket", False)]
    ticket_id = sent.result["ticket_id"]
    assert _ticket(ixc_sim, ticket_id)["protocolo"] == protocol

    desk.end(call_id)
    logged = await desk.service.log_attendance(_log(call_id))
    await desk.worker.wait_until_idle(10)
    done = desk.outbox.get(logged.ticket.id)
    assert done.state is OutboxState.SENT
    assert done.result == {"ticket_id": ticket_id, "protocol": protocol}
    row = _ticket(ixc_sim, ticket_id)                  # the whole-row PUT kept it
    assert row["protocolo"] == protocol and (row["su_status"], row["status"]) == ("S", "F")
    marker = str(opened.ticket.payload["marker"])
    assert len([t for t in ixc_sim.tables["su_ticket"] if marker in t["menssagem"]]) == 1


async def test_a_reserved_protocol_whose_insert_timed_out_is_found_by_the_marker(
        desk: Desk, ixc_sim: SimulatorHandle) -> None:
    call_id = desk.answered_call()
    protocol = await desk.service.reserve_protocol()
    # the insert lands but its answer comes after the client gave up: reconciled, not resent
    ixc_sim.set_faults(answer_delay_ms=6000, tables=frozenset({"su_ticket"}))
    opened = desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101",
                                                  protocol=protocol))
    for _ in range(400):
        if desk.outbox.get(opened.ticket.id).last_error:
            break
        await asyncio.sleep(0.05)
    ixc_sim.clear_faults()
    desk.worker.notify()
    await desk.worker.wait_until_idle(20)
    sent = desk.outbox.get(opened.ticket.id)
    assert sent.state is OutboxState.SENT and sent.result["protocol"] == protocol
    marker = str(opened.ticket.payload["marker"])
    found = [t for t in ixc_sim.tables["su_ticket"] if marker in t["menssagem"]]
    assert [t["protocolo"] for t in found] == [protocol]


async def test_an_invalid_protocol_or_a_logged_call_is_not_opened(
        desk: Desk, ixc_sim: SimulatorHandle) -> None:
    call_id = desk.answered_call()
    with pytest.raises(TicketError, match="Protocolo reservado inválido"):
        desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101",
                                             protocol="2026 07; DROP"))
    assert desk.attendances.open_attendances() == []
    # the log won the race with a reservation still on its way: no second ticket
    desk.end(call_id)
    await desk.service.log_attendance(_log(call_id))
    request = OpenRequest(call_id, "101", "Cliente 101", protocol="202607000009")
    with pytest.raises(TicketError, match="já foi registrada"):
        desk.service.check_opening(request)
    with pytest.raises(TicketError, match="já foi registrada"):
        desk.service.open_ticket(request)
    assert desk.attendances.open_attendances() == []


async def test_an_ixc_without_the_resource_is_not_asked_again_for_a_while(
        db: sqlite_utils.Database, ixc_sim: SimulatorHandle) -> None:
    clock = ManualClock()
    async with IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=5) as client:
        service = Desk(db, client, SETTINGS, clock).service

        def asked() -> int:
            return len([r for r in ixc_sim.requests if r.table == RESOURCE])

        ixc_sim.set_faults(error_500=True, tables=frozenset({RESOURCE}))
        with pytest.raises(IxcServerError):      # a sick server: asked again next call
            await service.reserve_protocol()
        ixc_sim.set_faults(error_500=False, json_error=f"Recurso {RESOURCE} não está "
                                                       "disponível!")
        with pytest.raises(IxcApiError):         # this IXC has no such resource
            await service.reserve_protocol()
        assert asked() == 2
        assert await service.reserve_protocol() == ""          # paused: no request
        clock.advance(RESERVE_PAUSE_S - 1)
        assert await service.reserve_protocol() == ""
        assert asked() == 2
        ixc_sim.clear_faults()
        clock.advance(2)
        assert await service.reserve_protocol() == ixc_sim.reserved_protocols[-1]
        assert asked() == 3
