"""When the ringtone plays: from the engine's events to :class:`Ringer` start/stop.

Plain Python (the ringer is anything with ``start()``/``stop()``), so the rule is tested without
devices: ring while at least one incoming call is ringing here; stop as soon as none is (answered
here or elsewhere, cancelled by the caller, declined by the agent). In companion mode the desk
phone rings already, so Ramal rings only when ``audio.companion_ring`` says so. DND is the
ringer's own switch.
"""

from __future__ import annotations

from typing import Protocol

from desktop.settings.model import Mode
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall, SipEvent


class RingerLike(Protocol):
    def start(self) -> bool: ...

    def stop(self) -> None: ...


class RingControl:
    def __init__(self, ringer: RingerLike, mode: Mode = "softphone",
                 companion_ring: bool = False) -> None:
        self._ringer = ringer
        self._mode = mode
        self._companion_ring = companion_ring
        self._ringing: set[str] = set()

    @property
    def ringing_calls(self) -> frozenset[str]:
        return frozenset(self._ringing)

    def configure(self, mode: Mode, companion_ring: bool) -> None:
        self._mode, self._companion_ring = mode, companion_ring

    def _should_ring(self) -> bool:
        return self._mode == "softphone" or self._companion_ring

    def on_event(self, event: SipEvent) -> None:
        """Feed every engine event here, on the GUI thread."""
        if isinstance(event, IncomingCall):
            self._ringing.add(event.call_id)
            if self._should_ring():
                self._ringer.start()
        elif isinstance(event, CallStateChanged):
            if event.state != "ringing":
                self._done(event.call_id)
        elif isinstance(event, CallEnded):
            self._done(event.call_id)

    def _done(self, call_id: str) -> None:
        if call_id in self._ringing:
            self._ringing.discard(call_id)
            if not self._ringing:
                self._ringer.stop()
