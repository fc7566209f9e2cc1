"""The "Atendimento" page of "Configurações": ``[attendance]`` (the protocol opened on the call,
unknown callers) and the subjects' ``[[checklist_rules]]``. It shows the file's values, refuses
a rule it cannot apply (the cell marked, "Salvar" off, the reason in pt-BR), and a save edits
the IT person's file in place and reaches the running desk at once, with no restart offered."""

from __future__ import annotations

import asyncio
import dataclasses
import tomllib

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.settings.model import (
    AttendanceSettings,
    ChecklistRule,
    Settings,
    load_settings,
)
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall
from desktop.ui.settings_dialog import SettingsDialog
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import until

PHONE = DEMO_NUMBERS["em_dia"].number
UNKNOWN = DEMO_NUMBERS["desconhecido"].number
MARKED = QColor("#ffcdd2")

CONFIGURED = Settings(
    attendance=AttendanceSettings(open_ticket="auto", unknown_caller="lead_ixc",
                                  open_subject_id="3", open_ticket_sector_id="1"),
    checklist_rules=(ChecklistRule("Sem conexão", "conexao"),
                     ChecklistRule("2ª via", "financeiro, os")),
)


def _dialog(qtbot: QtBot, settings: Settings = CONFIGURED) -> SettingsDialog:
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    return d


def _combo(d: SettingsDialog, key: str) -> QComboBox:
    combo = d.field(key)
    assert isinstance(combo, QComboBox)
    return combo


def _choose(d: SettingsDialog, key: str, value: str) -> None:
    combo = _combo(d, key)
    index = combo.findData(value)
    assert index >= 0
    combo.setCurrentIndex(index)


def _rules(d: SettingsDialog) -> list[tuple[str, str]]:
    return [(d.rules.item(r, 0).text(), d.rules.item(r, 1).text())
            for r in range(d.rules.rowCount())]


def _add_rule(d: SettingsDialog, subject: str, requires: str) -> None:
    d.add_rule_button.click()
    row = d.rules.rowCount() - 1
    d.rules.item(row, 0).setText(subject)
    d.rules.item(row, 1).setText(requires)


def _marked(d: SettingsDialog, row: int, column: int) -> bool:
    return d.rules.item(row, column).background().color() == MARKED


def _save_button(d: SettingsDialog) -> QPushButton:
    return d.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_the_page_shows_the_current_values_in_portuguese(qtbot: QtBot) -> None:
    d = _dialog(qtbot)
    assert "Atendimento" in [d.tabs.tabText(i) for i in range(d.tabs.count())]
    open_ticket = _combo(d, "attendance.open_ticket")
    assert open_ticket.currentData() == "auto"
    assert open_ticket.currentText() == "Ao atender, sozinho (auto)"
    assert [open_ticket.itemText(i) for i in range(open_ticket.count())] == [
        "Ao atender, sozinho (auto)", "Com o botão \u201cAbrir protocolo\u201d (click)",
        "Não abrir: o chamado é criado ao registrar (off)"]
    unknown = _combo(d, "attendance.unknown_caller")
    assert unknown.currentData() == "lead_ixc"
    assert unknown.currentText() == "Oferecer cadastro como lead no IXC (lead_ixc)"
    subject, sector = d.field("attendance.open_subject_id"), d.field(
        "attendance.open_ticket_sector_id")
    assert isinstance(subject, QLineEdit) and subject.text() == "3"
    assert isinstance(sector, QLineEdit) and sector.text() == "1"
    assert _rules(d) == [("Sem conexão", "conexao"), ("2ª via", "financeiro, os")]
    assert [d.rules.horizontalHeaderItem(c).text() for c in range(2)] == [
        "Assunto", "Exige verificar"]
    # the values the document (and so the file) gets are the file's words, not the labels
    assert d.error is None
    doc = d.document()
    assert doc["attendance"] == {"open_ticket": "auto", "unknown_caller": "lead_ixc",
                                 "open_subject_id": "3", "open_ticket_sector_id": "1"}
    assert doc["checklist_rules"] == [{"subject": "Sem conexão", "requires": "conexao"},
                                      {"subject": "2ª via", "requires": "financeiro, os"}]
    # the other combos still show their values as they are
    assert _combo(d, "sip.transport").currentText() == "udp"


