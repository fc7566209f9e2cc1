"""One desk as the app wires it (stores, IXC ticket worker, AttendanceService) on a database file,
with an injected clock, talking to the IXC simulator over loopback. Shared by the test_once_*
modules (imported by plain name, like tests/sip's sip_testbed)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.attendance import AttendanceService, LogRequest
from desktop.forward.clock import ManualClock
from desktop.forward.ixc_completion import KIND_COMPLETE, IxcTicketCompletion
from desktop.forward.ixc_delivery import IxcTicketDelivery
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.client import IxcClient
from desktop.ixc.tickets import KIND, IxcTickets
from desktop.retry.backoff import Backoff
from desktop.settings.model import Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.database import open_database
from desktop.store.history import CallDirection, CallHistory, CallOutcome
from desktop.store.outbox import Outbox, OutboxItem

CALL_START = datetime(2026, 3, 2, 12, 55, tzinfo=UTC)


class Desk:
    def __init__(self, db_path: Path, sim: SimulatorHandle, clock: ManualClock,
                 backoff: Backoff | None = None) -> None:
        self.db = open_database(db_path)
        self.clock = clock
        self.client = IxcClient(sim.url, sim.token, timeout_s=5)
        self.outbox = Outbox(self.db)
        self.history = CallHistory(self.db)
        self.attendances = AttendanceStore(self.db)
        self.tickets = IxcTickets(self.client)
        self.worker = OutboxWorker(self.outbox, {
                                       KIND: IxcTicketDelivery(self.tickets),
                                       KIND_COMPLETE: IxcTicketCompletion(self.tickets,
                                                                          self.outbox)},
                                   clock=clock, backoff=backoff or Backoff(first_s=1, maximum_s=10,
                                                                           low=0.5, high=1.0),
                                   rng=random.Random(5), poll_interval_s=0.05)
        self.service = AttendanceService(settings=Settings(), outbox=self.outbox,
                                         attendances=self.attendances, history=self.history,
                                         agent="Ana", tickets=self.tickets, worker=self.worker,
                                         clock=clock)

    def answered_call(self, key: str = "call-1") -> int:
        """A completed inbound call in the history: what the agent logs an attendance for."""
        call = self.history.record_start(key, number="+5511987654321",
                                         direction=CallDirection.INBOUND,
                                         started_at=CALL_START, extension="201")
        self.history.record_answer(call.id, CALL_START + timedelta(seconds=3))
        self.history.record_end(call.id, CALL_START + timedelta(seconds=128),
                                CallOutcome.COMPLETED)
        return call.id

    def ticket_items(self) -> list[OutboxItem]:
        return [i for i in self.outbox.items() if i.kind == KIND]

    async def close(self) -> None:
        await self.worker.stop(grace_s=1)
        await self.client.aclose()
        self.db.conn.close()


def log_request(description: str, call_id: int | None = None) -> LogRequest:
    """What the agent types in the dialog (customer 101 of the simulator's seed)."""
    return LogRequest(customer_id="101", customer_name="Cliente 101", subject_id="3",
                      ticket_sector_id="1", description=description, call_id=call_id)


def tickets_with(sim: SimulatorHandle, text: str) -> list[dict[str, str]]:
    return [t for t in sim.tables["su_ticket"] if text in t["menssagem"]]
