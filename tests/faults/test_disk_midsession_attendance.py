"""Logging or forwarding an attendance while the database refuses writes (the outbox is the
durable queue, so nothing may look queued when it was not).

Real faults on the desk's open database: its tmpfs filled to the last byte, another process
holding ``BEGIN EXCLUSIVE``; real IXC, Discord and OPA simulators behind. Before, the dialog
said sqlite's English ("database or disk is full", "database is locked").
"""

from __future__ import annotations

from pathlib import Path

from disk_faults import LockHolder, fill, tiny_tmpfs
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.demo.simulators.discord import DiscordSimulator
from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.demo.simulators.opa import OpaSimulator
from tests.test_attendance_flow import Desk, until

ENGLISH = ("database", "disk is full", "locked", "sqlite", "Error")


def _no_english(text: str) -> None:
    for word in ENGLISH:
        assert word not in text, text


def _tickets_with(sim: SimulatorHandle, text: str) -> list[dict[str, str]]:
    return [t for t in sim.tables["su_ticket"] if text in t["menssagem"]]


async def test_attendance_logged_on_a_full_disk_is_refused_then_saved_when_space_returns(
        tmp_path: Path, ixc_sim: SimulatorHandle, discord_sim: DiscordSimulator,
        opa_sim: OpaSimulator, qtbot: QtBot) -> None:
    with tiny_tmpfs(tmp_path / "disk", size="2m") as disk:
        desk = Desk(disk, ixc_sim, discord_sim, opa_sim)
        try:
            await desk.controller.refresh_caches()
            await desk.worker.start()
            call_id = desk.answered_call()
            dialog = desk.controller.open_log_dialog(call_id, await desk.record())
            qtbot.addWidget(dialog)
            assert dialog.choose_subject("2")
            typed = "Cliente sem sinal desde ontem; ONU reiniciada, voltou."
            dialog.description.setPlainText(typed)

            fill(disk)                                   # the disk fills mid-session
            qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
            await until(lambda: dialog.state_label.text() == "não registrado")
            message = dialog.result_label.text()
            assert "não foi guardado" in message and "disco cheio" in message, message
            _no_english(message)
            # not closed as if it had worked: the text is there and "Registrar" works again
            assert dialog.isVisible() and dialog.item_id is None
            assert dialog.description.toPlainText() == typed
            assert dialog.register_button.isEnabled()
            assert desk.outbox.items() == [] and not desk.history.get(call_id).logged

            (disk / "enche-o-disco").unlink()            # space is back: the agent saves again
            qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
            await until(lambda: dialog.state_label.text() == "enviado")
            assert len(_tickets_with(ixc_sim, typed)) == 1
            assert desk.history.get(call_id).logged
        finally:
            await desk.close()


async def test_forward_on_a_locked_database_is_refused_in_portuguese(
        tmp_path: Path, ixc_sim: SimulatorHandle, discord_sim: DiscordSimulator,
        opa_sim: OpaSimulator, qtbot: QtBot) -> None:
    desk = Desk(tmp_path, ixc_sim, discord_sim, opa_sim)
    desk.db.conn.execute("PRAGMA busy_timeout=200")      # the test need not wait 5 s
    try:
        await desk.worker.start()
        call_id = desk.answered_call()
        dialog = desk.controller.open_forward_dialog(call_id, await desk.record())
        qtbot.addWidget(dialog)
        assert dialog.choose_sector("Comercial")
        dialog.note_edit.setPlainText("Quer mudar de plano.")
        with LockHolder(tmp_path / "ramal.sqlite3"):     # a backup tool holds the file
            qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
            await until(lambda: "Encaminhando" not in dialog.result_label.text())
            message = dialog.result_label.text()
        assert "Nada foi encaminhado" in message and "em uso por outro programa" in message
        _no_english(message)
        assert dialog.note_edit.toPlainText() == "Quer mudar de plano."
        assert desk.outbox.items() == []

        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)  # released
        await until(lambda: len(discord_sim.messages()) == 1)
    finally:
        await desk.close()
