"""The meeting point of a call's audio and the agent's headset, in plain Python.

``desktop.sip.audio_bridge`` (pjsua2's conference bridge, pjmedia's clock thread) writes what the
far end says into :attr:`HeadsetLink.to_headset` and reads what the agent says from
:attr:`HeadsetLink.from_headset`; ``desktop.audio.headset`` (Qt Multimedia, GUI thread) does the
opposite on the chosen devices. Both sides see 16-bit mono PCM at :attr:`rate` in frames of
:attr:`frame_ms`. Neither side imports the other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.pcm.ring_buffer import PcmRingBuffer
from desktop.pcm.samples import frame_bytes

ActiveListener = Callable[[bool], None]


class HeadsetLink:
    """Two bounded buffers, a mute switch, and an "a call needs the headset" flag."""

    def __init__(self, rate: int = 16000, frame_ms: int = 20, max_ms: int = 200) -> None:
        self.rate = rate
        self.frame_ms = frame_ms
        self.frame_bytes = frame_bytes(rate, frame_ms)
        max_bytes = frame_bytes(rate, max_ms)
        self.to_headset = PcmRingBuffer(max_bytes)
        self.from_headset = PcmRingBuffer(max_bytes)
        # read by the pjmedia thread on every frame: a plain bool, replaced atomically
        self.muted = False
        self._active = False
        self._listeners: list[ActiveListener] = []
        self._lock = threading.Lock()

    def bytes_to_ms(self, n: int) -> float:
        return n / (self.rate * 2) * 1000

    @property
    def active(self) -> bool:
        return self._active

    def add_active_listener(self, listener: ActiveListener) -> None:
        """``listener(active)`` runs on whichever thread changes the state (the engine's): it
        should only hand the news over to its own thread (e.g. emit a queued Qt signal)."""
        with self._lock:
            self._listeners.append(listener)

    def set_active(self, active: bool) -> None:
        with self._lock:
            if active == self._active:
                return
            self._active = active
            listeners = list(self._listeners)
        if not active:
            self.to_headset.clear()
            self.from_headset.clear()
        for listener in listeners:
            listener(active)
