"""HeadsetAudio on real (PulseAudio) devices, fed through a HeadsetLink as the bridge would."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from conftest import HEADSET, MIC, SPEAKERS
from pulse_testbed import FifoMicrophone, MonitorRecording, PulseServer
from pytestqt.qtbot import QtBot
from tone_check import assert_tone

from desktop.audio import devices
from desktop.audio.headset import HeadsetAudio
from desktop.pcm import samples as pcm
from desktop.pcm.headset_link import HeadsetLink

RATE = 16000


def act_as_bridge(link: HeadsetLink, qtbot: QtBot, far_end: bytes, extra_ms: int = 300) -> bytes:
    """Every 20 ms, write one frame of ``far_end`` into the link and take one frame of the
    agent's voice out of it, as pjmedia's clock does with the bridge port; returns the voice."""
    frame = link.frame_bytes
    voice = bytearray()
    start = time.monotonic()
    n_frames = (len(far_end) + frame - 1) // frame + extra_ms // link.frame_ms
    for k in range(n_frames):
        chunk = far_end[k * frame: (k + 1) * frame]
        if chunk:
            link.to_headset.write(chunk)
        voice += link.from_headset.read_frame(frame)
        due = start + (k + 1) * link.frame_ms / 1000
        qtbot.wait(max(0, int((due - time.monotonic()) * 1000)))
    return bytes(voice)


@contextmanager
def headset_in_call(qtbot: QtBot, speaker: str = HEADSET,
                    wait_running: bool = True) -> Iterator[tuple[HeadsetLink, HeadsetAudio]]:
    """A HeadsetAudio on a fresh link; with ``wait_running`` the link goes active (what the
    bridge does when a call's audio starts) and the devices are open on entry. On exit the call's
    audio stops, the devices are seen to close, and the headset is closed."""
    link = HeadsetLink(rate=RATE)
    headset = HeadsetAudio(link, speaker=speaker, microphone=MIC)
    try:
        if wait_running:
            link.set_active(True)
            qtbot.waitUntil(lambda: headset.running, timeout=3000)
        yield link, headset
    finally:
        link.set_active(False)
        qtbot.waitUntil(lambda: not headset.running, timeout=3000)
        headset.close()


def test_far_end_audio_reaches_the_chosen_headset_and_the_mic_reaches_the_link(
        pulse: PulseServer, microphone: FifoMicrophone, qtbot: QtBot) -> None:
    with headset_in_call(qtbot) as (link, headset):
        assert devices.device_id(headset.output_device) == HEADSET
        speakers = MonitorRecording(pulse, SPEAKERS)
        heard = MonitorRecording(pulse, HEADSET)
        microphone.say(pcm.tone((880.0,), RATE, 1500, 0.5))
        said = act_as_bridge(link, qtbot, pcm.tone((440.0,), RATE, 1500, 0.5))
        assert_tone(heard.stop(), RATE, 440.0)
        assert pcm.rms(speakers.stop()) < 50   # nothing leaked to the other device
        assert_tone(said, RATE, 880.0)


def test_muted_microphone_sends_silence_and_detaching_closes_the_devices(
        pulse: PulseServer, qtbot: QtBot) -> None:
    link = HeadsetLink(rate=RATE)
    headset = HeadsetAudio(link, speaker=HEADSET, microphone=MIC)
    with qtbot.waitSignal(headset.runningChanged, timeout=3000) as opened:
        link.set_active(True)
    assert opened.args == [True]
    with qtbot.waitSignal(headset.runningChanged, timeout=3000) as closed:
        link.set_active(False)
    assert closed.args == [False]
    assert headset.output_device is None and headset.input_device is None


def test_a_headset_missing_when_the_call_starts_falls_back_to_the_default_and_says_so(
        pulse: PulseServer, qtbot: QtBot) -> None:
    with headset_in_call(qtbot, speaker="Headset que ficou em casa",
                         wait_running=False) as (link, headset):
        with qtbot.waitSignal(headset.deviceFallback, timeout=3000) as fallback:
            link.set_active(True)
        assert fallback.args == ["output", "Headset que ficou em casa", "Alto-falantes"]
        qtbot.waitUntil(lambda: headset.running, timeout=3000)
        assert devices.device_id(headset.output_device) == SPEAKERS
        heard = MonitorRecording(pulse, SPEAKERS)
        act_as_bridge(link, qtbot, pcm.tone((440.0,), RATE, 1000, 0.5))
        assert_tone(heard.stop(), RATE, 440.0)


def test_locally_audible_dtmf_plays_on_the_headset(pulse: PulseServer, qtbot: QtBot) -> None:
    with headset_in_call(qtbot) as (link, headset):
        heard = MonitorRecording(pulse, HEADSET)
        for _ in range(6):
            headset.play_dtmf("5")   # 770 Hz + 1336 Hz
            act_as_bridge(link, qtbot, b"", extra_ms=160)
        recording = heard.stop()
        row = pcm.goertzel_power(recording, RATE, 770)
        col = pcm.goertzel_power(recording, RATE, 1336)
        other = pcm.goertzel_power(recording, RATE, 941)   # the row of "0", "*", "#"
        assert row > 20 * other and col > 20 * other, (row, col, other)


def test_a_starved_headset_counts_its_underruns(pulse: PulseServer, qtbot: QtBot) -> None:
    with headset_in_call(qtbot) as (link, headset):
        before = headset.output_underruns
        act_as_bridge(link, qtbot, pcm.tone((440.0,), RATE, 400, 0.5), extra_ms=0)
        # the far end goes quiet without the bridge writing silence: the device runs dry
        qtbot.waitUntil(lambda: headset.output_underruns > before, timeout=3000)
    assert headset.output_underruns > before   # still counted once the stream is closed
