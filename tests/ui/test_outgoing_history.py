"""Outgoing calls in the history, offscreen with the real store and IXC simulator and the
recording engine: a call from the dial pad is listed at once ("Em andamento"), gets its customer
from IXC when the number is one customer's, and ends as "Efetuada" with its duration; one nobody
answered is "não atendida" and not among the agent's "Perdidas"; one the engine could not place
is listed as failed; without a database (or a popup) the session list still gets every call."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall, OutgoingCallStarted
from desktop.store.history import CallDirection, CallOutcome
from desktop.ui.view_models import HistoryFilter
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import RecordingEngine, until

PHONE = DEMO_NUMBERS["em_dia"].number


def rows(ramal: DeskUnderTest) -> list[tuple[str, str, str, str]]:
    """(número, cliente, situação, duração) as the Histórico tab shows them."""
    model = ramal.window.history.model
    return [tuple(model.index(r, c).data() for c in (1, 3, 4, 5))  # type: ignore[misc]
            for r in range(model.rowCount())]


async def test_a_dialled_call_is_listed_with_its_customer_outcome_and_duration(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _ = desk
    engine = ramal.engine
    assert isinstance(engine, RecordingEngine)
    ramal.window.dial_pad.dial_requested.emit(PHONE)          # the dial pad's "Ligar"
    await until(lambda: ("call", (PHONE,)) in engine.commands)
    ramal.handle_event(OutgoingCallStarted("o1", PHONE, f"sip:{PHONE}@pbx"))
    ramal.handle_event(CallStateChanged("o1", "calling"))
    [(number, _, situation, _)] = rows(ramal)
    assert situation == "Em andamento" and "98765" in number.replace("-", "").replace(" ", "")
    # the callee is one IXC customer: the row gets the name
    await until(lambda: rows(ramal)[0][1] == "Maria Aparecida da Silva")
    ramal.handle_event(CallStateChanged("o1", "answered"))
    ramal.recorder.flush()             # the answer's row write waits a moment (call_desk.py)
    hid = ramal.history_ids["o1"]
    # pretend the talk lasted 95 s (the store measures answer → end)
    record = ramal.history.get(hid)
    ramal.history.record_answer(hid, record.started_at - timedelta(seconds=95))
    ramal.handle_event(CallEnded("o1", "completed", duration_s=95.0))
    stored = ramal.history.get(hid)
    assert stored.direction is CallDirection.OUTBOUND
    assert stored.outcome is CallOutcome.COMPLETED and stored.customer_name
    [(_, customer, situation, duration)] = rows(ramal)
    assert (customer, situation) == ("Maria Aparecida da Silva", "Efetuada")
    assert duration.startswith("1:3")        # 95 s (plus the test's own milliseconds)
    # an answered outgoing call is an attendance too: the log dialog opens
    assert "o1" in ramal.log_dialogs
    ramal.log_dialogs["o1"].close()


async def test_unanswered_and_unplaceable_outgoing_calls(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    ramal.handle_event(OutgoingCallStarted("o2", "801", "sip:801@pbx"))    # an extension
    ramal.handle_event(CallEnded("o2", "missed", code=480))
    assert rows(ramal)[0][2] == "Efetuada · não atendida"
    assert rows(ramal)[0][1] == ""                    # no IXC search for an extension

    # the engine refuses to place the call (not registered): still in the history, failed
    failing: Future[Any] = Future()
    failing.set_exception(RuntimeError("ramal não registrado"))
    ramal.engine.call = lambda number: failing          # type: ignore[method-assign]
    ramal.dial("+5511912345678")
    # the engine's answer comes back through the GUI thread's queue (Qt events, not asyncio)
    qtbot.waitUntil(lambda: rows(ramal)[0][2] == "Efetuada · falhou")
    assert "ramal não registrado" in ramal.window.statusBar().currentMessage()

    # "Perdidas" lists the agent's missed incoming calls only
    ramal.handle_event(IncomingCall("i1", PHONE, "", False, False, f"<sip:{PHONE}@x>"))
    ramal.handle_event(CallEnded("i1", "missed"))
    ramal.window.history.filter_buttons[HistoryFilter.MISSED].setChecked(True)
    assert [r[2] for r in rows(ramal)] == ["Perdida"]
    ramal.window.history.filter_buttons[HistoryFilter.ALL].setChecked(True)
    assert [r[2] for r in rows(ramal)] == ["Perdida", "Efetuada · falhou",
                                           "Efetuada · não atendida"]


async def test_without_a_database_calls_with_no_popup_still_reach_the_session_list(
        qtbot: QtBot) -> None:
    from desktop.settings.model import Settings, UiSettings

    settings = Settings(ui=UiSettings(popup_on_ring=False))
    ramal = DeskUnderTest(settings, RecordingEngine)
    qtbot.addWidget(ramal.window)
    try:
        ramal.handle_event(OutgoingCallStarted("o3", "+5511912345678", "sip:x@pbx"))
        ramal.handle_event(CallStateChanged("o3", "answered"))
        ramal.handle_event(CallEnded("o3", "completed", duration_s=61.0))
        ramal.handle_event(IncomingCall("i3", PHONE, "", False, False, f"<sip:{PHONE}@x>"))
        ramal.handle_event(CallEnded("i3", "missed"))
        assert [(e.incoming, e.outcome, e.duration_s) for e in ramal.session_history] == [
            (True, "missed", 0), (False, "completed", 61)]
        assert [r[2:] for r in rows(ramal)] == [("Perdida", ""), ("Efetuada", "1:01")]
    finally:
        ramal.shutdown()


