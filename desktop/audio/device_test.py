"""The settings page's "Testar": a short tone on the chosen speaker and a live microphone meter.

Kept apart from the widget so the logic runs (and is tested) against real devices without a
window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.audio import devices
from desktop.audio.streams import PcmInput, PcmOutput, retire
from desktop.pcm import samples as pcm

TEST_RATE = 16000
# a soft two-note chime (A5 then E6), easy to recognise and not shrill
TEST_TONE = (pcm.tone((880.0,), TEST_RATE, 350, 0.35)
             + pcm.tone((1318.5,), TEST_RATE, 450, 0.35))


class SpeakerTestTone(QObject):
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._output: PcmOutput | None = None
        self._remaining = b""

    @property
    def playing(self) -> bool:
        return self._output is not None

    def play(self, device: str, volume: float = 1.0) -> str:
        """Play the test tone on ``device`` (or the default); returns the device used."""
        self.stop()
        target = devices.resolve_device("output", device)
        self._remaining = TEST_TONE + pcm.silence(TEST_RATE // 5)
        out = PcmOutput(target, TEST_RATE, self._pull, volume, buffer_ms=100)
        out.failed.connect(lambda _error: self.stop())
        self._output = out
        out.start()
        return target.description()

    def stop(self) -> None:
        if self._output is None:
            return
        out, self._output = self._output, None
        retire(out)
        self.finished.emit()

    def _pull(self, max_bytes: int) -> bytes:
        if not self._remaining:
            if self._output is not None and self._output.queued_ms() < 1:
                self.stop()
            return b""
        data, self._remaining = self._remaining[:max_bytes], self._remaining[max_bytes:]
        return data


class MicLevelMeter(QObject):
    """Emits the microphone's level (0..1, dBFS-scaled) about every 50 ms while running."""

    levelChanged = Signal(float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._input: PcmInput | None = None
        self._chunk = b""
        self.last_level = 0.0

    @property
    def running(self) -> bool:
        return self._input is not None

    def start(self, device: str, volume: float = 1.0) -> str:
        self.stop()
        target = devices.resolve_device("input", device)
        inp = PcmInput(target, TEST_RATE, self._push, volume)
        inp.failed.connect(lambda _error: self.stop())
        self._input = inp
        inp.start()
        return target.description()

    def stop(self) -> None:
        if self._input is None:
            return
        inp, self._input = self._input, None
        retire(inp)
        self._chunk = b""
        self.last_level = 0.0
        self.levelChanged.emit(0.0)

    def _push(self, data: bytes) -> None:
        self._chunk += data
        window = pcm.frame_bytes(TEST_RATE, 50)
        while len(self._chunk) >= window:
            block, self._chunk = self._chunk[:window], self._chunk[window:]
            self.last_level = pcm.level(block)
            self.levelChanged.emit(self.last_level)
