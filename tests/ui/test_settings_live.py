"""Settings saved in "Configurações" apply where they are used: the next "Encaminhar" goes to the
sector's new webhook and transfer target, the IT person's commented file survives the save, and
a connection change offers the restart it needs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app.restart import restart_command
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.settings.model import (
    ActionsSettings,
    AttendanceSettings,
    ChecklistRule,
    OutageSettings,
    load_settings,
)
from desktop.settings.toml_file import MemorySecretStore
from desktop.sip.events import CallStateChanged, IncomingCall
from desktop.ui.settings_dialog import SECTOR_FIELDS, SettingsDialog
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import RecordingEngine, until

PHONE = DEMO_NUMBERS["em_dia"].number


def _open(ramal: DeskUnderTest) -> SettingsDialog:
    ramal.open_settings()
    dialog = ramal.settings_dialog
    assert dialog is not None
    return dialog


def _save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _set_sector(dialog: SettingsDialog, sector: str, field: str, value: str) -> None:
    [row] = [r for r in range(dialog.sectors.rowCount())
             if dialog.sectors.item(r, 0).text() == sector]
    dialog.sectors.item(row, SECTOR_FIELDS.index(field)).setText(value)


async def test_a_sector_edited_in_settings_is_used_by_the_next_forward(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    old_webhook = backends.forwarding.webhooks["Financeiro"]
    new_webhook = backends.discord.add_webhook("financeiro-novo")
    dialog = _open(ramal)
    _set_sector(dialog, "Financeiro", "discord_webhook", new_webhook)
    _set_sector(dialog, "Financeiro", "transfer_to", "899")
    assert dialog.error is None
    _save(dialog)
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)

    ramal.handle_event(IncomingCall("c1", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    popup = ramal.popups["c1"]
    await until(lambda: "c1" not in ramal.lookups and popup.card.record is not None)
    ramal.handle_event(CallStateChanged("c1", "answered"))
    popup.forward_button.click()
    [forward] = list(ramal.attendance.dialogs)
    assert forward.choose_sector("Financeiro")
    forward.opa_box.setChecked(False)
    forward.discord_box.setChecked(True)
    forward.transfer_box.setChecked(True)
    forward.forward_button.click()
    engine = ramal.engine
    assert isinstance(engine, RecordingEngine)
    await until(lambda: ("blind_transfer", ("c1", "899")) in engine.commands)
    [message] = await until(lambda: backends.discord.messages(new_webhook))
    assert "Financeiro" in str(message.payload)
    assert backends.discord.messages(old_webhook) == []
    forward.close()


COMMENTED = """\
# Ramal da central — TI do provedor (não apague os comentários)
version = 1

[ui]
popup_on_ring = true   # o agente quer o popup

# o PBX de teste
[sip]
server = "127.0.0.1"
extension = "1000"
"""


async def test_a_commented_file_survives_a_save_from_the_dialog(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    ramal.config_path.write_text(COMMENTED, encoding="utf-8")
    dialog = _open(ramal)
    name = dialog.field("sip.display_name")
    assert isinstance(name, QLineEdit)
    name.setText("Ana - Suporte")
    _save(dialog)
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)
    lines = ramal.config_path.read_text(encoding="utf-8").splitlines()
    assert lines[:5] == ["# Ramal da central — TI do provedor (não apague os comentários)",
                         "version = 1", "", "[ui]",
                         "popup_on_ring = true   # o agente quer o popup"]
    assert "# o PBX de teste" in lines
    assert lines.index("[ui]") < lines.index("[sip]")
    assert 'display_name = "Ana - Suporte"' in lines
    assert ramal.settings.sip.display_name == "Ana - Suporte"


async def test_a_connection_change_offers_the_restart(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    restarts: list[bool] = []
    ramal.settings_flow.restart = lambda: restarts.append(True)
    dialog = _open(ramal)
    dialog.field("ixc.timeout_s").setValue(20.0)   # type: ignore[union-attr]
    _save(dialog)
    box = ramal.settings_flow.restart_box
    assert box is not None and box.isVisible()
    assert "Reinicie o Ramal para aplicar a nova conexão com o IXC." in box.text()
    assert "Reinicie o Ramal" in ramal.window.statusBar().currentMessage()
    [now] = [b for b in box.buttons() if b.text() == "Reiniciar agora"]
    assert box.buttonRole(now) is QMessageBox.ButtonRole.AcceptRole
    now.click()
    assert restarts == [True]

    # a sector change applies at once: no restart offered
    qtbot.waitUntil(lambda: ramal.settings_flow.restart_box is None)
    dialog = _open(ramal)
    _set_sector(dialog, "Comercial", "transfer_to", "877")
    _save(dialog)
    assert ramal.settings_flow.restart_box is None
    assert ramal.settings.sector("Comercial").transfer_to == "877"   # type: ignore[union-attr]


async def test_a_save_keeps_the_sections_the_form_does_not_show_in_the_running_desk(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    # before: the dialog's parse filled [actions] and [outage] with their defaults, and the
    # running desk got that parse on save: "Desconectar", disabled by the ISP, came back
    ramal, _ = desk
    ramal.settings_source.replace(dataclasses.replace(
        ramal.settings, actions=ActionsSettings(disconnect=False),
        outage=OutageSettings(enabled=False, window_min=30),
        attendance=AttendanceSettings(open_ticket="auto"),
        checklist_rules=(ChecklistRule("Sem conexão", "conexao"),)))
    dialog = _open(ramal)
    name = dialog.field("sip.display_name")
    assert isinstance(name, QLineEdit)
    name.setText("Ana - Suporte")
    _save(dialog)
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)
    assert ramal.settings.sip.display_name == "Ana - Suporte"
    assert ramal.settings.actions == ActionsSettings(disconnect=False)
    assert ramal.settings.outage == OutageSettings(enabled=False, window_min=30)
    assert ramal.call_protocol.mode == "auto"
    assert ramal.settings.checklist_rules == (ChecklistRule("Sem conexão", "conexao"),)


def test_the_restart_runs_the_same_command_without_the_link_or_minimized() -> None:
    assert restart_command(frozen=False, executable="/usr/bin/python3",
                           orig_argv=["python3", "-X", "faulthandler", "main.py", "gui",
                                      "--minimized", "--config", "r.toml", "tel:+551133334444"],
                           argv=["main.py"]) == (
        "/usr/bin/python3", ["-X", "faulthandler", "main.py", "gui", "--config", "r.toml"])
    assert restart_command(frozen=True, executable="/opt/ramal/ramal", orig_argv=["ignored"],
                           argv=["/opt/ramal/ramal", "gui"]) == ("/opt/ramal/ramal", ["gui"])


def test_unknown_keys_of_the_file_are_said_at_start(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ramal.toml"
    path.write_text('[ui]\npopup_on_ring = true\nidioma = "en"\n', encoding="utf-8")
    ramal = DeskUnderTest(load_settings(path), RecordingEngine, secret_store=MemorySecretStore(),
                          config_path=path)
    qtbot.addWidget(ramal.window)
    ramal.start(show_window=False)
    try:
        assert 'Chave desconhecida "ui.idioma" ignorada' in (
            ramal.window.statusBar().currentMessage())
    finally:
        ramal.shutdown()
