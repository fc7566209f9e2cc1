"""The audio settings page against real devices: lists them, keeps an unplugged choice, and
"Testar" plays on the chosen output and shows the chosen microphone's level."""

from __future__ import annotations

from conftest import HEADSET, MIC, SPEAKERS
from pulse_testbed import FifoMicrophone, MonitorRecording, PulseServer
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tone_check import loudest_part

from desktop.pcm import samples as pcm
from desktop.settings.model import AudioSettings
from desktop.ui.audio_settings_page import AudioSettingsPage


def test_page_lists_devices_and_returns_the_edited_settings(pulse: PulseServer,
                                                            qtbot: QtBot) -> None:
    page = AudioSettingsPage(AudioSettings(ringer="Headset guardado na gaveta", ring_volume=0.5))
    qtbot.addWidget(page)
    speakers = [page.speaker.itemData(i) for i in range(page.speaker.count())]
    assert {"", HEADSET, SPEAKERS} <= set(speakers)
    assert MIC in [page.microphone.itemData(i) for i in range(page.microphone.count())]
    # an unplugged ringer stays chosen (shown as disconnected) instead of being lost
    assert page.ringer.currentData() == "Headset guardado na gaveta"
    assert "desconectado" in page.ringer.currentText()
    page.select(page.speaker, HEADSET)
    page.select(page.microphone, MIC)
    page.speaker_volume.setValue(70)
    page.companion_ring.setChecked(True)
    edited = page.settings()
    assert (edited.speaker, edited.microphone, edited.ringer) == (
        HEADSET, MIC, "Headset guardado na gaveta")
    assert edited.speaker_volume == 0.7 and edited.ring_volume == 0.5 and edited.companion_ring


def test_test_button_plays_a_tone_and_moves_the_level_bar(
        pulse: PulseServer, microphone: FifoMicrophone, qtbot: QtBot) -> None:
    page = AudioSettingsPage(AudioSettings(speaker=HEADSET, microphone=MIC))
    qtbot.addWidget(page)
    heard = MonitorRecording(pulse, HEADSET)
    levels: list[float] = []
    page.meter.levelChanged.connect(levels.append)
    microphone.say(pcm.tone((500.0,), 16000, 1500, 0.5))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.level.value() > 50, timeout=3000)
    qtbot.wait(1000)
    page.stop_test()
    recording = loudest_part(heard.stop(), 16000, 0.3)
    chime = pcm.goertzel_power(recording, 16000, 880) + pcm.goertzel_power(recording, 16000,
                                                                           1318.5)
    assert chime > 0.005, chime
    assert max(levels) > 0.5 and page.level.value() == 0

