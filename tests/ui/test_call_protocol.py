"""The call's IXC protocol on the desk (issue 16), offscreen against the IXC simulator: opened on
answer (``auto``) or with the popup's button (``click``), shown with a copy button before hanging
up, completed (not duplicated) by the log dialog with the checklist's evidence; the chips; the
subject rules asking for a reason; the reminder of a ticket left open."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.ixc.models import Section
from desktop.ixc.protocol_reservation import RESOURCE
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


async def _identified(ramal: RamalApp, backends: DemoBackends, mode: str,
                      call_id: str) -> tuple[Any, str, int]:
    """``open_ticket = mode``, the caches loaded, a call ringing from a known customer: its
    popup, the customer's id and how many tickets the customer had."""
    _configure(ramal, mode)
    await until(lambda: ramal.attendance.service.search_subjects())   # caches loaded
    popup = await _ring_and_identify(ramal, call_id)
    customer_id = str(popup.card.record.customer.id)
    return popup, customer_id, len(_tickets_of(backends, customer_id))


async def test_auto_opens_the_ticket_on_answer_and_the_log_completes_that_same_ticket(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    popup, customer_id, before = await _identified(ramal, backends, "auto", "p1")
    # ringing: nothing opened yet, the button says why
    assert popup.protocol_bar.isVisible() and not popup.protocol_bar.open_button.isEnabled()

    ramal.handle_event(CallStateChanged("p1", "answered"))
    bar = popup.protocol_bar
    await until(lambda: bar.protocol)
    assert bar.copy_button.isVisible() and bar.copy_button.value == bar.protocol
    assert bar.protocol in bar.label.text()
    # the protocol shows once reserved; the ticket carrying it follows through the outbox
    await until(lambda: [t for t in _tickets_of(backends, customer_id)
                         if t["protocolo"] == bar.protocol])
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
    popup, customer_id, before = await _identified(ramal, backends, "click", "p2")
    bar = popup.protocol_bar
    assert not bar.open_button.isEnabled()
    ramal.handle_event(CallStateChanged("p2", "answered"))
    await asyncio.sleep(0.3)
    assert bar.open_button.isEnabled() and not bar.protocol      # nothing without the click
    assert len(_tickets_of(backends, customer_id)) == before
    bar.open_button.click()
    ramal.call_protocol.open("p2")                               # a second press: nothing
    await until(lambda: bar.protocol)
    await asyncio.sleep(0.2)
    assert len(_tickets_of(backends, customer_id)) == before + 1
    assert len([r for r in backends.ixc.requests if r.table == RESOURCE]) == 1


async def test_off_hides_the_bar(desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, _ = desk
    _configure(ramal, "off")
    popup = await _ring_and_identify(ramal, "p3")
    ramal.handle_event(CallStateChanged("p3", "answered"))
    await asyncio.sleep(0.1)
    assert not popup.protocol_bar.isVisible() and not ramal.call_protocol.calls["p3"].started


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


# --- the protocol reserved before the ticket (gerar_protocolo_atendimento) ---------------------

Request = tuple[str, str, bool]


def _opening_requests(backends: DemoBackends, since: int = 0) -> list[Request]:
    """The reservation and su_ticket requests IXC saw, in order: (method, table, listing)."""
    return [(r.method, r.table, r.listing) for r in backends.ixc.requests[since:]
            if r.table in ("su_ticket", RESOURCE)]


RESERVE: Request = ("POST", RESOURCE, False)
INSERT: Request = ("POST", "su_ticket", False)
READ: Request = ("POST", "su_ticket", True)


async def test_auto_shows_the_reserved_protocol_at_once_and_the_ticket_keeps_it(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    popup, customer_id, before = await _identified(ramal, backends, "auto", "r1")
    bar = popup.protocol_bar
    since = len(backends.ixc.requests)
    seen: list[tuple[str, str, str, bool, list[Request]]] = []
    ramal.call_protocol.protocol_ready.connect(lambda cid, protocol: seen.append(
        (protocol, bar.protocol, bar.note.full_text, bar.note.isEnabled(),
         _opening_requests(backends, since))) if cid == "r1" else None)

    ramal.handle_event(CallStateChanged("r1", "answered"))
    await until(lambda: seen)
    [(protocol, shown, note, note_enabled, requests)] = seen
    assert protocol == shown == backends.ixc.reserved_protocols[-1]
    assert bar.copy_button.value == protocol and protocol in bar.label.text()
    assert note == "registrando no IXC…" and not note_enabled       # small, grey
    assert requests == [RESERVE]           # on screen before any insert or su_ticket read

    await until(lambda: not bar.note.isVisibleTo(popup))    # the worker sent the insert
    assert bar.protocol == protocol and bar.copy_button.isVisibleTo(popup)
    assert _opening_requests(backends, since) == [RESERVE, INSERT]      # no read-back
    [ticket] = [t for t in _tickets_of(backends, customer_id) if t["protocolo"] == protocol]
    assert ticket["su_status"] == "N"
    assert len(_tickets_of(backends, customer_id)) == before + 1

    ramal.handle_event(CallEnded("r1", "completed", duration_s=20.0))
    dialog = ramal.log_dialogs["r1"]
    assert dialog.opened_protocol == protocol
    assert dialog.choose_subject("2")
    dialog.description.setPlainText("Lentidão resolvida.")
    dialog.solved_box.setChecked(True)
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    assert dialog.sent_protocol == protocol
    [done] = [t for t in backends.ixc.tables["su_ticket"] if t["id"] == ticket["id"]]
    assert done["protocolo"] == protocol and done["su_status"] == "S"   # the PUT kept it
    assert len(_tickets_of(backends, customer_id)) == before + 1
    assert backends.ixc.reserved_protocols.count(protocol) == 1


async def test_a_failed_reservation_falls_back_to_ixcs_own_protocol_quietly(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    popup, customer_id, before = await _identified(ramal, backends, "auto", "r2")
    backends.ixc.set_faults(json_error="Recurso gerar_protocolo_atendimento não está "
                                       "disponível!", tables=frozenset({RESOURCE}))
    since = len(backends.ixc.requests)
    notices: list[str] = []
    ready: list[str] = []
    ramal.call_protocol.notice.connect(notices.append)
    ramal.call_protocol.protocol_ready.connect(lambda _cid, protocol: ready.append(protocol))

    ramal.handle_event(CallStateChanged("r2", "answered"))
    bar = popup.protocol_bar
    await until(lambda: bar.protocol)
    assert backends.ixc.reserved_protocols == []
    assert _opening_requests(backends, since) == [RESERVE, INSERT, READ]
    [ticket] = [t for t in _tickets_of(backends, customer_id) if t["protocolo"] == bar.protocol]
    assert ready == [bar.protocol] and bar.copy_button.value == bar.protocol
    assert not bar.note.isVisibleTo(popup)
    assert len(_tickets_of(backends, customer_id)) == before + 1
    assert notices == []                    # nothing said to the agent: only logged
    assert ticket["su_status"] == "N"

    # this IXC has no such resource: the next call does not ask again (no request wasted)
    ramal.handle_event(CallEnded("r2", "completed", duration_s=5.0))
    ramal.log_dialogs["r2"].close()
    popup = await _ring_and_identify(ramal, "r2b")
    since = len(backends.ixc.requests)
    ramal.handle_event(CallStateChanged("r2b", "answered"))
    await until(lambda: popup.protocol_bar.protocol)
    assert _opening_requests(backends, since) == [INSERT, READ]
    assert notices == []


@pytest.mark.parametrize("mode", ["auto", "click"])
async def test_clicks_during_the_reservation_give_one_reservation_and_one_ticket(
        desk: tuple[RamalApp, DemoBackends], mode: str) -> None:
    ramal, backends = desk
    _configure(ramal, mode)
    await until(lambda: ramal.attendance.service.search_subjects())
    popup = await _ring_and_identify(ramal, "r3")
    customer_id = str(popup.card.record.customer.id)
    before = len(_tickets_of(backends, customer_id))
    backends.ixc.set_faults(slow_ms=300, tables=frozenset({RESOURCE}))
    since = len(backends.ixc.requests)
    bar = popup.protocol_bar
    ramal.handle_event(CallStateChanged("r3", "answered"))
    for _ in range(3):     # a double click, and one more, while IXC is still answering
        bar.open_requested.emit()
        ramal.call_protocol.open("r3")
    assert not bar.open_button.isVisibleTo(popup)
    assert bar.label.text() == "Abrindo o protocolo no IXC…"
    await until(lambda: bar.protocol and not bar.note.isVisibleTo(popup))
    bar.open_requested.emit()               # after it is open: nothing either
    await asyncio.sleep(0.3)
    assert _opening_requests(backends, since) == [RESERVE, INSERT]
    assert backends.ixc.reserved_protocols[-1:] == [bar.protocol]
    assert len(_tickets_of(backends, customer_id)) == before + 1


async def _answered_and_ended_while_reserving(ramal: RamalApp, backends: DemoBackends,
                                              call_id: str, slow_ms: int) -> tuple[Any, str, int]:
    """An identified call (auto mode) answered and hung up while IXC takes ``slow_ms`` to
    hand out its protocol: the popup, the customer id and the customer's tickets before."""
    popup, customer_id, before = await _identified(ramal, backends, "auto", call_id)
    backends.ixc.set_faults(slow_ms=slow_ms, tables=frozenset({RESOURCE}))
    ramal.handle_event(CallStateChanged(call_id, "answered"))
    ramal.handle_event(CallEnded(call_id, "completed", duration_s=2.0))
    return popup, customer_id, before


async def test_a_call_ended_before_the_reservation_returned_still_gets_its_ticket(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    popup, customer_id, before = await _answered_and_ended_while_reserving(
        ramal, backends, "r4", 400)
    bar = popup.protocol_bar
    assert not bar.protocol
    await until(lambda: bar.protocol and not bar.note.isVisibleTo(popup))
    protocol = bar.protocol
    assert protocol == backends.ixc.reserved_protocols[-1]
    [ticket] = [t for t in _tickets_of(backends, customer_id) if t["protocolo"] == protocol]
    # the dialog opened at the hang-up (before the number came) completes that same ticket
    dialog = ramal.log_dialogs["r4"]
    assert dialog.choose_subject("2")
    dialog.description.setPlainText("Caiu a ligação.")
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    assert dialog.sent_protocol == protocol
    assert len(_tickets_of(backends, customer_id)) == before + 1
    [done] = [t for t in backends.ixc.tables["su_ticket"] if t["id"] == ticket["id"]]
    assert done["protocolo"] == protocol and "Caiu a ligação." in done["menssagem"]


async def test_a_call_logged_before_the_reservation_returned_is_not_opened_again(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    popup, customer_id, before = await _answered_and_ended_while_reserving(
        ramal, backends, "r5", 1500)
    dialog = ramal.log_dialogs["r5"]
    assert dialog.choose_subject("2")
    dialog.description.setPlainText("Registrado logo.")
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    assert not backends.ixc.reserved_protocols              # the reservation still waits
    bar = popup.protocol_bar
    await until(lambda: "já foi registrada" in bar.label.text(), timeout_s=15)
    assert not bar.protocol
    tickets = _tickets_of(backends, customer_id)
    assert len(tickets) == before + 1
    assert [t["protocolo"] for t in tickets if t["protocolo"] == dialog.sent_protocol]
    assert backends.ixc.reserved_protocols[-1] not in {t["protocolo"] for t in tickets}


async def test_a_reserved_protocol_whose_ticket_ixc_refused_says_so_beside_it(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "auto")
    await until(lambda: ramal.attendance.service.search_subjects())
    popup = await _ring_and_identify(ramal, "r6")
    backends.ixc.set_faults(json_error="Preencha Assunto", tables=frozenset({"su_ticket"}))
    ramal.handle_event(CallStateChanged("r6", "answered"))
    bar = popup.protocol_bar
    await until(lambda: "não registrado no IXC" in bar.note.full_text)
    assert bar.protocol == backends.ixc.reserved_protocols[-1]
    assert bar.copy_button.value == bar.protocol          # still the number read out
    assert "Preencha Assunto" in bar.note.full_text and bar.note.isEnabled()


async def test_the_answered_popup_repaints_once_the_reservation_has_left(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    """The popup's repaint for the answer would run between the event-loop turns the
    reservation needs to leave: it waits for them (desk/paint_hold.py), then the popup repaints
    long before IXC answers (300 ms here)."""
    ramal, backends = desk
    _configure(ramal, "auto")
    await until(lambda: ramal.attendance.service.search_subjects())   # caches loaded
    popup = await _ring_and_identify(ramal, "ph1")
    assert popup.updatesEnabled()
    backends.ixc.set_faults(latency_ms=300)
    client = ramal.ixc.client
    before = client.request_count
    ramal.handle_event(CallStateChanged("ph1", "answered"))
    assert not popup.updatesEnabled()                 # held: the reservation goes first
    await until(lambda: popup.updatesEnabled())
    assert client.request_count >= before + 1         # the reservation started (and left)
    assert not popup.protocol_bar.protocol            # IXC has not answered yet
    await until(lambda: popup.protocol_bar.protocol)
    assert popup.updatesEnabled()
