""""Registrar como massiva" across two Ramal instances (two databases, two IXC clients, two
outbox workers) against one IXC simulator and one Discord simulator: one outage record, one NOC
message edited as the calls come in, every caller's ticket pointing to the record."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.demo.simulators.discord import DiscordSimulator, start_discord_simulator
from desktop.demo.simulators.ixc import SimulatorHandle, start_simulator
from desktop.demo.simulators.ixc_seed import build_seed
from desktop.forward.attendance import AttendanceService, LogRequest
from desktop.forward.discord import DiscordWebhookClient
from desktop.forward.ixc_delivery import IxcTicketDelivery
from desktop.forward.outage_record import KIND, OutageCallDelivery, OutageRecords
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.client import IxcClient
from desktop.ixc.outage_model import Outage, OutageScope
from desktop.ixc.tickets import KIND as TICKET_KIND
from desktop.ixc.tickets import IxcTickets
from desktop.retry.backoff import Backoff
from desktop.settings.model import Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.database import open_database
from desktop.store.history import CallHistory
from desktop.store.outbox import Outbox, OutboxState

CUT = datetime(2026, 9, 8, 14, 2)
OUTAGE = Outage(OutageScope.CTO, 14, "14-B", 9, 12, CUT)


class RamalInstance:
    def __init__(self, path: Path, ixc: SimulatorHandle, noc_url: str, agent: str) -> None:
        self.db = open_database(path)
        self.client = IxcClient(ixc.url, ixc.token, timeout_s=5.0)
        self.discord = DiscordWebhookClient(timeout_s=5.0)
        self.outbox = Outbox(self.db)
        self.tickets = IxcTickets(self.client)
        self.records = OutageRecords(self.client, noc_webhook=lambda: noc_url,
                                     discord=self.discord, agent=agent)
        self.worker = OutboxWorker(
            self.outbox, {TICKET_KIND: IxcTicketDelivery(self.tickets),
                          KIND: OutageCallDelivery(self.records, self.tickets)},
            backoff=Backoff(first_s=0.05, maximum_s=0.2, low=0.5, high=1.0),
            rng=random.Random(5), poll_interval_s=0.05)
        self.service = AttendanceService(settings=Settings(), outbox=self.outbox,
                                         attendances=AttendanceStore(self.db),
                                         history=CallHistory(self.db), agent=agent,
                                         tickets=self.tickets, worker=self.worker)

    async def log(self, customer_id: int) -> None:
        await self.service.log_attendance(LogRequest(
            customer_id=str(customer_id), customer_name=f"Cliente {customer_id}",
            subject_id="1", ticket_sector_id="1", description="Sem conexão (massiva)."), OUTAGE)

    async def close(self) -> None:
        await self.worker.stop(grace_s=1)
        await self.discord.aclose()
        await self.client.aclose()
        self.db.conn.close()


@pytest.fixture
def ixc() -> AsyncIterator[SimulatorHandle]:
    handle = start_simulator("127.0.0.1", 0, data=build_seed(date(2026, 9, 8)))
    handle.stage_outage("cto", "14", CUT)
    yield handle
    handle.stop()


@pytest.fixture
def discord() -> AsyncIterator[DiscordSimulator]:
    handle = start_discord_simulator()
    handle.set_rate_limit(1000, 1.0)
    yield handle
    handle.stop()


async def test_twenty_calls_two_desks_one_record_one_message(
        ixc: SimulatorHandle, discord: DiscordSimulator, tmp_path: Path) -> None:
    noc = discord.add_webhook("plantao")
    desks = [RamalInstance(tmp_path / f"{name}.sqlite3", ixc, noc, name)
             for name in ("Ana", "Bruno")]
    try:
        await desks[0].service.refresh_ixc_caches()
        await desks[1].service.refresh_ixc_caches()
        for desk in desks:
            await desk.worker.start()
        customers = [300 + n % 12 for n in range(20)]
        # the first two calls land at the same moment on both desks: the creation race
        await asyncio.gather(desks[0].log(customers[0]), desks[1].log(customers[1]))
        await asyncio.gather(*(d.worker.wait_until_idle(10) for d in desks))
        for n, customer in enumerate(customers[2:], start=2):
            await desks[n % 2].log(customer)
            await desks[n % 2].worker.wait_until_idle(10)
        items = [i for d in desks for i in d.outbox.items()]
    finally:
        for desk in desks:
            await desk.close()

    assert len(items) == 20 and all(i.state is OutboxState.SENT for i in items)
    active = [t for t in ixc.tables["su_ticket"] if OUTAGE.key in t["titulo"]
              and t["su_status"] != "C"]
    assert len(active) == 1
    record = active[0]
    pointing = [t for t in ixc.tables["su_ticket"] if f"[ref {OUTAGE.key}]" in t["menssagem"]]
    assert len(pointing) == 20
    assert all(f"Massiva: protocolo {record['protocolo']}" in t["menssagem"] for t in pointing)
    assert {i.result["outage_ticket_id"] for i in items} == {record["id"]}
    [message] = discord.messages(noc)
    assert message.edits >= 1
    assert f"[discord {message.id}]" in record["menssagem"]
    embed = message.payload["embeds"][0]
    assert embed["title"] == "Possível massiva — CTO 14-B"
    assert "9 de 12 logins caíram desde 08/09/2026 14:02" in embed["description"]
    assert "Ligações recebidas: 20." in embed["description"]
    assert message.payload["allowed_mentions"] == {"parse": []}


async def test_without_a_noc_webhook_the_calls_are_still_logged(
        ixc: SimulatorHandle, discord: DiscordSimulator, tmp_path: Path) -> None:
    desk = RamalInstance(tmp_path / "a.sqlite3", ixc, "", "Ana")
    try:
        await desk.service.refresh_ixc_caches()
        await desk.worker.start()
        await desk.log(300)
        await desk.log(301)
        await desk.worker.wait_until_idle(10)
        items = desk.outbox.items()
    finally:
        await desk.close()
    assert [i.result["noc"] for i in items] == ["sem-webhook", "sem-webhook"]
    assert discord.messages() == []
