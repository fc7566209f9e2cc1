"""Generate resources/ringtone.wav: a soft two-note chime, twice, then a pause (≈4 s loop).

Run: .venv/bin/python packaging/make_ringtone.py [OUT.wav]
Replace the file with any 16-bit PCM WAV to change the default ring (or set audio.ringtone).
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from pathlib import Path

RATE = 16000


def chime(freq: float, seconds: float, amplitude: float = 0.45) -> list[float]:
    """A bell-like note: fundamental plus a quieter octave, fast attack, exponential decay."""
    n = int(RATE * seconds)
    attack = int(RATE * 0.008)
    out = []
    for i in range(n):
        t = i / RATE
        envelope = min(1.0, i / attack) * math.exp(-4.0 * t / seconds)
        wave_ = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
        out.append(amplitude * envelope * wave_ / 1.3)
    return out


def ring() -> list[float]:
    pattern: list[float] = []
    for _ in range(2):
        pattern += chime(1318.5, 0.35)   # E6
        pattern += chime(1046.5, 0.55)   # C6
        pattern += [0.0] * int(RATE * 0.15)
    pattern += [0.0] * int(RATE * 1.9)
    return pattern


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else (
        Path(__file__).resolve().parents[1] / "resources" / "ringtone.wav")
    samples = array("h", (int(max(-1.0, min(1.0, s)) * 32767) for s in ring()))
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    print(f"{out}: {len(samples) / RATE:.2f} s, {RATE} Hz, 16-bit mono")
    return 0


if __name__ == "__main__":
    sys.exit(main())
