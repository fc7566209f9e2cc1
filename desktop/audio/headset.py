"""The agent's side of call audio: the chosen headset and microphone, opened while a call
needs them, fed from and into :class:`~desktop.pcm.headset_link.HeadsetLink`.

The engine thread flips ``link.active`` when the first call's audio starts and the last one's
stops; that news reaches the GUI thread through a queued signal and opens/closes the devices.
If a device disappears mid-call (a USB headset unplugged), the stream moves to the system
default at once and :attr:`HeadsetAudio.deviceFallback` tells the agent; the call goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QMediaDevices

from desktop.audio import devices
from desktop.audio.dtmf import dtmf_tone
from desktop.audio.streams import PcmInput, PcmOutput, retire
from desktop.pcm import samples as pcm
from desktop.pcm.headset_link import HeadsetLink
from desktop.pcm.ring_buffer import PcmRingBuffer

# never let more than this wait in the far-end → headset ring buffer: the oldest audio is dropped
# instead of the delay growing. Normally the pump moves each frame into Qt's buffer within 10 ms;
# the room beyond one frame absorbs a late pump (a busy GUI thread) without a drop
MAX_PLAYBACK_QUEUE_MS = 60
# ... but a backlog that outlives such a hiccup would stay for the rest of the call (both clocks
# run at the same pace): what stayed in the ring for a whole window (its least level) is dropped,
# once per window at most
BACKLOG_WINDOW_S = 0.5
# Qt's playback buffer. 30 ms covers one 20 ms bridge frame plus the pump's 10 ms period; 20 ms
# underran and forced drops on this machine, 40 ms only added delay (bench/audio_bridge.py)
OUTPUT_BUFFER_MS = 30
# Qt's capture buffer: the microphone's audio arrives in chunks of about this size
INPUT_BUFFER_MS = 20
# how often an open device is checked for presence: Qt's PulseAudio backend (6.11) does not emit
# audioOutputsChanged when a device goes away; other backends may change only their device list
PRESENCE_CHECK_MS = 1000


@dataclass(frozen=True)
class HeadsetLatency:
    """Milliseconds of audio queued by Ramal in each direction (beyond the OS's own buffers)."""

    to_headset_ring_ms: float
    to_headset_device_ms: float
    from_headset_ring_ms: float

    @property
    def to_headset_ms(self) -> float:
        return self.to_headset_ring_ms + self.to_headset_device_ms


class HeadsetAudio(QObject):
    deviceFallback = Signal(str, str, str)  # kind ("output"/"input"), lost device, now using
    runningChanged = Signal(bool)
    _activeRequested = Signal(bool)

    def __init__(self, link: HeadsetLink, speaker: str = "", microphone: str = "",
                 speaker_volume: float = 1.0, microphone_volume: float = 1.0,
                 output_buffer_ms: int = OUTPUT_BUFFER_MS, native_format: bool = False,
                 playback_queue_ms: int = MAX_PLAYBACK_QUEUE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self._speaker_key = speaker
        self._microphone_key = microphone
        self._speaker_volume = speaker_volume
        self._microphone_volume = microphone_volume
        self._output_buffer_ms = output_buffer_ms
        self._native_format = native_format
        self._playback_queue_ms = playback_queue_ms
        self._output_underruns = 0   # of streams already closed
        self._running = False
        self._output: PcmOutput | None = None
        self._input: PcmInput | None = None
        self._overlay = b""  # local tones (DTMF) mixed over the call audio
        self._ring_floor = 1 << 30          # least audio in the ring seen in this window
        self._window_start = time.monotonic()
        self._media_devices = QMediaDevices(self)
        self._media_devices.audioOutputsChanged.connect(self._check_devices)
        self._media_devices.audioInputsChanged.connect(self._check_devices)
        self._presence = QTimer(self)
        self._presence.setInterval(PRESENCE_CHECK_MS)
        self._presence.timeout.connect(self._check_devices)
        # always queued: the engine thread only posts, and even on the GUI thread the devices
        # open after the engine callback has returned
        self._activeRequested.connect(self._set_running, Qt.ConnectionType.QueuedConnection)
        link.add_active_listener(self._activeRequested.emit)

    # --- state -------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def output_device(self) -> QAudioDevice | None:
        return self._output.device if self._output else None

    @property
    def input_device(self) -> QAudioDevice | None:
        return self._input.device if self._input else None

    @property
    def output_underruns(self) -> int:
        """How often the headset ran dry during calls so far (each one a short dropout)."""
        return self._output_underruns + (self._output.underruns if self._output else 0)

    def latency(self) -> HeadsetLatency:
        return HeadsetLatency(
            to_headset_ring_ms=self.link.bytes_to_ms(len(self.link.to_headset)),
            to_headset_device_ms=self._output.queued_ms() if self._output else 0.0,
            from_headset_ring_ms=self.link.bytes_to_ms(len(self.link.from_headset)),
        )

    # --- commands from the app ------------------------------------------------------------------

    def set_devices(self, speaker: str, microphone: str) -> None:
        self._speaker_key, self._microphone_key = speaker, microphone
        if self.running:
            self._close()
            self._open()

    def set_volumes(self, speaker: float, microphone: float) -> None:
        self._speaker_volume, self._microphone_volume = speaker, microphone
        if self._output:
            self._output.set_volume(speaker)
        if self._input:
            self._input.set_volume(microphone)

    def set_muted(self, muted: bool) -> None:
        self.link.muted = muted

    def play_dtmf(self, digit: str) -> None:
        """Let the agent hear the key just sent (the far end gets it as RFC 2833)."""
        self._overlay = pcm.mix(self._overlay, dtmf_tone(digit, self.link.rate))

    def close(self) -> None:
        self._set_running(False)

    # --- devices ---------------------------------------------------------------------------------

    def _set_running(self, active: bool) -> None:
        if active and not self.running:
            self._open()
        elif not active and self.running:
            self._close()

    def _open(self) -> None:
        self._running = True
        self._presence.start()
        self._open_output(self._chosen("output", self._speaker_key))
        self._open_input(self._chosen("input", self._microphone_key))
        self.runningChanged.emit(True)

    def _chosen(self, kind: devices.DeviceKind, key: str) -> QAudioDevice:
        """The configured device, or the default one (and the agent is told) when the
        configured one is not plugged in."""
        device = devices.find_device(kind, key)
        if device is not None:
            return device
        fallback = devices.default_device(kind)
        if key:
            self.deviceFallback.emit(kind, key, fallback.description())
        return fallback

    def _open_output(self, device: QAudioDevice) -> None:
        # what piled up while the device was opening is stale: keeping it would add its length
        # to the delay for the rest of the call (both clocks run at the same pace afterwards)
        self.link.to_headset.clear()
        out = PcmOutput(device, self.link.rate, self._pull_playback, self._speaker_volume,
                        buffer_ms=self._output_buffer_ms, native_format=self._native_format)
        out.failed.connect(lambda _error: self._fall_back("output"))
        self._output = out
        out.start()

    def _open_input(self, device: QAudioDevice) -> None:
        inp = PcmInput(device, self.link.rate, self.link.from_headset.write,
                       self._microphone_volume, buffer_ms=INPUT_BUFFER_MS,
                       native_format=self._native_format)
        inp.failed.connect(lambda _error: self._fall_back("input"))
        self._input = inp
        inp.start()

    def _close(self) -> None:
        if self._output is not None:
            self._output_underruns += self._output.underruns
        for stream in (self._output, self._input):
            if stream is not None:
                retire(stream)
        self._output = self._input = None
        self._overlay = b""
        self._running = False
        self._presence.stop()
        self.runningChanged.emit(False)

    def _check_devices(self) -> None:
        if self._output and not devices.is_present("output", self._output.device):
            self._fall_back("output")
        if self._input and not devices.is_present("input", self._input.device):
            self._fall_back("input")

    def _fall_back(self, kind: devices.DeviceKind) -> None:
        stream = self._output if kind == "output" else self._input
        if stream is None:
            return
        lost = stream.device
        if isinstance(stream, PcmOutput):
            self._output_underruns += stream.underruns
        retire(stream)
        if kind == "output":
            self._output = None
        else:
            self._input = None
        replacement = devices.default_device(kind)
        # reopening the very device that just failed could fail again in a loop
        usable = (not replacement.isNull()
                  and devices.device_id(replacement) != devices.device_id(lost))
        if usable:
            # the call goes on either way; without a usable device this side stays silent
            if kind == "output":
                self._open_output(replacement)
            else:
                self._open_input(replacement)
        self.deviceFallback.emit(kind, lost.description(),
                                 replacement.description() if usable else "")

    def _drop_backlog(self, ring: PcmRingBuffer) -> None:
        queued = len(ring)
        self._ring_floor = min(self._ring_floor, queued)
        now = time.monotonic()
        if now - self._window_start < BACKLOG_WINDOW_S:
            return
        # normally the pump empties the ring into Qt's buffer before the next frame comes, so
        # the floor is 0; what never left the ring in a whole window is pure delay
        if self._ring_floor > 0:
            ring.trim(queued - self._ring_floor)
        self._ring_floor, self._window_start = 1 << 30, now

    def _pull_playback(self, max_bytes: int) -> bytes:
        ring = self.link.to_headset
        ring.trim(pcm.frame_bytes(self.link.rate, self._playback_queue_ms))
        self._drop_backlog(ring)
        data = ring.read_available(max_bytes)
        if self._overlay:
            # a tone plays even when the far end sends nothing (e.g. on hold)
            n = max(len(data), min(max_bytes, len(self._overlay)))
            head, self._overlay = self._overlay[:n], self._overlay[n:]
            data = pcm.mix(data, head)
        return data
