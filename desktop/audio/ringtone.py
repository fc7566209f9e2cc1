"""The ringtone: a WAV played in a loop on the ringing device while a call rings.

The ringing device is its own setting (the PC speakers while the headset sits on the desk, as
MicroSIP and Blink allow). Do-not-disturb silences it; answer, cancel and decline stop it (the
app calls :meth:`Ringer.stop` on those events). A ringtone file that cannot be read falls back to
the bundled one rather than leaving the phone silent.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.audio import devices
from desktop.audio.streams import PcmOutput, retire
from desktop.pcm import samples as pcm

log = logging.getLogger(__name__)

BUNDLED_RINGTONE = Path(__file__).resolve().parents[2] / "resources" / "ringtone.wav"


class RingtoneError(Exception):
    pass


@dataclass(frozen=True)
class Ringtone:
    pcm: bytes   # 16-bit mono
    rate: int

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / (2 * self.rate)


def load_ringtone(path: Path) -> Ringtone:
    """Read a 16-bit PCM WAV (mono or stereo) as mono."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getcomptype() != "NONE":
                raise RingtoneError(f"{path}: only 16-bit PCM WAV files are supported")
            channels, rate = wav.getnchannels(), wav.getframerate()
            data = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise RingtoneError(f"{path}: {exc}") from exc
    mono = pcm.channels_to_mono(data, channels)
    if not mono:
        raise RingtoneError(f"{path}: no audio")
    return Ringtone(mono, rate)


class Ringer(QObject):
    ringingChanged = Signal(bool)

    def __init__(self, device: str = "", ringtone: str = "", volume: float = 0.8,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._device_key = device
        self._volume = volume
        self._dnd = False
        self._tone = self._load(ringtone)
        self._pos = 0
        self._output: PcmOutput | None = None

    @staticmethod
    def _load(path: str) -> Ringtone:
        if path:
            try:
                return load_ringtone(Path(path))
            except RingtoneError as exc:
                log.warning("ringtone %s unusable, using the bundled one: %s", path, exc)
        return load_ringtone(BUNDLED_RINGTONE)

    @property
    def ringing(self) -> bool:
        return self._output is not None

    @property
    def dnd(self) -> bool:
        return self._dnd

    @property
    def device(self) -> str:
        """Description of the device ringing now ("" when silent)."""
        return self._output.device.description() if self._output else ""

    def configure(self, device: str, ringtone: str, volume: float) -> None:
        self._device_key, self._volume = device, volume
        self._tone = self._load(ringtone)
        if self._output:
            self._output.set_volume(volume)

    def set_dnd(self, dnd: bool) -> None:
        self._dnd = dnd
        if dnd:
            self.stop()

    def start(self) -> bool:
        """Ring (unless in DND or already ringing); True if the ringtone is playing."""
        if self._dnd:
            return False
        if self._output is not None:
            return True
        device = devices.resolve_device("output", self._device_key)
        if device.isNull():
            log.warning("no output device to ring on")
            return False
        self._pos = 0
        out = PcmOutput(device, self._tone.rate, self._pull, self._volume, buffer_ms=100)
        out.failed.connect(lambda _error: self.stop())
        self._output = out
        out.start()
        self.ringingChanged.emit(True)
        return True

    def stop(self) -> None:
        if self._output is None:
            return
        out, self._output = self._output, None
        retire(out)
        self.ringingChanged.emit(False)

    def _pull(self, max_bytes: int) -> bytes:
        data = self._tone.pcm
        out = b""
        while len(out) < max_bytes:
            chunk = data[self._pos: self._pos + max_bytes - len(out)]
            out += chunk
            self._pos = (self._pos + len(chunk)) % len(data)
        return out
