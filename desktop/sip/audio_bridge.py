"""Call audio without a sound backend: pjsua2's conference bridge ⇄ :class:`HeadsetLink`.

The ``pjsua2-python`` wheel has no sound device (see docs/audio.md). The null device clocks the
conference bridge, and one custom port (:class:`_HeadsetPort`, an ``AudioMediaPort``) stands where
the sound card would: every active call transmits to it and receives from it, so the bridge mixes
several calls (a conference, or the beep of a second call) exactly as it would for a real device.

pjmedia calls the port every 20 ms on its clock thread. Those callbacks only copy bytes in and
out of the link's ring buffers: no logging, no Qt, no other pjsua2 call, no allocation beyond the
frame itself. Everything else (:class:`AudioBridge`) runs on the engine's pjsua2 thread, which
is also where the port must be disconnected and destroyed before the call object goes away:
the port lives from the first attached call to the last detach. (pjmedia 2.14+ applies conference
connect/disconnect/remove asynchronously, so these calls never wait on a frame callback that is
waiting for the GIL; a stress run of 3,000 connect/destroy cycles against busy callbacks showed
no deadlock.)
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Callable
from typing import Any

import pjsua2 as pj

from desktop.pcm.headset_link import HeadsetLink


def _slow_vector_bytes(vector: Any) -> bytes:
    return bytes(vector)


def _fast_vector_bytes(vector: Any) -> bytes:
    """Read a SWIG ``std::vector<unsigned char>`` straight from its (begin, end) pointers.

    SWIG's Python iterator costs ~0.3 ms per 640-byte frame; this costs ~3 µs. The layout is
    checked against the slow path once at import (:func:`_pick_vector_reader`)."""
    begin, end = ctypes.cast(int(vector.this), _TWO_POINTERS).contents
    if not begin or not end:
        return b""
    return ctypes.string_at(begin, end - begin)


_TWO_POINTERS = ctypes.POINTER(ctypes.c_void_p * 2)


def _pick_vector_reader() -> Callable[[Any], bytes]:
    probe = bytes(range(256)) * 3
    try:
        if (_fast_vector_bytes(pj.ByteVector(probe)) == probe
                and _fast_vector_bytes(pj.ByteVector(b"\x01\x02")) == b"\x01\x02"):
            return _fast_vector_bytes
    except Exception:  # an unexpected binding layout: stay correct, just slower
        pass
    return _slow_vector_bytes


vector_bytes = _pick_vector_reader()


class _HeadsetPort(pj.AudioMediaPort):
    """The agent's headset as seen by the conference bridge."""

    def __init__(self, link: HeadsetLink) -> None:
        super().__init__()
        self._link = link
        self._write = link.to_headset.write
        self._read = link.from_headset.read_frame
        self._frame_bytes = link.frame_bytes
        self._silence = pj.ByteVector(bytes(link.frame_bytes))
        self._audio = pj.PJMEDIA_FRAME_TYPE_AUDIO

    def onFrameReceived(self, frame: Any) -> None:
        # what the calls say, mixed by the bridge, on its way to the headset
        if frame.type == self._audio and frame.size:
            self._write(vector_bytes(frame.buf))

    def onFrameRequested(self, frame: Any) -> None:
        # what the agent says, on its way into the calls
        frame.type = self._audio
        if self._link.muted:
            self._read(self._frame_bytes)  # keep draining so unmuting does not replay old audio
            frame.buf = self._silence
        else:
            frame.buf = pj.ByteVector(self._read(self._frame_bytes))
        frame.size = self._frame_bytes


class AudioBridge:
    """The engine's ``CallMediaHandler`` for softphone mode: connects calls to the headset.

    Every method runs on the engine's pjsua2 thread (``attach``/``detach`` are called by the
    engine; ``close`` by the engine's shutdown before ``libDestroy``).
    """

    def __init__(self, link: HeadsetLink) -> None:
        self.link = link
        self._port: _HeadsetPort | None = None
        self._media: dict[str, Any] = {}   # call id -> its pj.AudioMedia, kept referenced

    @property
    def attached_calls(self) -> tuple[str, ...]:
        return tuple(self._media)

    def _ensure_port(self) -> _HeadsetPort:
        if self._port is None:
            fmt = pj.MediaFormatAudio()
            fmt.type = pj.PJMEDIA_TYPE_AUDIO
            fmt.clockRate = self.link.rate
            fmt.channelCount = 1
            fmt.bitsPerSample = 16
            fmt.frameTimeUsec = self.link.frame_ms * 1000
            port = _HeadsetPort(self.link)
            port.createPort("ramal-headset", fmt)
            self._port = port
        return self._port

    def attach(self, call_id: str, media: object) -> None:
        if call_id in self._media:
            self.detach(call_id)  # re-INVITE may hand us a new media object for the same call
        port = self._ensure_port()
        audio: Any = media
        audio.startTransmit(port)
        port.startTransmit(audio)
        self._media[call_id] = audio
        self.link.set_active(True)

    def detach(self, call_id: str) -> None:
        audio = self._media.pop(call_id, None)
        if audio is None or self._port is None:
            return
        for source, sink in ((audio, self._port), (self._port, audio)):
            # the call's media may already be gone (pjsua2 raises its Error then)
            with contextlib.suppress(Exception):
                source.stopTransmit(sink)
        if not self._media:
            # destroy the port with the last call: the engine's teardown detaches every call
            # before libDestroy, so no port can outlive the library (its destructor asserts)
            self._port = None
            self.link.set_active(False)

    def close(self) -> None:
        """Disconnect everything and destroy the port; call before ``libDestroy``."""
        for call_id in list(self._media):
            self.detach(call_id)
        # dropping the last reference runs AudioMediaPort's destructor, which removes the port
        # from the bridge: it must happen here, on the engine thread, while the library lives
        self._port = None
        self.link.set_active(False)