def test_a_rule_with_an_unknown_section_or_no_subject_blocks_save(qtbot: QtBot) -> None:
    d = _dialog(qtbot)
    saved: list[object] = []
    d.save_requested.connect(saved.append)
    _add_rule(d, "Sem conexão", "conexao, rede")
    assert d.error is not None and d.error.key == "checklist_rules[2].requires"
    assert d.error_label.text() == (
        'Valor inválido para "checklist_rules[2].requires". Esperado: seções separadas por '
        'vírgula: os, financeiro, conexao ("rede" não é uma delas).')
    assert _marked(d, 2, 1) and not _marked(d, 2, 0) and not _marked(d, 0, 1)
    assert not _save_button(d).isEnabled()
    _save_button(d).click()
    assert saved == []

    d.rules.item(2, 1).setText("Conexão, OS")   # the words as an IT person writes them
    assert d.error is None and not _marked(d, 2, 1)
    assert _save_button(d).isEnabled()

    d.rules.item(2, 0).setText("   ")
    assert d.error is not None and d.error.key == "checklist_rules[2].subject"
    assert "o nome de um assunto do IXC" in d.error_label.text()
    assert _marked(d, 2, 0) and not _marked(d, 2, 1)
    assert not _save_button(d).isEnabled()

    d.rules.item(2, 0).setText("Lentidão")
    d.rules.item(2, 1).setText("")
    assert d.error is not None and d.error.key == "checklist_rules[2].requires"
    d.rules.item(2, 1).setText("conexao")
    assert d.error is None


def test_an_ixc_id_that_is_not_a_number_blocks_save(qtbot: QtBot) -> None:
    d = _dialog(qtbot)
    subject = d.field("attendance.open_subject_id")
    assert isinstance(subject, QLineEdit)
    subject.setText("Sem conexão")     # the label, not the id
    assert d.error is not None and d.error.key == "attendance.open_subject_id"
    assert "o número (id) no IXC, ou vazio para o primeiro" in d.error_label.text()
    assert "border" in subject.styleSheet()
    assert not _save_button(d).isEnabled()
    subject.setText("")                # "" = the first cached subject
    assert d.error is None and subject.styleSheet() == ""


def test_a_destination_for_unknown_callers_that_is_not_configured_is_said_not_blocked(
        qtbot: QtBot) -> None:
    d = _dialog(qtbot)                 # lead_ixc, and no IXC in these settings
    assert not d.lead_warning.isHidden()   # on its page (not the tab on show)
    assert "O IXC não está configurado (aba IXC)" in d.lead_warning.text()
    assert d.error is None and _save_button(d).isEnabled()     # a warning, not an error
    _choose(d, "attendance.unknown_caller", "lead_opa")
    assert "O OPA não está configurado (aba OPA Suite)" in d.lead_warning.text()
    url = d.field("opa.url")
    assert isinstance(url, QLineEdit)
    url.setText("https://opa.provedor.example")
    assert d.lead_warning.isHidden()
    _choose(d, "attendance.unknown_caller", "off")
    assert d.lead_warning.isHidden()


# --- saved from the running desk ----------------------------------------------------------------

COMMENTED = """\
# Ramal da central — TI do provedor
version = 1

# o protocolo da ligação
[attendance]
open_ticket = "auto"   # combinado com a supervisão
apelido = "mesa 3"

# assuntos que exigem conferir a ficha
[[checklist_rules]]
subject = "2ª via"   # o boleto
requires = "financeiro"
"""


def _run_from_file(ramal: DeskUnderTest, text: str) -> None:
    """The desk as if started with ``text`` in its file."""
    ramal.config_path.write_text(text, encoding="utf-8")
    from_file = load_settings(ramal.config_path)
    ramal.settings_source.replace(dataclasses.replace(
        ramal.settings, attendance=from_file.attendance,
        checklist_rules=from_file.checklist_rules))


def _open(ramal: DeskUnderTest) -> SettingsDialog:
    ramal.open_settings()
    dialog = ramal.settings_dialog
    assert dialog is not None
    return dialog


