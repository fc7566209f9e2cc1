"""The ringtone on the ringing device: plays while a call rings, stops on answer, cancel and
decline, silent in DND. Real devices (PulseAudio) and, for the call cases, real calls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from call_testbed import EngineEvents, FarEnd, registered_engine
from conftest import HEADSET, SPEAKERS
from pulse_testbed import MonitorRecording, PulseServer
from pytestqt.qtbot import QtBot
from tone_check import loudest_part

from desktop.audio.ring_control import RingControl
from desktop.audio.ringtone import BUNDLED_RINGTONE, Ringer, load_ringtone
from desktop.pcm import samples as pcm
from desktop.sip.engine import SipEngine
from desktop.sip.events import CallEnded, IncomingCall

RATE = 16000
CHIME = (1046.5, 1318.5)   # the notes of resources/ringtone.wav


def chime_power(data: bytes) -> float:
    """Power of the chime's notes in the loudest 0.3 s (the ring pattern has long pauses)."""
    part = loudest_part(data, RATE, 0.3)
    return sum(pcm.goertzel_power(part, RATE, f) for f in CHIME)


def test_bundled_ringtone_is_a_few_seconds_of_16_bit_mono() -> None:
    tone = load_ringtone(BUNDLED_RINGTONE)
    assert 2.0 <= tone.duration_s <= 6.0
    assert chime_power(tone.pcm) > 100 * pcm.goertzel_power(tone.pcm, tone.rate, 440.0) > 0


def test_ringer_plays_on_the_ringing_device_only_and_stops(pulse: PulseServer,
                                                           qtbot: QtBot) -> None:
    ringer = Ringer(device=SPEAKERS, ringtone="", volume=1.0)
    speakers = MonitorRecording(pulse, SPEAKERS)
    headset = MonitorRecording(pulse, HEADSET)
    with qtbot.waitSignal(ringer.ringingChanged, timeout=2000) as started:
        assert ringer.start()
    assert started.args == [True] and ringer.ringing and ringer.device == "Alto-falantes"
    qtbot.wait(1500)
    ringer.stop()
    assert not ringer.ringing
    qtbot.wait(300)
    after = MonitorRecording(pulse, SPEAKERS)
    qtbot.wait(600)
    rang = speakers.stop()
    assert chime_power(rang) > 0.002, chime_power(rang)
    assert pcm.rms(headset.stop()) < 50
    assert pcm.rms(after.stop()) < 50


def test_dnd_keeps_the_ringer_silent_and_silences_a_ringing_one(pulse: PulseServer,
                                                                qtbot: QtBot) -> None:
    ringer = Ringer(device=SPEAKERS, volume=1.0)
    ringer.set_dnd(True)
    speakers = MonitorRecording(pulse, SPEAKERS)
    assert not ringer.start()
    qtbot.wait(800)
    assert not ringer.ringing
    assert pcm.rms(speakers.stop()) < 50
    ringer.set_dnd(False)
    assert ringer.start()
    with qtbot.waitSignal(ringer.ringingChanged, timeout=2000) as stopped:
        ringer.set_dnd(True)
    assert stopped.args == [False] and not ringer.ringing


def test_unreadable_ringtone_falls_back_to_the_bundled_one(tmp_path: Path,
                                                          qtbot: QtBot) -> None:
    bad = tmp_path / "toque.wav"
    bad.write_bytes(b"not a wav")
    ringer = Ringer(device=SPEAKERS, ringtone=str(bad))
    assert ringer._tone == load_ringtone(BUNDLED_RINGTONE)


@pytest.fixture
def ringing_phone(pbx: Any, pulse: PulseServer, qtbot: QtBot
                  ) -> Iterator[tuple[SipEngine, EngineEvents, Ringer]]:
    ringer = Ringer(device=SPEAKERS, volume=1.0)
    control = RingControl(ringer, mode="softphone")
    events = EngineEvents(forward=control.on_event)
    try:
        with registered_engine(events, pbx, qtbot) as engine:
            yield engine, events, ringer
    finally:
        ringer.stop()


def test_ringtone_follows_the_call_cancel_answer_and_decline(
        ringing_phone: tuple[SipEngine, EngineEvents, Ringer], pbx: Any,
        pulse: PulseServer, qtbot: QtBot) -> None:
    engine, events, ringer = ringing_phone
    target = f"sip:101@{pbx.address}"

    # the caller gives up: missed, the ring stops
    far = FarEnd("--registrar", pbx.address, "--call", target, "--cancel-after", "1.5")
    try:
        incoming = events.wait_for(IncomingCall, qtbot)
        assert ringer.ringing
        speakers = MonitorRecording(pulse, SPEAKERS)
        qtbot.wait(600)
        assert chime_power(speakers.stop()) > 0.002
        ended = events.wait_for(CallEnded, qtbot, call_id=incoming.call_id)
        assert ended.outcome == "missed" and not ringer.ringing
    finally:
        far.stop()

    # answered here: the ring stops at once
    far = FarEnd("--registrar", pbx.address, "--call", target, "--hangup-after", "0.5")
    try:
        incoming = events.wait_for(IncomingCall, qtbot)
        assert ringer.ringing
        engine.answer(incoming.call_id).result(5)
        qtbot.waitUntil(lambda: (events.pump(), not ringer.ringing)[1], timeout=3000)
        assert events.wait_for(CallEnded, qtbot).outcome == "completed"
    finally:
        far.stop()

    # declined by the agent
    far = FarEnd("--registrar", pbx.address, "--call", target)
    try:
        incoming = events.wait_for(IncomingCall, qtbot)
        assert ringer.ringing
        engine.decline(incoming.call_id).result(5)
        ended = events.wait_for(CallEnded, qtbot, call_id=incoming.call_id)
        assert ended.outcome == "rejected" and not ringer.ringing
        far.wait_for("disconnected")
    finally:
        far.stop()
