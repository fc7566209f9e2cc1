"""The "Retornar" list and the "transferida" outcome (issue 16), offscreen against the simulators:
a missed call from a known customer is listed, one click calls back, the answered callback is
logged as an attendance linked to the missed call (which leaves the list); an unanswered
callback is recorded and counted; a transferred call reads "transferida" with its target and its
ticket says to whom."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.desk.callbacks import same_number
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall, TransferResult
from desktop.store.history import CallOutcome
from tests.ui.recording_engine import CallingEngine, until

PHONE = DEMO_NUMBERS["em_dia"].number


def test_same_number_compares_digits() -> None:
    assert same_number("+5511987654321", "011987654321")
    assert same_number("11987654321", "+55 (11) 98765-4321")
    assert not same_number("+5511987654321", "+5511912345678")
    assert not same_number("", "123")


async def _missed_call(ramal: RamalApp, call_id: str) -> int:
    ramal.handle_event(IncomingCall(call_id, PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    await until(lambda: call_id not in ramal.lookups)
    await until(lambda: ramal.history.get(ramal.history_ids[call_id]).customer_id)
    ramal.handle_event(CallEnded(call_id, "missed"))
    return ramal.history_ids[call_id]


async def test_a_missed_call_is_returned_from_the_list_and_the_callback_logged_linked(
        calling_desk: tuple[RamalApp, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = calling_desk
    await until(lambda: ramal.attendance.service.search_subjects())
    missed_id = await _missed_call(ramal, "m1")
    view = ramal.callback_list
    assert [e.history_id for e in view.entries] == [missed_id]
    assert "Maria Aparecida da Silva" in view.list.item(0).text()

    # first try: nobody answers; recorded, linked, counted, still listed
    assert view.select_history_id(missed_id)
    view.call_button.click()
    engine = ramal.engine
    assert isinstance(engine, CallingEngine)
    assert ("call", (ramal.history.get(missed_id).number,)) in engine.commands
    qtbot.waitUntil(lambda: "out1" in ramal.history_ids)  # the engine's event, on the GUI thread
    ramal.handle_event(CallEnded("out1", "missed"))
    [attempt] = ramal.history.callbacks_of(missed_id)
    assert attempt.outcome is CallOutcome.MISSED
    await until(lambda: view.entries and view.entries[0].attempts == 1)
    assert "1 retorno(s) sem resposta" in view.list.item(0).text()

    # second try: answered, talked, logged
    view.call_button.click()
    qtbot.waitUntil(lambda: "out2" in ramal.history_ids)
    await until(lambda: ramal.history.get(ramal.history_ids["out2"]).customer_id)
    ramal.handle_event(CallStateChanged("out2", "answered"))
    ramal.handle_event(CallEnded("out2", "completed", duration_s=20.0))
    dialog = ramal.log_dialogs["out2"]
    assert dialog.choose_subject("5")
    dialog.description.setPlainText("Enviada a segunda via.")
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    [ticket] = [t for t in backends.ixc.tables["su_ticket"]
                if t.get("protocolo") == dialog.sent_protocol]
    assert "Retorno da ligação perdida de" in ticket["menssagem"]
    assert ramal.history.get(missed_id).logged
    assert ramal.history.get(ramal.history_ids["out2"]).callback_of == missed_id
    await until(lambda: not view.entries)


async def test_a_call_transferred_blind_reads_transferida_and_its_ticket_says_to_whom(
        calling_desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = calling_desk
    await until(lambda: ramal.attendance.service.search_subjects())
    ramal.handle_event(IncomingCall("t1", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    await until(lambda: "t1" not in ramal.lookups)
    ramal.handle_event(CallStateChanged("t1", "answered"))
    ramal.transfer("t1", "802")
    ramal.handle_event(TransferResult("t1", "sip:802@pbx.test", True, 200, "OK"))
    ramal.handle_event(CallEnded("t1", "completed", duration_s=15.0))
    record = ramal.history.get(ramal.history_ids["t1"])
    assert record.outcome is CallOutcome.TRANSFERRED and record.transferred_to == "802"
    assert record.transfer_mode == "blind"
    ramal.refresh_history()
    assert any(ramal.window.history.model.situation(e) == "Transferida para 802"
               for e in ramal.window.history.model.entries)
    dialog = ramal.log_dialogs["t1"]
    assert dialog.call is not None and dialog.call.outcome == "Transferida para 802"
    assert dialog.choose_subject("2")
    dialog.description.setPlainText("Encaminhado ao financeiro.")
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    [ticket] = [t for t in backends.ixc.tables["su_ticket"]
                if t.get("protocolo") == dialog.sent_protocol]
    assert "Ligação transferida para 802." in ticket["menssagem"]
    await until(lambda: ramal.not_logged == 0)


async def test_an_attended_transfer_is_recorded_with_the_sector_dialled(
        calling_desk: tuple[RamalApp, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = calling_desk
    ramal.handle_event(IncomingCall("a1", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    ramal.handle_event(CallStateChanged("a1", "answered"))
    ramal.call_desk.consult("a1", "802", "Financeiro")
    qtbot.waitUntil(lambda: "out1" in ramal.calls)
    ramal.handle_event(CallStateChanged("out1", "answered"))
    ramal.call_desk.complete_transfer("a1")
    ramal.handle_event(TransferResult("a1", "sip:whatever@pbx", True, 200, "OK"))
    ramal.handle_event(CallEnded("a1", "completed", duration_s=30.0))
    record = ramal.history.get(ramal.history_ids["a1"])
    assert record.outcome is CallOutcome.TRANSFERRED
    assert (record.transferred_to, record.transfer_mode) == ("802", "attended")


async def test_a_call_that_stops_ringing_before_ixc_answered_is_identified_afterwards(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    """Before, its lookup was cancelled with the popup and the missed call had no customer, so
    it never reached "Retornar"."""
    ramal, backends = desk
    await until(lambda: ramal.ixc.index.last_update is not None)
    backends.ixc.set_faults(latency_ms=400)
    ramal.handle_event(IncomingCall("m9", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    ramal.handle_event(CallEnded("m9", "missed"))          # gave up before IXC answered
    missed_id = ramal.history_ids["m9"]
    assert not ramal.history.get(missed_id).customer_id
    await until(lambda: ramal.history.get(missed_id).customer_id)
    assert ramal.history.get(missed_id).customer_name == "Maria Aparecida da Silva"
    await until(lambda: [e.history_id for e in ramal.callback_list.entries] == [missed_id])
