"""End to end without the main window: a call in the history → the dialogs → the outbox worker →
the IXC, Discord and OPA simulators (real HTTP servers on 127.0.0.1) → what the agent sees.

The asyncio loop is pytest-asyncio's, on the Qt main thread (as qasync's is in the app), so the
worker's notifications reach the widgets directly.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.demo.simulators.discord import DiscordSimulator
from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.demo.simulators.opa import OpaSimulator
from desktop.desk.attendance_controller import AttendanceController
from desktop.forward.attendance import AttendanceService
from desktop.forward.discord import DiscordDelivery, DiscordWebhookClient
from desktop.forward.ixc_delivery import IxcTicketDelivery
from desktop.forward.opa import KIND_NOTE, KIND_NOTIFY, OpaClient, OpaDelivery
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.client import IxcClient
from desktop.ixc.models import CustomerRecord
from desktop.ixc.records import IxcService
from desktop.ixc.tickets import KIND as TICKET_KIND
from desktop.ixc.tickets import IxcTickets
from desktop.retry.backoff import Backoff
from desktop.settings.model import OpaSettings, Sector, Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.database import open_database
from desktop.store.history import CallDirection, CallHistory, CallOutcome, HistoryFilter
from desktop.store.outbox import Outbox, OutboxState
from desktop.ui.outbox_view import OutboxView

PHONE = DEMO_NUMBERS["em_dia"].number          # Maria Aparecida da Silva, customer 101


class Desk:
    """What app.py builds (docs/attendance-ui.md), on a temp database and the simulators."""

    def __init__(self, tmp: Path, ixc_sim: SimulatorHandle, discord_sim: DiscordSimulator,
                 opa_sim: OpaSimulator) -> None:
        self.db = open_database(tmp / "ramal.sqlite3")
        self.opa_department = opa_sim.add_department("Suporte")
        self.opa_attendant = opa_sim.add_user("Bruno", self.opa_department)
        self.settings = Settings(
            opa=OpaSettings(url=opa_sim.url, token=opa_sim.token),
            sectors=(Sector(name="Suporte Técnico", transfer_to="801", ixc_ticket_sector="1",
                            opa_department=self.opa_department,
                            discord_webhook=discord_sim.add_webhook("tecnico")),
                     Sector(name="Comercial", discord_webhook=discord_sim.add_webhook("com"))))
        self.outbox = Outbox(self.db)
        self.history = CallHistory(self.db)
        self.ixc_client = IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=5)
        self.discord_client = DiscordWebhookClient(timeout_s=5)
        self.opa_client = OpaClient(opa_sim.url, opa_sim.token, timeout_s=5)
        tickets = IxcTickets(self.ixc_client)
        webhooks = {s.name: s.discord_webhook for s in self.settings.sectors}
        opa = OpaDelivery(self.outbox, self.opa_client)
        self.worker = OutboxWorker(self.outbox, {
            TICKET_KIND: IxcTicketDelivery(tickets),
            "discord": DiscordDelivery(self.outbox, webhooks.get, self.discord_client),
            KIND_NOTE: opa, KIND_NOTIFY: opa,
        }, backoff=Backoff(first_s=0.05, maximum_s=0.2,
                           low=0.5, high=1.0), rng=random.Random(5), poll_interval_s=0.05)
        self.service = AttendanceService(
            settings=self.settings, outbox=self.outbox, attendances=AttendanceStore(self.db),
            history=self.history, agent="Ana", tickets=tickets, worker=self.worker)
        self.controller = AttendanceController(self.service, self.history, self.outbox,
                                               self.settings, worker=self.worker)
        self.view = OutboxView()
        self.controller.attach_outbox_view(self.view)

    def answered_call(self) -> int:
        """A 2-minute inbound call, with OS and connection opened in the card (as app.py does)."""
        start = datetime.now(UTC) - timedelta(minutes=3)
        call = self.history.record_start("sip-call-1", number=PHONE, extension="201",
                                         direction=CallDirection.INBOUND, started_at=start)
        self.history.set_customer(call.id, "101", "Maria Aparecida da Silva")
        self.history.record_answer(call.id, start + timedelta(seconds=4))
        self.history.record_end(call.id, start + timedelta(seconds=124), CallOutcome.COMPLETED)
        self.history.mark_sections_checked(call.id, ["service_orders", "connections"])
        return call.id

    async def record(self) -> CustomerRecord:
        result = await IxcService(self.ixc_client).lookup(PHONE)
        return result.matches[0]

    async def close(self) -> None:
        await self.controller.wait_idle()
        await self.worker.stop(grace_s=1)
        for client in (self.ixc_client, self.discord_client, self.opa_client):
            await client.aclose()
        self.view.deleteLater()
        self.db.conn.close()


@pytest.fixture
async def desk(tmp_path: Path, ixc_sim: SimulatorHandle, discord_sim: DiscordSimulator,
               opa_sim: OpaSimulator, qtbot: QtBot) -> AsyncIterator[Desk]:
    made = Desk(tmp_path, ixc_sim, discord_sim, opa_sim)
    await made.controller.refresh_caches()
    await made.worker.start()
    try:
        yield made
    finally:
        await made.close()


async def until(check: Callable[[], bool], timeout_s: float = 10.0) -> None:
    async with asyncio.timeout(timeout_s):
        while not check():
            await asyncio.sleep(0.02)


def _ticket_inserts(sim: SimulatorHandle) -> list[dict[str, str]]:
    return [r.body for r in sim.requests
            if r.table == "su_ticket" and not r.listing and r.method == "POST"]


async def test_logged_call_becomes_an_ixc_ticket_and_shows_its_protocol(
        desk: Desk, ixc_sim: SimulatorHandle, qtbot: QtBot) -> None:
    call_id = desk.answered_call()
    assert desk.history.count(HistoryFilter.NOT_LOGGED) == 1
    dialog = desk.controller.open_log_dialog(call_id, await desk.record())
    qtbot.addWidget(dialog)

    # pre-filled from the history and the card
    shown = [w.text() for w in dialog.findChildren(type(dialog.sections_label))]
    assert "(11) 98765-4321" in shown and "2:00" in shown and "201" in shown
    assert dialog.sections_label.text() == "Seções verificadas na ficha: OS, conexão."
    assert dialog.contract_combo.currentData() == "501"
    assert dialog.sector_combo.currentData() == "1"        # the sector's su_ticket_setor
    assert not dialog.register_button.isEnabled()

    dialog.subject_search.setText("conexao")               # accents ignored by the cache
    assert dialog.subject_list.count() == 1
    dialog.subject_list.setCurrentRow(0)
    dialog.login_combo.setCurrentIndex(dialog.login_combo.findData("701"))
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData("A"))
    dialog.description.setPlainText("Sem sinal desde ontem; reiniciou a ONU e voltou.")
    dialog.solved_box.setChecked(True)
    with qtbot.waitSignal(desk.controller.not_logged_changed) as badge:
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
        await until(lambda: dialog.item_id is not None)
    assert badge.args == [0]

    await until(lambda: dialog.state_label.text() == "enviado")
    [body] = _ticket_inserts(ixc_sim)
    assert body["id_cliente"] == "101" and body["id_assunto"] == "1"
    assert body["id_ticket_setor"] == "1" and body["prioridade"] == "A"
    assert body["id_contrato"] == "501" and body["id_login"] == "701"
    assert body["su_status"] == "S" and body["finalizar_atendimento"] == "S"
    assert "Sem sinal desde ontem" in body["menssagem"]
    assert "Seções verificadas na ficha: OS, conexão." in body["menssagem"]
    assert "(11) 98765-4321" in body["menssagem"] and "2min00s" in body["menssagem"]
    [row] = [t for t in ixc_sim.tables["su_ticket"] if "[ramal atendimento-" in t["menssagem"]]
    assert row["protocolo"] and f"Protocolo: {row['protocolo']}" in dialog.result_label.text()
    assert dialog.copy_button.value == row["protocolo"] and not dialog.copy_button.isHidden()
    assert desk.history.get(call_id).logged
    assert desk.view.item_state(dialog.item_id or 0) is OutboxState.SENT


async def test_ixc_refusal_shows_the_reason_and_retry_delivers(
        desk: Desk, ixc_sim: SimulatorHandle, qtbot: QtBot) -> None:
    ixc_sim.set_faults(json_error="Preencha o campo Assunto!", tables={"su_ticket"})
    dialog = desk.controller.open_log_dialog(desk.answered_call(), await desk.record())
    qtbot.addWidget(dialog)
    assert dialog.choose_subject("2")
    dialog.description.setPlainText("Lentidão à noite.")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    await until(lambda: dialog.state_label.text() == "falhou")
    assert "Preencha o campo Assunto!" in dialog.result_label.text()
    assert not dialog.retry_button.isHidden()
    failed_row = desk.view.rows[dialog.item_id or 0]
    assert "Preencha o campo Assunto!" in failed_row.detail_label.text()

    ixc_sim.clear_faults()
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    await until(lambda: dialog.state_label.text() == "enviado")
    assert len([t for t in ixc_sim.tables["su_ticket"]
                if "Lentidão à noite." in t["menssagem"]]) == 1
    assert failed_row.state_label.text() == "enviado"


async def test_forward_to_discord_and_opa_and_transfer(
        desk: Desk, discord_sim: DiscordSimulator, opa_sim: OpaSimulator, qtbot: QtBot) -> None:
    opa_sim.add_contact("Maria", PHONE)
    attendance = opa_sim.add_attendance(PHONE, department_id=desk.opa_department)
    call_id = desk.answered_call()
    dialog = desk.controller.open_forward_dialog(call_id, await desk.record(),
                                                 live_call_id="sip-call-1")
    qtbot.addWidget(dialog)
    assert dialog.choose_sector("Suporte Técnico")
    dialog.transfer_box.setChecked(True)
    dialog.note_edit.setPlainText("Sem sinal; LOS vermelho. @everyone **urgente**")
    with qtbot.waitSignal(desk.controller.transfer_requested) as transfer:
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
        await until(lambda: bool(dialog.item_rows))
    assert transfer.args == ["sip-call-1", "801", "blind"]
    assert "Transferindo a ligação para 801" in dialog.result_label.text()
    assert "não permite transferir" in dialog.limitations_label.text()

    await until(lambda: all(r.item.state is OutboxState.SENT
                            for r in dialog.item_rows.values()))
    assert {r.item.kind for r in dialog.item_rows.values()} == {"discord", KIND_NOTE,
                                                                 KIND_NOTIFY}
    [message] = discord_sim.messages(desk.settings.sectors[0].discord_webhook)
    embed = message.payload["embeds"][0]
    assert "Maria Aparecida da Silva" in embed["title"]
    assert not message.pinged_everyone
    [note] = opa_sim.observations(attendance)
    assert "LOS vermelho" in note
    assert all(desk.view.item_state(i) is OutboxState.SENT for i in dialog.item_rows)


async def test_discord_404_disables_the_webhook_visibly(
        desk: Desk, discord_sim: DiscordSimulator, qtbot: QtBot) -> None:
    url = desk.settings.sector("Comercial").discord_webhook  # type: ignore[union-attr]
    discord_sim.delete_webhook(url)
    dialog = desk.controller.open_forward_dialog(desk.answered_call(), await desk.record())
    qtbot.addWidget(dialog)
    assert dialog.choose_sector("Comercial")
    assert not dialog.opa_box.isEnabled()
    qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
    await until(lambda: bool(dialog.item_rows))
    [item_id] = dialog.item_rows
    await until(lambda: desk.view.item_state(item_id) is OutboxState.FAILED)

    assert not desk.view.disabled_label.isHidden()
    banner = desk.view.disabled_label.text()
    assert 'setor "Comercial" não existe mais' in banner and "404" in banner
    row = desk.view.rows[item_id]
    assert "desativado" in row.detail_label.text() and not row.retry_button.isHidden()
    assert dialog.item_rows[item_id].state_label.text() == "falhou"

    # "Tentar de novo" re-enables the webhook and tries once more (still gone: fails again)
    attempts = discord_sim.attempts(url)
    qtbot.mouseClick(row.retry_button, Qt.MouseButton.LeftButton)
    assert desk.view.disabled_label.isHidden()
    await until(lambda: discord_sim.attempts(url) == attempts + 1)
    await until(lambda: desk.view.item_state(item_id) is OutboxState.FAILED)
    assert not desk.view.disabled_label.isHidden()
