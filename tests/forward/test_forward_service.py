"""Forwarding a case to a sector: Discord and OPA together, against both simulators."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import sqlite_utils

from desktop.demo.simulators.discord import DiscordSimulator
from desktop.demo.simulators.opa import OpaSimulator
from desktop.forward.attendance import AttendanceService, ForwardRequest
from desktop.forward.case import CallInfo, CustomerSummary
from desktop.forward.discord import DiscordDelivery, DiscordWebhookClient
from desktop.forward.opa import KIND_NOTE, KIND_NOTIFY, OpaClient, OpaDelivery
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.models import Section
from desktop.retry.backoff import Backoff
from desktop.settings.model import OpaSettings, Sector, Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.history import CallHistory
from desktop.store.outbox import Outbox, OutboxState

PHONE = "+5511987654321"


class Desk:
    def __init__(self, db: sqlite_utils.Database, settings: Settings,
                 discord: DiscordWebhookClient, opa: OpaClient) -> None:
        self.outbox = Outbox(db)
        webhooks = {s.name: s.discord_webhook for s in settings.sectors}
        opa_delivery = OpaDelivery(self.outbox, opa)
        self.worker = OutboxWorker(
            self.outbox,
            {"discord": DiscordDelivery(self.outbox, webhooks.get, discord),
             KIND_NOTE: opa_delivery, KIND_NOTIFY: opa_delivery},
            backoff=Backoff(first_s=0.05, maximum_s=0.2,
                            low=0.5, high=1.0), rng=random.Random(1), poll_interval_s=0.05)
        self.attendances = AttendanceStore(db)
        self.service = AttendanceService(settings=settings, outbox=self.outbox,
                                         attendances=self.attendances, history=CallHistory(db),
                                         agent="Ana", worker=self.worker)

    async def deliver_all(self) -> None:
        """Run the worker until nothing is left to send, then stop it."""
        await self.worker.start()
        try:
            await self.worker.wait_until_idle(10)
        finally:
            await self.worker.stop(grace_s=1)


@pytest.fixture
async def opa_client(opa_sim: OpaSimulator) -> AsyncIterator[OpaClient]:
    client = OpaClient(opa_sim.url, opa_sim.token, timeout_s=5)
    yield client
    await client.aclose()


def _settings(discord_sim: DiscordSimulator, opa_sim: OpaSimulator, department: str,
              template: bool = False) -> Settings:
    return Settings(
        opa=OpaSettings(url=opa_sim.url, token=opa_sim.token,
                        template_channel="canal-wa" if template else ""),
        sectors=(Sector(name="Suporte Técnico", transfer_to="801",
                        opa_department=department,
                        discord_webhook=discord_sim.add_webhook("tecnico"),
                        discord_role_id="4242",
                        opa_template_id="tpl-1" if template else "",
                        opa_template_variables="nome,setor" if template else ""),),
    )


def _request(note: str = "Cliente sem sinal; ONU com LOS vermelho.") -> ForwardRequest:
    return ForwardRequest(
        sector="Suporte Técnico", note=note,
        call=CallInfo(number=PHONE, started_at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC),
                      duration_s=95),
        customer=CustomerSummary(customer_id="101", name="Maria Souza", contract="501",
                                 contract_status="Ativo", access_status="Ativo"),
        sections_checked=(Section.CONNECTIONS,),
    )


async def test_forward_posts_to_discord_and_notes_the_open_opa_attendance(
    db: sqlite_utils.Database, discord_sim: DiscordSimulator, opa_sim: OpaSimulator,
    discord_client: DiscordWebhookClient, opa_client: OpaClient,
) -> None:
    dept = opa_sim.add_department("Suporte")
    other = opa_sim.add_department("Vendas")
    tech = opa_sim.add_user("Bruno", dept)
    opa_sim.add_user("Carla", other)
    contact = opa_sim.add_contact("Maria", PHONE)
    attendance = opa_sim.add_attendance(PHONE, department_id=dept, contact_id=contact)
    settings = _settings(discord_sim, opa_sim, dept)
    desk = Desk(db, settings, discord_client, opa_client)
    result = await desk.service.forward(_request())
    assert result.transfer_to == "801"
    assert any("não permite transferir" in text for text in result.limitations)
    await desk.deliver_all()

    states = {i.kind: desk.outbox.get(i.id) for i in result.items}
    assert all(i.state is OutboxState.SENT for i in states.values()), states
    [message] = discord_sim.messages(settings.sectors[0].discord_webhook)
    assert message.pinged_roles == ("4242",) and not message.pinged_everyone
    assert "Maria Souza" in message.payload["embeds"][0]["title"]
    [note] = opa_sim.observations(attendance)
    assert "Cliente sem sinal" in note and "Maria Souza" in note
    assert states[KIND_NOTE].result["attendance_id"] == attendance
    [alert] = opa_sim.notifications()
    assert alert["users"] == [tech] and alert["type"] == "alert"
    forwards = desk.attendances.forwards(result.attendance_id)
    assert sorted(f.destination for f in forwards) == ["discord", "opa", "opa"]
    # pressing "Encaminhar" again on the same attendance does not send again
    again = await desk.service.forward(ForwardRequest(**{**_request().__dict__,
                                                         "attendance_id": result.attendance_id}))
    assert {i.id for i in again.items} == {i.id for i in result.items}


async def test_without_an_open_attendance_the_template_opens_one(
    db: sqlite_utils.Database, discord_sim: DiscordSimulator, opa_sim: OpaSimulator,
    discord_client: DiscordWebhookClient, opa_client: OpaClient,
) -> None:
    dept = opa_sim.add_department("Suporte")
    opa_sim.add_user("Bruno", dept)
    desk = Desk(db, _settings(discord_sim, opa_sim, dept, template=True), discord_client,
                opa_client)
    result = await desk.service.forward(_request())
    await desk.deliver_all()
    [sent] = opa_sim.templates_sent()
    assert sent["contato"] == {"canalCliente": PHONE}
    assert sent["template"] == {"_id": "tpl-1", "variaveis": ["Maria Souza", "Suporte Técnico"]}
    assert sent["allowSendingToStartedCustomerService"] is False
    note = next(i for i in result.items if i.kind == KIND_NOTE)
    assert desk.outbox.get(note.id).result["action"] == "template"


async def test_what_opa_cannot_do_is_said_and_errors_are_visible(
    db: sqlite_utils.Database, discord_sim: DiscordSimulator, opa_sim: OpaSimulator,
    discord_client: DiscordWebhookClient, opa_client: OpaClient,
) -> None:
    dept = opa_sim.add_department("Suporte")       # nobody works there, no template set
    desk = Desk(db, _settings(discord_sim, opa_sim, dept), discord_client, opa_client)
    result = await desk.service.forward(_request())
    await desk.deliver_all()
    by_kind = {i.kind: desk.outbox.get(i.id) for i in result.items}
    assert by_kind[KIND_NOTE].state is OutboxState.FAILED
    assert "não permite abrir" in by_kind[KIND_NOTE].last_error
    assert by_kind[KIND_NOTIFY].state is OutboxState.FAILED
    assert "Nenhum atendente" in by_kind[KIND_NOTIFY].last_error
    assert opa_sim.notifications() == []           # never "users: []" (= everyone)


async def test_opa_network_refusal_and_server_errors(
    db: sqlite_utils.Database, discord_sim: DiscordSimulator, opa_sim: OpaSimulator,
    discord_client: DiscordWebhookClient, opa_client: OpaClient,
) -> None:
    dept = opa_sim.add_department("Suporte")
    opa_sim.add_user("Bruno", dept)
    attendance = opa_sim.add_attendance(PHONE, department_id=dept)
    desk = Desk(db, _settings(discord_sim, opa_sim, dept), discord_client, opa_client)
    opa_sim.block_network()
    result = await desk.service.forward(_request())
    await desk.worker.start()
    try:
        await desk.worker.wait_until_idle(10)
        failed = [desk.outbox.get(i.id) for i in result.items if i.kind != "discord"]
        assert all(i.state is OutboxState.FAILED for i in failed)
        assert all("rede não permitida" in i.last_error for i in failed)
        opa_sim.block_network(False)
        opa_sim.fail_next(3, status=503)           # transient: retried by the worker
        for item in failed:
            desk.service.retry(item.id)
        await desk.worker.wait_until_idle(10)
    finally:
        await desk.worker.stop(grace_s=1)
    assert all(desk.outbox.get(i.id).state is OutboxState.SENT for i in result.items)
    assert len(opa_sim.observations(attendance)) == 1


async def test_interrupted_observation_is_reconciled_not_repeated(
    db: sqlite_utils.Database, discord_sim: DiscordSimulator, opa_sim: OpaSimulator,
    discord_client: DiscordWebhookClient, opa_client: OpaClient,
) -> None:
    dept = opa_sim.add_department("Suporte")
    attendance = opa_sim.add_attendance(PHONE, department_id=dept)
    desk = Desk(db, _settings(discord_sim, opa_sim, dept), discord_client, opa_client)
    result = await desk.service.forward(ForwardRequest(**{**_request().__dict__,
                                                          "to_discord": False}))
    note = next(i for i in result.items if i.kind == KIND_NOTE)
    # the previous run wrote the observation and died before recording it
    desk.outbox.mark_sending(note.id, datetime.now(UTC))
    desk.outbox.record_progress(note.id, {"step": "observacao", "attendance": attendance})
    await opa_client.add_observation(attendance, str(note.payload["text"]))
    await desk.deliver_all()
    assert desk.outbox.get(note.id).state is OutboxState.SENT
    assert len(opa_sim.observations(attendance)) == 1
