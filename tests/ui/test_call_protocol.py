"""The call's IXC protocol on the desk (issue 16), offscreen against the IXC simulator: opened on
answer (``auto``) or with the popup's button (``click``), shown with a copy button before hanging
up, completed (not duplicated) by the log dialog with the checklist's evidence; the chips; the
subject rules asking for a reason; the reminder of a ticket left open."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.ixc.models import Section
from desktop.settings.model import AttendanceSettings, ChecklistRule
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall
from tests.ui.recording_engine import until

PHONE = DEMO_NUMBERS["em_dia"].number


def _configure(ramal: RamalApp, mode: str, rules: tuple[ChecklistRule, ...] = ()) -> None:
    ramal.settings_source.replace(dataclasses.replace(
        ramal.settings, attendance=AttendanceSettings(open_ticket=mode),  # type: ignore[arg-type]
        checklist_rules=rules))


def _tickets_of(backends: DemoBackends, customer_id: str) -> list[dict[str, Any]]:
    return [t for t in backends.ixc.tables["su_ticket"] if t.get("id_cliente") == customer_id]


async def _ring_and_identify(ramal: RamalApp, call_id: str) -> Any:
    ramal.handle_event(IncomingCall(call_id, PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    popup = ramal.popups[call_id]
    await until(lambda: call_id not in ramal.lookups and popup.card.record is not None)
    return popup


async def test_auto_opens_the_ticket_on_answer_and_the_log_completes_that_same_ticket(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "auto")
    await until(lambda: ramal.attendance.service.search_subjects())   # caches loaded
    popup = await _ring_and_identify(ramal, "p1")
    customer_id = str(popup.card.record.customer.id)
    before = len(_tickets_of(backends, customer_id))
    # ringing: nothing opened yet, the button says why
    assert popup.protocol_bar.isVisible() and not popup.protocol_bar.open_button.isEnabled()

    ramal.handle_event(CallStateChanged("p1", "answered"))
    bar = popup.protocol_bar
    await until(lambda: bar.protocol)
    assert bar.copy_button.isVisible() and bar.copy_button.value == bar.protocol
    assert bar.protocol in bar.label.text()
    [opened] = [t for t in _tickets_of(backends, customer_id) if t["protocolo"] == bar.protocol]
    assert opened["su_status"] == "N"
    assert len(_tickets_of(backends, customer_id)) == before + 1

    # the chips fill as the agent opens the tabs; their snapshot goes into the ticket
    assert not popup.checklist.is_filled(Section.INVOICES)
    popup.card.tabs.tabBarClicked.emit(popup.card.tab_index(Section.INVOICES))
    assert popup.checklist.is_filled(Section.INVOICES)
    assert not popup.checklist.is_filled(Section.CONNECTIONS)

    ramal.handle_event(CallEnded("p1", "completed", duration_s=30.0))
    dialog = ramal.log_dialogs["p1"]
    assert dialog.opened_protocol == bar.protocol
    assert "Financeiro:" in dialog.evidence and dialog.evidence_label.isVisible()
    assert dialog.choose_subject("2")
    dialog.description.setPlainText("Lentidão; reiniciou o roteador.")
    dialog.solved_box.setChecked(True)
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    assert dialog.sent_protocol == bar.protocol
    tickets = _tickets_of(backends, customer_id)
    assert len(tickets) == before + 1            # completed, not a second ticket
    [done] = [t for t in tickets if t["protocolo"] == bar.protocol]
    assert done["su_status"] == "S" and done["id_assunto"] == "2"
    assert "Financeiro:" in done["menssagem"]
    assert ramal.call_protocol.remind() == ""


async def test_click_mode_waits_for_the_button_and_opens_once(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "click")
    await until(lambda: ramal.attendance.service.search_subjects())
    popup = await _ring_and_identify(ramal, "p2")
    customer_id = str(popup.card.record.customer.id)
    before = len(_tickets_of(backends, customer_id))
    bar = popup.protocol_bar
    assert not bar.open_button.isEnabled()
    ramal.handle_event(CallStateChanged("p2", "answered"))
    await asyncio.sleep(0.3)
    assert bar.open_button.isEnabled() and not bar.protocol      # nothing without the click
    assert len(_tickets_of(backends, customer_id)) == before
    bar.open_button.click()
    assert ramal.call_protocol.open("p2") is None                # a second press: nothing
    await until(lambda: bar.protocol)
    assert len(_tickets_of(backends, customer_id)) == before + 1


async def test_off_hides_the_bar(desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, _ = desk
    _configure(ramal, "off")
    popup = await _ring_and_identify(ramal, "p3")
    ramal.handle_event(CallStateChanged("p3", "answered"))
    await asyncio.sleep(0.1)
    assert not popup.protocol_bar.isVisible() and not ramal.call_protocol.calls["p3"].item_id


async def test_a_subject_rule_asks_for_a_reason_and_the_reason_goes_into_the_ticket(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "auto", (ChecklistRule("Sem conexao", "conexao"),))
    await until(lambda: ramal.attendance.service.search_subjects())
    popup = await _ring_and_identify(ramal, "p4")
    ramal.handle_event(CallStateChanged("p4", "answered"))
    await until(lambda: popup.protocol_bar.protocol)
    protocol = popup.protocol_bar.protocol
    ramal.handle_event(CallEnded("p4", "completed", duration_s=12.0))
    dialog = ramal.log_dialogs["p4"]
    assert dialog.choose_subject("1")                 # "Sem conexão": Conexão not viewed
    dialog.description.setPlainText("Cliente sem sinal.")
    assert dialog.reason_edit.isVisible()
    assert any("Conexão".casefold() in p.casefold() for p in dialog.problems())
    assert not dialog.register_button.isEnabled()
    dialog.reason_edit.setText("Cliente desligou antes")
    assert dialog.register_button.isEnabled()
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    [ticket] = [t for t in backends.ixc.tables["su_ticket"] if t["protocolo"] == protocol]
    assert "Cliente desligou antes" in ticket["menssagem"]


async def test_a_call_ended_without_a_log_keeps_its_protocol_and_is_reminded(
        desk: tuple[RamalApp, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    _configure(ramal, "auto")
    await until(lambda: ramal.attendance.service.search_subjects())
    popup = await _ring_and_identify(ramal, "p5")
    ramal.handle_event(CallStateChanged("p5", "answered"))
    await until(lambda: popup.protocol_bar.protocol)
    protocol = popup.protocol_bar.protocol
    ramal.handle_event(CallEnded("p5", "completed", duration_s=5.0))
    # the popup of the ended call still shows the protocol to read out or copy
    assert popup.protocol_bar.copy_button.isVisible()
    ramal.log_dialogs["p5"].close()
    popup.close()
    await asyncio.sleep(0)
    with qtbot.waitSignal(ramal.call_protocol.notice) as said:
        text = ramal.call_protocol.remind()
    assert protocol in text and "não registrado" in said.args[0]
    assert ramal.not_logged == 1
