"""Which tone does a recording carry? Goertzel powers at a few probe frequencies."""

from __future__ import annotations

from desktop.pcm import samples as pcm

PROBES = (300.0, 440.0, 660.0, 880.0, 1200.0)


def loudest_part(data: bytes, rate: int, seconds: float = 1.0) -> bytes:
    """The ``seconds``-long window with the highest RMS (skips set-up silence)."""
    window = int(rate * seconds) * 2
    if len(data) <= window:
        return data
    step = rate // 10 * 2
    best = max(range(0, len(data) - window + 1, step),
               key=lambda i: pcm.rms(data[i: i + window: 1][:window]))
    return data[best: best + window]


def tone_powers(data: bytes, rate: int) -> dict[float, float]:
    return {f: pcm.goertzel_power(data, rate, f) for f in PROBES}


def assert_tone(data: bytes, rate: int, freq: float, min_power: float = 0.001) -> None:
    """``freq`` is present and at least 20× stronger than every other probe frequency."""
    part = loudest_part(data, rate)
    powers = tone_powers(part, rate)
    target = powers[freq]
    others = {f: p for f, p in powers.items() if f != freq}
    assert target >= min_power, f"no {freq} Hz: powers {powers}, rms {pcm.rms(part):.0f}"
    assert all(target >= 20 * p for p in others.values()), f"{freq} Hz not dominant: {powers}"
