"""Push-mode Qt Multimedia streams of 16-bit mono PCM at a rate of our choosing.

:class:`PcmOutput` pulls mono PCM at ``rate`` from a callable and feeds a ``QAudioSink``;
:class:`PcmInput` pushes what a ``QAudioSource`` captures, as mono PCM at ``rate``, to a callable.
When the device takes the requested format as it is (PulseAudio takes any rate and converts in
the server), bytes go straight through; when it does not (or ``native_format`` asks for the
device's own format), we convert channels and rate ourselves with :mod:`desktop.pcm.samples`.

Both live on the GUI thread: the output is fed by a 10 ms timer, the input by Qt's readyRead
(with a slower timer as a backstop); their buffers are kept small
because every millisecond queued here is a millisecond of delay in the conversation.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudio, QAudioDevice, QAudioFormat, QAudioSink, QAudioSource

from desktop.pcm import samples as pcm

PUMP_MS = 10
INPUT_BACKSTOP_MS = 50

_retired: list[QObject] = []


def retire(stream: PcmOutput | PcmInput) -> None:
    """Stop a stream and let it go once the current signal (maybe its own) has returned.

    Streams are owned by Python, not by a Qt parent: ``deleteLater`` on a parented Python
    subclass of QObject crashed PySide 6.12 here (double delete at the next event loop turn;
    not re-checked with 6.11: owning them from Python is safe with either).
    """
    stream.stop()
    _retired.append(stream)
    # Kept for a while, not just one loop turn: the sound server's last callbacks for a stopped
    # stream reach Qt asynchronously (a device being unplugged is the busy case), and the audio
    # object must still exist when they are delivered.
    QTimer.singleShot(_RETIRE_AFTER_MS, lambda: _forget(stream))


_RETIRE_AFTER_MS = 2000


def _forget(stream: QObject) -> None:
    with contextlib.suppress(ValueError):
        _retired.remove(stream)


def _format_for(device: QAudioDevice, rate: int, native_format: bool) -> QAudioFormat:
    wanted = QAudioFormat()
    wanted.setSampleRate(rate)
    wanted.setChannelCount(1)
    wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if not native_format and device.isFormatSupported(wanted):
        return wanted
    preferred = device.preferredFormat()
    fmt = QAudioFormat()
    fmt.setSampleRate(preferred.sampleRate() or rate)
    fmt.setChannelCount(max(1, preferred.channelCount()))
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if device.isFormatSupported(fmt):
        return fmt
    return wanted  # let Qt try; a refusal surfaces as the stream's error


def _ms_to_bytes(fmt: QAudioFormat, ms: int) -> int:
    return pcm.frame_bytes(fmt.sampleRate(), ms, fmt.channelCount())


class PcmOutput(QObject):
    """Plays mono PCM at ``rate`` pulled from ``pull(max_bytes) -> bytes`` on ``device``."""

    failed = Signal(str)

    def __init__(self, device: QAudioDevice, rate: int, pull: Callable[[int], bytes],
                 volume: float = 1.0, buffer_ms: int = 60, native_format: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device
        self.rate = rate
        self._pull = pull
        self.format = _format_for(device, rate, native_format)
        self._channels = self.format.channelCount()
        self._resampler = pcm.StreamResampler(rate, self.format.sampleRate())
        self._pending = b""   # converted audio the device had no room for yet
        self._sink = QAudioSink(device, self.format, self)
        self._sink.setBufferSize(_ms_to_bytes(self.format, buffer_ms))
        self._sink.setVolume(volume)
        self._io: QIODevice | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(PUMP_MS)
        self._timer.timeout.connect(self.pump)
        # times the device ran dry after playing (Qt's sink went Active -> Idle): each one is
        # an audible dropout. Counted for the bench and the logs; playback simply goes on.
        self.underruns = 0
        self._played = False
        self._sink.stateChanged.connect(self._on_state)

    @property
    def converting(self) -> bool:
        return self.format.sampleRate() != self.rate or self._channels != 1

    def _on_state(self, state: QAudio.State) -> None:
        if state == QAudio.State.ActiveState:
            self._played = True
        elif state == QAudio.State.IdleState and self._played and self._io is not None:
            self.underruns += 1

    def start(self) -> None:
        self._io = self._sink.start()
        self._timer.start()
        self.pump()

    def stop(self) -> None:
        self._timer.stop()
        self._io = None
        self._sink.stop()
        self._pending = b""

    def set_volume(self, volume: float) -> None:
        self._sink.setVolume(volume)

    def queued_ms(self) -> float:
        """Audio written to the device but not yet played (Qt's buffer only)."""
        queued = max(0, self._sink.bufferSize() - self._sink.bytesFree()) + len(self._pending)
        return queued / (self.format.sampleRate() * 2 * self._channels) * 1000

    def pump(self) -> None:
        if self._io is None or self._check_failed():
            return
        free = self._sink.bytesFree()
        if free <= 0:
            return
        frame = 2 * self._channels
        free -= free % frame
        if len(self._pending) < free:
            # how much mono source audio makes up the rest of the free space
            missing_frames = (free - len(self._pending)) // frame
            want = missing_frames * self.rate // self.format.sampleRate() * 2
            data = self._pull(want) if want > 0 else b""
            if data:
                data = self._resampler.process(data)
                self._pending += pcm.mono_to_channels(data, self._channels)
        if not self._pending:
            return
        chunk = self._pending[:free]
        written = self._io.write(chunk)
        if written and written > 0:
            self._pending = self._pending[written:]

    def _check_failed(self) -> bool:
        # polled from the pump (state first: the error is only worth asking about once the
        # stream stopped); PySide 6.12 could not deliver QAudio.State to a Python slot
        if self._sink.state() != QAudio.State.StoppedState:
            return False
        error = self._sink.error()
        if error not in (QAudio.Error.NoError, QAudio.Error.UnderrunError):
            self._timer.stop()
            self._io = None
            self.failed.emit(error.name)
            return True
        return False


class PcmInput(QObject):
    """Captures ``device`` and hands mono PCM at ``rate`` to ``push(data)``."""

    failed = Signal(str)

    def __init__(self, device: QAudioDevice, rate: int, push: Callable[[bytes], None],
                 volume: float = 1.0, buffer_ms: int = 40, native_format: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device
        self.rate = rate
        self._push = push
        self.format = _format_for(device, rate, native_format)
        self._channels = self.format.channelCount()
        self._resampler = pcm.StreamResampler(self.format.sampleRate(), rate)
        self._source = QAudioSource(device, self.format, self)
        self._source.setBufferSize(_ms_to_bytes(self.format, buffer_ms))
        self._source.setVolume(volume)
        self._io: QIODevice | None = None
        self._odd = b""  # a trailing partial sample frame from the last read
        self._timer = QTimer(self)
        # readyRead delivers the audio; the timer only backs it up (and notices a failed
        # stream), so it need not wake the GUI thread 100 times a second
        self._timer.setInterval(INPUT_BACKSTOP_MS)
        self._timer.timeout.connect(self.pump)

    @property
    def converting(self) -> bool:
        return self.format.sampleRate() != self.rate or self._channels != 1

    def start(self) -> None:
        self._io = self._source.start()
        if self._io is not None:
            self._io.readyRead.connect(self.pump)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._io is not None:
            self._io.readyRead.disconnect(self.pump)
        self._io = None
        self._source.stop()

    def set_volume(self, volume: float) -> None:
        self._source.setVolume(volume)

    def pump(self) -> None:
        if self._io is None or self._check_failed():
            return
        data = self._odd + bytes(self._io.readAll().data())
        if not data:
            return
        frame = 2 * self._channels
        cut = len(data) - len(data) % frame
        data, self._odd = data[:cut], data[cut:]
        if not data:
            return
        mono = pcm.channels_to_mono(data, self._channels)
        self._push(self._resampler.process(mono))

    def _check_failed(self) -> bool:
        if self._source.state() != QAudio.State.StoppedState:
            return False
        error = self._source.error()
        if error != QAudio.Error.NoError:
            self._timer.stop()
            if self._io is not None:
                self._io.readyRead.disconnect(self.pump)
            self._io = None
            self.failed.emit(error.name)
            return True
        return False
