"""Attended transfer from the desk (desktop/desk/consultation.py), offscreen: the call panel's
"Consultar antes" menu and "Encaminhar" with "Assistida" hold the customer and call the sector;
"Completar transferência" / "Cancelar consulta"; a busy sector and a failed REFER leave the
customer on hold for "Retomar". The engine is tests/ui/recording_engine.py's CallingEngine
(the events its commands cause, as the real engine posts them); what the network decides (the
sector answers or is busy, the transfer's result) is posted here as the engine would."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.sip.events import (
    CallEnded,
    CallStateChanged,
    IncomingCall,
    TransferResult,
)
from desktop.ui.call_panel import CallRow
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import CallingEngine, until

PHONE = DEMO_NUMBERS["em_dia"].number
Desk = tuple[DeskUnderTest, DemoBackends]


def engine_of(ramal: DeskUnderTest) -> CallingEngine:
    assert isinstance(ramal.engine, CallingEngine)
    return ramal.engine


async def answered_customer(ramal: DeskUnderTest, call_id: str = "c1") -> CallRow:
    ramal.handle_event(IncomingCall(call_id, PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    await until(lambda: call_id not in ramal.lookups)     # the card is done
    ramal.handle_event(CallStateChanged(call_id, "answered"))
    return ramal.window.calls.rows[call_id]


def consult_from_menu(ramal: DeskUnderTest, qtbot: QtBot, row: CallRow, sector: str) -> CallRow:
    """Transferir → Consultar antes (assistida) → ``sector``; the consultation's row."""
    [action] = [a for a in row.consult_menu.actions() if a.text().startswith(sector)]
    action.trigger()
    qtbot.waitUntil(lambda: bool(ramal.calls[row.call.call_id].consulting))
    return ramal.window.calls.rows[ramal.calls[row.call.call_id].consulting]


def status(ramal: DeskUnderTest) -> str:
    return ramal.window.statusBar().currentMessage()


def shown(widget: object) -> bool:
    return not widget.isHidden()  # type: ignore[attr-defined]


async def test_consult_the_sector_then_complete_the_transfer(calling_desk: Desk,
                                                              qtbot: QtBot) -> None:
    ramal, _ = calling_desk
    engine = engine_of(ramal)
    row = await answered_customer(ramal)
    assert shown(row.transfer) and not shown(row.complete)
    consult = consult_from_menu(ramal, qtbot, row, "Financeiro")
    # the customer was held before the sector was dialled
    assert [c for c in engine.commands if c[0] in ("hold", "call")] == [
        ("hold", ("c1",)), ("call", ("802",))]
    customer = ramal.calls["c1"]
    assert customer.held and customer.consulting == consult.call.call_id
    assert consult.title.text().startswith("Consulta com Financeiro")
    assert "em consulta" in row.state.text() and "em espera" in row.state.text()
    assert shown(row.complete) and shown(row.cancel_consult) and not shown(row.transfer)
    assert not shown(consult.transfer)      # the consultation itself is not transferred

    # completing before the sector answers is refused with a reason
    row.complete.click()
    assert "ainda não atendeu" in status(ramal)
    assert not [c for c in engine.commands if c[0] == "attended_transfer"]

    consult_id = consult.call.call_id
    ramal.handle_event(CallStateChanged(consult_id, "answered"))
    row.complete.click()
    qtbot.waitUntil(lambda: ("attended_transfer", ("c1", consult_id)) in engine.commands)
    # as with real Kamailio: the sector's phone hangs up the consultation it replaced before
    # the REFER's final NOTIFY; then the engine hangs up our leg to the customer
    ramal.handle_event(CallEnded(consult_id, "completed", 10.0, 200))
    assert "desligou" not in status(ramal)
    ramal.handle_event(TransferResult("c1", consult_id, True, 200, "OK"))
    assert status(ramal) == "Transferência concluída: o cliente está com Financeiro."
    ramal.handle_event(CallEnded("c1", "completed", 30.0, 200))
    assert not ramal.window.calls.rows and not ramal.call_desk.consultations.by_customer
    assert status(ramal) == "Transferência concluída: o cliente está com Financeiro."
    # the customer's call asks for its attendance; the consultation does not
    assert "c1" in ramal.log_dialogs and consult_id not in ramal.log_dialogs
    ramal.log_dialogs["c1"].close()


