"""The desk's audio wiring: RamalApp + DeskAudio with the real RingControl and HeadsetLink, fed a
stream of engine events; the ringer and the headset record what they were told (the real
devices — ringtone on a PulseAudio sink, DND, two-way call audio, fallback — are proven in
tests/audio against a private PulseAudio server)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.app.services import engine_factory_for, sip_engine_factory
from desktop.audio.desk_audio import DeskAudio
from desktop.audio.headset import HeadsetAudio
from desktop.pcm.headset_link import HeadsetLink
from desktop.settings.model import AudioSettings, IxcSettings, Settings, SipSettings
from desktop.settings.toml_file import MemorySecretStore
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import RecordingEngine


class RecordingRinger:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.dnd = False

    def start(self) -> bool:
        self.calls.append(("start",))
        return not self.dnd

    def stop(self) -> None:
        self.calls.append(("stop",))

    def set_dnd(self, dnd: bool) -> None:
        self.dnd = dnd
        self.calls.append(("set_dnd", dnd))

    def configure(self, device: str, ringtone: str, volume: float) -> None:
        self.calls.append(("configure", device, ringtone, volume))


class RecordingHeadset(QObject):
    deviceFallback = Signal(str, str, str)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []

    def play_dtmf(self, digit: str) -> None:
        self.calls.append(("dtmf", digit))

    def set_devices(self, speaker: str, microphone: str) -> None:
        self.calls.append(("devices", speaker, microphone))

    def set_volumes(self, speaker: float, microphone: float) -> None:
        self.calls.append(("volumes", speaker, microphone))

    def close(self) -> None:
        self.calls.append(("close",))


def settings(mode: str = "softphone", companion_ring: bool = False) -> Settings:
    return Settings(sip=SipSettings(server="pbx.example.com", extension="101",
                                    password="s3cret", mode=mode),  # type: ignore[arg-type]
                    ixc=IxcSettings(url="https://ixc.example.com", token="12:abcdef"),
                    audio=AudioSettings(companion_ring=companion_ring))


class Desk:
    def __init__(self, qtbot: QtBot, tmp_path: Path, config: Settings) -> None:
        self.ringer = RecordingRinger()
        self.headset = RecordingHeadset()
        self.link = HeadsetLink()
        headset = self.headset if config.sip.mode == "softphone" else None
        self.audio = DeskAudio(config, self.ringer, headset,
                               self.link if headset is not None else None)
        self.ramal = DeskUnderTest(config, RecordingEngine, secret_store=MemorySecretStore(),
                                   config_path=tmp_path / "ramal.toml", audio=self.audio)
        qtbot.addWidget(self.ramal.window)
        self.ramal.start(show_window=False)

    @property
    def engine(self) -> RecordingEngine:
        assert isinstance(self.ramal.engine, RecordingEngine)
        return self.ramal.engine

    def ring(self, call_id: str, number: str = "+5511987654321") -> None:
        self.ramal.handle_event(IncomingCall(call_id, number, "", False, False,
                                             f"<sip:{number}@x>"))

    def rings(self) -> list[str]:
        return [c[0] for c in self.ringer.calls if c[0] in ("start", "stop")]


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path) -> Iterator[Desk]:
    d = Desk(qtbot, tmp_path, settings())
    yield d
    d.ramal.shutdown()


def test_rings_on_incoming_and_stops_on_answer(desk: Desk) -> None:
    desk.ring("c1")
    assert desk.rings() == ["start"]
    desk.ramal.handle_event(CallStateChanged("c1", "answered"))
    assert desk.rings() == ["start", "stop"]


def test_stops_only_when_no_call_rings_cancel_and_decline(desk: Desk) -> None:
    desk.ring("c1")
    desk.ring("c2", "+5511981234567")
    desk.ramal.handle_event(CallEnded("c1", "missed"))          # the caller gave up
    assert desk.rings() == ["start", "start"]                  # c2 still rings
    desk.ramal.popups["c2"].decline_button.click()
    assert ("decline", ("c2",)) in desk.engine.commands
    desk.ramal.handle_event(CallEnded("c2", "rejected"))
    assert desk.rings() == ["start", "start", "stop"]


def test_dnd_reaches_the_ringer_and_the_call_is_declined(desk: Desk) -> None:
    desk.ramal.window.dnd_box.setChecked(True)
    assert desk.ringer.calls[-1] == ("set_dnd", True)
    desk.ring("c1")
    assert ("decline", ("c1",)) in desk.engine.commands
    assert "c1" not in desk.ramal.popups
    desk.ramal.set_dnd(False)
    assert desk.ringer.calls[-1] == ("set_dnd", False)


@pytest.mark.parametrize(("companion_ring", "expected"), [(False, []), (True, ["start"])])
def test_companion_mode_rings_only_if_configured(qtbot: QtBot, tmp_path: Path,
                                                 companion_ring: bool,
                                                 expected: list[str]) -> None:
    d = Desk(qtbot, tmp_path, settings("companion", companion_ring))
    try:
        assert d.audio.headset is None and d.audio.link is None
        assert engine_factory_for(d.audio) is sip_engine_factory     # no audio bridge
        d.ring("c1")
        assert d.rings() == expected
    finally:
        d.ramal.shutdown()


def test_dtmf_is_sent_and_heard_locally(desk: Desk, qtbot: QtBot) -> None:
    desk.ring("c1")
    desk.ramal.handle_event(CallStateChanged("c1", "answered"))
    desk.ramal.dtmf("c1", "1#")
    assert ("send_dtmf", ("c1", "1#")) in desk.engine.commands
    assert desk.headset.calls == [("dtmf", "1")]
    qtbot.waitUntil(lambda: desk.headset.calls == [("dtmf", "1"), ("dtmf", "#")], timeout=2000)


def test_one_mute_the_engines_per_call_mute(desk: Desk, qtbot: QtBot) -> None:
    desk.ring("c1")
    desk.ramal.handle_event(CallStateChanged("c1", "answered"))
    desk.ramal.mute("c1", True)
    assert ("set_mute", ("c1", True)) in desk.engine.commands
    assert desk.link.muted is False          # the shared headset port is never muted
    qtbot.waitUntil(lambda: desk.ramal.calls["c1"].muted)


def test_device_fallback_is_told_to_the_agent(desk: Desk) -> None:
    desk.headset.deviceFallback.emit("output", "Headset USB <Jabra>", "Alto-falantes")
    assert desk.ramal.window.statusBar().currentMessage() == (
        'O fone "Headset USB <Jabra>" não está disponível: o áudio da ligação está em '
        '"Alto-falantes".')
    desk.headset.deviceFallback.emit("input", "Mic USB", "")
    assert desk.ramal.window.statusBar().currentMessage() == (
        'O microfone "Mic USB" não está disponível e não há outro: o cliente não ouve você.')


def test_no_device_at_all_is_named_instead_of_an_empty_device_name(desk: Desk) -> None:
    # with no audio device, the default device Qt hands out is the null one: no description
    desk.headset.deviceFallback.emit("input", "", "")
    assert desk.ramal.window.statusBar().currentMessage() == (
        "Nenhum microfone encontrado: o cliente não ouve você.")
    desk.headset.deviceFallback.emit("output", "", "")
    assert desk.ramal.window.statusBar().currentMessage() == (
        "Nenhum alto-falante encontrado: você não ouve a ligação.")


def test_saving_the_audio_page_writes_audio_and_applies_it(desk: Desk, qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    desk.ramal.open_settings()
    dialog = desk.ramal.settings_dialog
    assert dialog is not None
    page = dialog.audio_page
    assert dialog.tabs.indexOf(page) >= 0
    page.ring_volume.setValue(35)
    page.speaker_volume.setValue(60)
    page.companion_ring.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    written = tomllib.loads((tmp_path / "ramal.toml").read_text(encoding="utf-8"))
    assert written["audio"]["ring_volume"] == 0.35
    assert written["audio"]["speaker_volume"] == 0.6
    assert written["audio"]["companion_ring"] is True
    assert ("configure", "", "", 0.35) in desk.ringer.calls
    assert ("volumes", 0.6, 1.0) in desk.headset.calls
    assert ("devices", "", "") in desk.headset.calls     # reopened now if a call is up


def test_the_real_build_bridges_the_headset_only_in_softphone_mode(qtbot: QtBot) -> None:
    parent = QObject()
    softphone = DeskAudio.build(settings(), parent)
    assert isinstance(softphone.headset, HeadsetAudio)
    assert isinstance(softphone.link, HeadsetLink)
    assert softphone.headset.link is softphone.link
    assert engine_factory_for(softphone) is not sip_engine_factory
    companion = DeskAudio.build(settings("companion"), parent)
    assert companion.headset is None and companion.link is None
