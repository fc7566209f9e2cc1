"""Two-way audio through a real call: far end (pjsua2 process) ⇄ Kamailio ⇄ SipEngine ⇄
AudioBridge ⇄ HeadsetAudio ⇄ PulseAudio devices.

The far end plays 440 Hz into the call: the headset sink's monitor must carry 440 Hz. The test
"speaks" 880 Hz into the FIFO microphone: the far end's recording must carry 880 Hz.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from call_testbed import (
    EngineEvents,
    FarEnd,
    read_wav,
    registered_engine,
    sip_settings,
    write_wav,
)
from conftest import HEADSET, MIC, SPEAKERS, USB_HEADSET
from pulse_testbed import FifoMicrophone, MonitorRecording, PulseServer
from pytestqt.qtbot import QtBot
from tone_check import assert_tone

from desktop.audio import devices
from desktop.audio.headset import HeadsetAudio
from desktop.pcm import samples as pcm
from desktop.pcm.headset_link import HeadsetLink
from desktop.sip.audio_bridge import AudioBridge
from desktop.sip.engine import SipEngine
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall, RegistrationChanged

RATE = 16000


@pytest.fixture
def softphone(pbx: Any, pulse: PulseServer, qtbot: QtBot
              ) -> Iterator[tuple[SipEngine, EngineEvents, HeadsetAudio]]:
    link = HeadsetLink(rate=RATE)
    headset = HeadsetAudio(link, speaker=HEADSET, microphone=MIC)
    events = EngineEvents()
    try:
        with registered_engine(events, pbx, qtbot, media_handler=AudioBridge(link)) as engine:
            yield engine, events, headset
    finally:
        qtbot.waitUntil(lambda: not headset.running, timeout=3000)
        headset.close()


def test_two_way_audio_through_a_real_call(
        softphone: tuple[SipEngine, EngineEvents, HeadsetAudio], pbx: Any,
        pulse: PulseServer, microphone: FifoMicrophone, qtbot: QtBot, tmp_path: Path) -> None:
    engine, events, headset = softphone
    tone = write_wav(tmp_path / "a440.wav", pcm.tone((440.0,), RATE, 1000, 0.5), RATE)
    heard_by_far_end = tmp_path / "far-end-heard.wav"
    far = FarEnd("--registrar", pbx.address, "--call", f"sip:101@{pbx.address}",
                 "--play", str(tone), "--record", str(heard_by_far_end), "--timeout", "30")
    try:
        incoming = events.wait_for(IncomingCall, qtbot)
        engine.answer(incoming.call_id).result(5)
        far.wait_for("confirmed")
        qtbot.waitUntil(lambda: headset.running, timeout=5000)
        assert devices.device_id(headset.output_device) == HEADSET
        assert devices.device_id(headset.input_device) == MIC
        speakers = MonitorRecording(pulse, SPEAKERS)
        heard = MonitorRecording(pulse, HEADSET)
        microphone.say(pcm.tone((880.0,), RATE, 2500, 0.5))
        qtbot.wait(2500)
        heard_pcm = heard.stop()
        speakers_pcm = speakers.stop()
        latency = headset.latency()
        # hold releases the devices (the engine detaches the call), resume opens them again
        engine.hold(incoming.call_id).result(5)
        events.wait_for(CallStateChanged, qtbot, call_id=incoming.call_id, state="held")
        qtbot.waitUntil(lambda: not headset.running, timeout=3000)
        engine.resume(incoming.call_id).result(5)
        events.wait_for(CallStateChanged, qtbot, call_id=incoming.call_id, state="resumed")
        qtbot.waitUntil(lambda: headset.running, timeout=3000)
        engine.hangup(incoming.call_id).result(5)
        ended = events.wait_for(CallEnded, qtbot, call_id=incoming.call_id)
        assert ended.outcome == "completed"
        far.wait_for("exit")
    finally:
        far.stop()
    assert_tone(heard_pcm, RATE, 440.0)
    assert pcm.rms(speakers_pcm) < 50  # the call played on the headset only
    far_pcm, far_rate = read_wav(heard_by_far_end)
    assert_tone(far_pcm, far_rate, 880.0)
    # the bridge's own queues stay small (the rest is the OS's buffering)
    assert latency.to_headset_ms <= 120, latency
    assert latency.from_headset_ring_ms <= 200, latency
    qtbot.waitUntil(lambda: not headset.running, timeout=3000)


def test_unplugged_headset_does_not_drop_the_call_and_audio_goes_on_on_the_default_device(
        pbx: Any, pulse: PulseServer, qtbot: QtBot, tmp_path: Path) -> None:
    link = HeadsetLink(rate=RATE)
    headset = HeadsetAudio(link, speaker=USB_HEADSET, microphone=MIC)
    events = EngineEvents()
    engine = SipEngine(events, media_handler=AudioBridge(link))
    tone = write_wav(tmp_path / "a440.wav", pcm.tone((440.0,), RATE, 1000, 0.5), RATE)
    far = FarEnd("--registrar", pbx.address, "--call", f"sip:101@{pbx.address}",
                 "--play", str(tone), "--timeout", "30")
    try:
        engine.start(sip_settings(pbx)).result(10)
        events.wait_for(RegistrationChanged, qtbot, state="registered")
        incoming = events.wait_for(IncomingCall, qtbot)
        engine.answer(incoming.call_id).result(5)
        qtbot.waitUntil(lambda: headset.running, timeout=5000)
        assert devices.device_id(headset.output_device) == USB_HEADSET
        pulse.remove(USB_HEADSET)
        # PulseAudio moves our stream to the default device; Qt 6.11 does not report
        # the removal (docs/audio.md), so only the continuity of the call is asserted here
        speakers = MonitorRecording(pulse, SPEAKERS)
        qtbot.wait(1200)
        assert_tone(speakers.stop(), RATE, 440.0)
        assert engine.call_ids().result(5) == [incoming.call_id]  # the call was not dropped
        engine.hangup(incoming.call_id).result(5)
        assert events.wait_for(CallEnded, qtbot).outcome == "completed"
    finally:
        far.stop()
        assert engine.shutdown(5.0)
        qtbot.waitUntil(lambda: not headset.running, timeout=3000)
        headset.close()
