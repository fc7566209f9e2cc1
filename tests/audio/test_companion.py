"""Companion mode: the agent answers on the desk phone (same extension); Ramal never answers,
rings only if asked to, and tells "answered elsewhere" from "missed".

Real peers: Kamailio forks the INVITE to both contacts of extension 101 (Ramal's engine and a
pjsua2 "desk phone"); when the desk phone answers, Kamailio CANCELs Ramal's branch with
``Reason: SIP;cause=200`` as 3CX does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlite_utils
from call_testbed import EngineEvents, FarEnd, registered_engine
from conftest import SPEAKERS
from pulse_testbed import PulseServer
from pytestqt.qtbot import QtBot

from desktop.audio.ring_control import RingControl
from desktop.audio.ringtone import Ringer
from desktop.sip.engine import SipCommandError, SipEngine
from desktop.sip.events import CallEnded, IncomingCall, SipEvent
from desktop.store.history import CallDirection, CallHistory, CallOutcome, HistoryFilter


class HistoryFeed:
    """What the app does with the engine's events for the history (the app wiring itself is
    desktop/app/ramal_app.py's job; this is the same two calls)."""

    def __init__(self, history: CallHistory) -> None:
        self.history = history
        self.ids: dict[str, int] = {}

    def __call__(self, event: SipEvent) -> None:
        if isinstance(event, IncomingCall):
            record = self.history.record_start(event.call_id, number=event.number,
                                               direction=CallDirection.INBOUND,
                                               started_at=datetime.now(UTC))
            self.ids[event.call_id] = record.id
        elif isinstance(event, CallEnded) and event.call_id in self.ids:
            self.history.record_end(self.ids[event.call_id], datetime.now(UTC),
                                    CallOutcome(event.outcome))


@pytest.fixture
def companion(pbx: Any, pulse: PulseServer, qtbot: QtBot
              ) -> Iterator[tuple[SipEngine, EngineEvents, Ringer, HistoryFeed]]:
    ringer = Ringer(device=SPEAKERS, volume=1.0)
    control = RingControl(ringer, mode="companion", companion_ring=True)
    history = HistoryFeed(CallHistory(sqlite_utils.Database(memory=True),
                                      loggable=(CallOutcome.COMPLETED,
                                                CallOutcome.ANSWERED_ELSEWHERE)))

    def forward(event: SipEvent) -> None:
        control.on_event(event)
        history(event)

    events = EngineEvents(forward=forward)
    try:
        with registered_engine(events, pbx, qtbot, mode="companion") as engine:
            yield engine, events, ringer, history
    finally:
        ringer.stop()


def test_desk_phone_answers_first_so_ramal_reports_answered_elsewhere(
        companion: tuple[SipEngine, EngineEvents, Ringer, HistoryFeed], pbx: Any,
        qtbot: QtBot) -> None:
    engine, events, ringer, feed = companion
    desk = FarEnd("--registrar", pbx.address, "--register", "101", "--password", "secret101",
                  "--answer-after", "1.0", "--timeout", "20")
    caller: FarEnd | None = None
    try:
        desk.wait_for("registered")
        caller = FarEnd("--registrar", pbx.address, "--call", f"sip:101@{pbx.address}",
                        "--hangup-after", "1.0", "--timeout", "20")
        incoming = events.wait_for(IncomingCall, qtbot)
        assert ringer.ringing   # companion_ring = true
        with pytest.raises(SipCommandError):
            engine.answer(incoming.call_id).result(5)   # companion mode never answers
        ended = events.wait_for(CallEnded, qtbot, call_id=incoming.call_id)
        assert ended.outcome == "answered_elsewhere"
        assert not ringer.ringing
        desk.wait_for("confirmed")
    finally:
        if caller is not None:
            caller.stop()
        desk.stop()
    # the call waits in the history for its attendance log, with its start time
    waiting = feed.history.calls(HistoryFilter.NOT_LOGGED)
    assert [c.call_key for c in waiting] == [incoming.call_id]
    record = waiting[0]
    assert record.outcome == CallOutcome.ANSWERED_ELSEWHERE and record.duration_s is None
    assert feed.history.correct_duration(record.id, 95).duration_s == 95


def test_nobody_answers_so_the_call_is_missed(
        companion: tuple[SipEngine, EngineEvents, Ringer, HistoryFeed], pbx: Any,
        qtbot: QtBot) -> None:
    _engine, events, ringer, feed = companion
    desk = FarEnd("--registrar", pbx.address, "--register", "101", "--password", "secret101",
                  "--answer-after", "60", "--timeout", "20")
    try:
        desk.wait_for("registered")
        caller = FarEnd("--registrar", pbx.address, "--call", f"sip:101@{pbx.address}",
                        "--cancel-after", "1.5", "--timeout", "20")
        try:
            incoming = events.wait_for(IncomingCall, qtbot)
            ended = events.wait_for(CallEnded, qtbot, call_id=incoming.call_id)
        finally:
            caller.stop()
    finally:
        desk.stop()
    assert ended.outcome == "missed"
    assert not ringer.ringing
    assert feed.history.count(HistoryFilter.MISSED) == 1
    assert feed.history.count(HistoryFilter.NOT_LOGGED) == 0


def test_companion_mode_does_not_ring_unless_configured(pulse: PulseServer,
                                                        qtbot: QtBot) -> None:
    ringer = Ringer(device=SPEAKERS)
    control = RingControl(ringer, mode="companion", companion_ring=False)
    control.on_event(IncomingCall("1", "+5511987654321", "Maria", False, False, "From: x"))
    assert control.ringing_calls == {"1"} and not ringer.ringing
    control.on_event(CallEnded("1", "answered_elsewhere"))
    assert control.ringing_calls == set()
    control.configure("softphone", False)
    control.on_event(IncomingCall("2", "+5511987654321", "Maria", False, False, "From: x"))
    assert ringer.ringing
    control.on_event(CallEnded("2", "missed"))
    assert not ringer.ringing
