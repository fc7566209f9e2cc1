"""The desk's sounds in one place: the ringtone (both modes) and the call headset (softphone mode).

:class:`DeskAudio` is what ``desktop/app/ramal_app.py`` holds: it feeds engine events to
:class:`~desktop.audio.ring_control.RingControl`, mirrors do-not-disturb onto the ringer, plays the
local DTMF tones, applies the ``[audio]`` settings the agent saves, and hands the
:class:`~desktop.pcm.headset_link.HeadsetLink` to the engine factory (the SIP side builds its
``AudioBridge`` on it). In companion mode there is no headset at all: the desk phone carries the
call's audio, and Ramal only rings if ``audio.companion_ring`` says so.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer

from desktop.audio.ring_control import RingControl, RingerLike
from desktop.pcm.headset_link import HeadsetLink
from desktop.settings.model import Settings
from desktop.sip.events import SipEvent

# the Q.23 tone lasts 120 ms: keys of a multi-digit string are played one after the other
DTMF_SPACING_MS = 160


class DeskRinger(RingerLike, Protocol):
    """What the desk needs of :class:`~desktop.audio.ringtone.Ringer` (a test can record it)."""

    def set_dnd(self, dnd: bool) -> None: ...

    def configure(self, device: str, ringtone: str, volume: float) -> None: ...


class DeskHeadset(Protocol):
    """What the desk needs of :class:`~desktop.audio.headset.HeadsetAudio`."""

    deviceFallback: Any     # Qt signal (kind, lost device, now using)

    def play_dtmf(self, digit: str) -> None: ...

    def set_devices(self, speaker: str, microphone: str) -> None: ...

    def set_volumes(self, speaker: float, microphone: float) -> None: ...

    def close(self) -> None: ...


class DeskAudio:
    def __init__(self, settings: Settings, ringer: DeskRinger,
                 headset: DeskHeadset | None = None, link: HeadsetLink | None = None) -> None:
        self.ringer = ringer
        self.ring_control = RingControl(ringer, settings.sip.mode, settings.audio.companion_ring)
        self.headset = headset      # softphone mode only
        self.link = link            # what the engine's AudioBridge reads and writes

    @classmethod
    def build(cls, settings: Settings, parent: QObject | None = None) -> DeskAudio:
        """The real devices: the ringer always, the headset only in softphone mode. Nothing is
        opened here: the headset opens when a call's audio starts, the ringer when it rings."""
        from desktop.audio.ringtone import Ringer

        audio = settings.audio
        ringer = Ringer(audio.ringer, audio.ringtone, audio.ring_volume, parent=parent)
        if settings.sip.mode != "softphone":
            return cls(settings, ringer)
        from desktop.audio.headset import HeadsetAudio

        link = HeadsetLink()
        headset = HeadsetAudio(link, speaker=audio.speaker, microphone=audio.microphone,
                               speaker_volume=audio.speaker_volume,
                               microphone_volume=audio.microphone_volume, parent=parent)
        return cls(settings, ringer, headset, link)

    def on_event(self, event: SipEvent) -> None:
        """Every engine event, on the GUI thread: rings on an incoming call, stops on answer,
        cancel or decline."""
        self.ring_control.on_event(event)

    def set_dnd(self, on: bool) -> None:
        self.ringer.set_dnd(on)   # silences a ringing call at once, and the next ones

    def play_dtmf(self, digits: str) -> None:
        """Let the agent hear the keys sent into the call (the far end gets RFC 2833)."""
        headset = self.headset
        if headset is None:
            return
        for n, digit in enumerate(digits):
            if n == 0:
                headset.play_dtmf(digit)
            else:
                QTimer.singleShot(n * DTMF_SPACING_MS, lambda d=digit: headset.play_dtmf(d))

    def apply(self, settings: Settings) -> None:
        """Saved ``[audio]`` settings: the ringer and volumes at once; a new headset or
        microphone reopens the devices if a call is up, else is used from the next call. A mode
        change (softphone ↔ companion) needs a restart: the engine is built with its bridge."""
        audio = settings.audio
        self.ringer.configure(audio.ringer, audio.ringtone, audio.ring_volume)
        self.ring_control.configure(settings.sip.mode, audio.companion_ring)
        if self.headset is not None:
            self.headset.set_devices(audio.speaker, audio.microphone)
            self.headset.set_volumes(audio.speaker_volume, audio.microphone_volume)

    def close(self) -> None:
        self.ringer.stop()
        if self.headset is not None:
            self.headset.close()
