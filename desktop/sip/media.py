"""The seam between call control and audio: who plugs a call's audio into the headset.

The engine calls :meth:`CallMediaHandler.attach` (on the engine thread) when a call's audio
becomes active, with that call's ``pjsua2.AudioMedia``, and :meth:`CallMediaHandler.detach`
when it stops (hold, hang-up) and always before the call object is dropped. The audio bridge
(``desktop/sip/audio_bridge.py``) implements it with Qt Multimedia; the default connects nothing,
which is what the agent in companion mode and the tests want.
"""

from __future__ import annotations

from typing import Protocol


class CallMediaHandler(Protocol):
    def attach(self, call_id: str, media: object) -> None: ...

    def detach(self, call_id: str) -> None: ...


class NullMediaHandler:
    """Connects nothing: the call's RTP flows, nobody hears it."""

    def attach(self, call_id: str, media: object) -> None:
        pass

    def detach(self, call_id: str) -> None:
        pass