async def test_click_and_a_new_rule_are_saved_in_place_and_used_at_once_without_restart(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    restarts: list[bool] = []
    ramal.settings_flow.restart = lambda: restarts.append(True)   # a restart could be offered
    _run_from_file(ramal, COMMENTED)
    assert ramal.call_protocol.mode == "auto"
    assert ramal.lead_contacts.destination() == "off"
    dialog = _open(ramal)
    _choose(dialog, "attendance.open_ticket", "click")
    _choose(dialog, "attendance.unknown_caller", "lead_opa")
    _add_rule(dialog, "Sem conexão", "conexao")
    assert dialog.error is None
    _save_button(dialog).click()
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)

    text = ramal.config_path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[:6] == ["# Ramal da central — TI do provedor", "version = 1", "",
                         "# o protocolo da ligação", "[attendance]",
                         'open_ticket = "click"   # combinado com a supervisão']
    assert 'apelido = "mesa 3"' in lines                       # a key Ramal does not know
    assert "# assuntos que exigem conferir a ficha" in lines
    assert 'subject = "2ª via"   # o boleto' in lines
    saved = tomllib.loads(text)
    assert saved["attendance"]["unknown_caller"] == "lead_opa"
    assert saved["checklist_rules"] == [{"subject": "2ª via", "requires": "financeiro"},
                                        {"subject": "Sem conexão", "requires": "conexao"}]
    assert load_settings(ramal.config_path).attendance.open_ticket == "click"

    # no restart: the desk reads these where it uses them
    assert ramal.settings_flow.restart_box is None and restarts == []
    assert "Reinicie" not in ramal.window.statusBar().currentMessage()
    assert ramal.call_protocol.mode == "click"
    assert ramal.lead_contacts.destination() == "lead_opa"

    # the next call: answered, no ticket until the click; the new rule asks for a reason
    await until(lambda: ramal.attendance.service.search_subjects())
    ramal.handle_event(IncomingCall("s1", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    popup = ramal.popups["s1"]
    await until(lambda: "s1" not in ramal.lookups and popup.card.record is not None)
    before = len(backends.ixc.tables["su_ticket"])
    ramal.handle_event(CallStateChanged("s1", "answered"))
    await asyncio.sleep(0.3)
    bar = popup.protocol_bar
    assert bar.open_button.isEnabled() and not bar.protocol
    assert len(backends.ixc.tables["su_ticket"]) == before    # "auto" would have opened it
    ramal.handle_event(CallEnded("s1", "completed", duration_s=20.0))
    log_dialog = ramal.log_dialogs["s1"]
    assert log_dialog.choose_subject("1")                       # "Sem conexão"
    log_dialog.description.setPlainText("Cliente sem sinal.")
    assert log_dialog.reason_edit.isVisible()
    assert not log_dialog.register_button.isEnabled()
    log_dialog.close()

    # an unknown caller is offered as a new OPA contact
    ramal.handle_event(IncomingCall("s2", UNKNOWN, "", False, False, f"<sip:{UNKNOWN}@x>"))
    unknown = ramal.popups["s2"]
    await until(lambda: unknown.lookup_finished)
    assert unknown.new_contact.isVisible()
    ramal.handle_event(CallEnded("s2", "missed"))


async def test_a_ringing_popup_follows_a_changed_open_ticket(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    _run_from_file(ramal, '[attendance]\nopen_ticket = "off"\n')
    ramal.handle_event(IncomingCall("r1", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    popup = ramal.popups["r1"]
    await until(lambda: "r1" not in ramal.lookups and popup.card.record is not None)
    assert not popup.protocol_bar.isVisible()
    dialog = _open(ramal)
    _choose(dialog, "attendance.open_ticket", "click")
    _save_button(dialog).click()
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)
    assert popup.protocol_bar.isVisible()
    assert not popup.protocol_bar.open_button.isEnabled()     # after the answer
    ramal.handle_event(CallEnded("r1", "missed"))


async def test_a_removed_rule_leaves_the_file_and_cancel_changes_nothing(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    _run_from_file(ramal, COMMENTED + '\n[[checklist_rules]]\nsubject = "Sem conexão"\n'
                                      'requires = "conexao"\n')
    assert len(ramal.settings.checklist_rules) == 2

    dialog = _open(ramal)
    _choose(dialog, "attendance.open_ticket", "off")
    dialog.rules.selectRow(0)
    dialog.remove_rule_button.click()
    assert _rules(dialog) == [("Sem conexão", "conexao")]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)
    assert ramal.config_path.read_text(encoding="utf-8").count("[[checklist_rules]]") == 2
    assert ramal.call_protocol.mode == "auto" and len(ramal.settings.checklist_rules) == 2

    dialog = _open(ramal)
    assert _rules(dialog) == [("2ª via", "financeiro"), ("Sem conexão", "conexao")]
    dialog.rules.selectRow(0)
    dialog.remove_rule_button.click()
    _save_button(dialog).click()
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)
    saved = tomllib.loads(ramal.config_path.read_text(encoding="utf-8"))
    assert saved["checklist_rules"] == [{"subject": "Sem conexão", "requires": "conexao"}]
    assert ramal.settings.checklist_rules == (ChecklistRule("Sem conexão", "conexao"),)

    dialog = _open(ramal)
    dialog.rules.selectRow(0)
    dialog.remove_rule_button.click()
    _save_button(dialog).click()
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)
    text = ramal.config_path.read_text(encoding="utf-8")
    assert "checklist_rules" not in tomllib.loads(text)
    assert 'apelido = "mesa 3"' in text
    assert ramal.settings.checklist_rules == ()