async def test_attended_from_encaminhar_then_cancel_resumes_the_customer(
        calling_desk: Desk, qtbot: QtBot) -> None:
    ramal, _ = calling_desk
    engine = engine_of(ramal)
    row = await answered_customer(ramal)
    forward = ramal.open_forward_for_call("c1")
    assert forward.choose_sector("Suporte Técnico")
    forward.discord_box.setChecked(False)
    forward.opa_box.setChecked(False)
    forward.transfer_box.setChecked(True)
    assert forward.attended_radio.isEnabled()
    forward.attended_radio.setChecked(True)
    forward.forward_button.click()
    await until(lambda: ("hold", ("c1",)) in engine.commands)    # after the forward is stored
    qtbot.waitUntil(lambda: bool(ramal.calls["c1"].consulting))
    assert "(assistida)" in forward.result_label.text()
    assert not [c for c in engine.commands if c[0] == "blind_transfer"]
    consult_id = ramal.calls["c1"].consulting
    consult = ramal.window.calls.rows[consult_id]
    assert consult.title.text().startswith("Consulta com Suporte Técnico")
    ramal.handle_event(CallStateChanged(consult_id, "answered"))

    row.cancel_consult.click()
    qtbot.waitUntil(lambda: ("resume", ("c1",)) in engine.commands)
    hangup = engine.commands.index(("hangup", (consult_id,)))
    assert hangup < engine.commands.index(("resume", ("c1",)))   # hang up, then resume
    qtbot.waitUntil(lambda: not ramal.calls["c1"].held)
    assert consult_id not in ramal.window.calls.rows
    assert not ramal.calls["c1"].consulting and shown(row.transfer) and not shown(row.complete)
    assert "desligou" not in status(ramal)
    assert consult_id not in ramal.log_dialogs
    forward.close()


async def test_a_busy_sector_is_said_and_the_agent_resumes(calling_desk: Desk,
                                                            qtbot: QtBot) -> None:
    ramal, _ = calling_desk
    engine = engine_of(ramal)
    row = await answered_customer(ramal)
    consult = consult_from_menu(ramal, qtbot, row, "Comercial")
    ramal.handle_event(CallEnded(consult.call.call_id, "rejected", 0.0, 486, "Busy Here"))
    assert status(ramal).startswith("Comercial está ocupado.")
    assert "Retomar" in status(ramal)
    assert "Comercial ocupado" in row.state.text() and ramal.calls["c1"].held
    assert not shown(row.complete) and row.hold.text() == "Retomar"
    row.hold.click()                        # "Retomar"
    qtbot.waitUntil(lambda: ("resume", ("c1",)) in engine.commands)
    qtbot.waitUntil(lambda: not ramal.calls["c1"].held)
    assert "ocupado" not in row.state.text() and row.hold.text() == "Espera"


async def test_a_failed_transfer_leaves_the_customer_on_hold(calling_desk: Desk,
                                                              qtbot: QtBot) -> None:
    ramal, _ = calling_desk
    engine = engine_of(ramal)
    row = await answered_customer(ramal)
    consult = consult_from_menu(ramal, qtbot, row, "Financeiro")
    consult_id = consult.call.call_id
    ramal.handle_event(CallStateChanged(consult_id, "answered"))
    row.complete.click()
    qtbot.waitUntil(lambda: ("attended_transfer", ("c1", consult_id)) in engine.commands)
    ramal.handle_event(CallStateChanged("c1", "transferring"))
    ramal.handle_event(TransferResult("c1", consult_id, False, 503, "Service Unavailable"))
    assert "falhou (503 Service Unavailable)" in status(ramal)
    assert "continua em espera" in status(ramal)
    # still on hold, still consulting: try again, or cancel
    assert ramal.calls["c1"].held and ramal.calls["c1"].consulting == consult_id
    assert shown(row.complete) and "transferência falhou" in row.state.text()
    row.complete.click()
    qtbot.waitUntil(lambda: engine.commands.count(("attended_transfer",
                                                   ("c1", consult_id))) == 2)
    ramal.handle_event(TransferResult("c1", consult_id, False, 603, "Decline"))
    row.cancel_consult.click()
    qtbot.waitUntil(lambda: not ramal.calls["c1"].held)
    assert "c1" in ramal.window.calls.rows and consult_id not in ramal.window.calls.rows
