"""16-bit signed little-endian PCM helpers: tones, levels, volume, channels, resampling.

The per-frame work of a call (channels, rate, mixing) uses the standard library's C module
``audioop`` where it exists (CPython 3.11 and 3.12, which is what Ramal supports): a 20 ms frame
costs microseconds there against about a millisecond in Python loops, which at 50 frames a
second each way was most of a call's CPU when the device refuses 16 kHz mono. ``audioop`` is
deprecated and gone in 3.13, so everything also has a plain-Python path on ``array('h')``
(no numpy in the bundle), used when the import fails.
"""

from __future__ import annotations

import math
import sys
import warnings
from array import array
from types import ModuleType

_audioop: ModuleType | None
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import audioop as _audioop
    except ImportError:  # Python 3.13+: the plain-Python paths below take over
        _audioop = None

SAMPLE_BYTES = 2
_MAX = 32767
_MIN = -32768


def to_samples(data: bytes) -> array[int]:
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % SAMPLE_BYTES])
    if sys.byteorder == "big":  # pragma: no cover - every supported desktop is little-endian
        samples.byteswap()
    return samples


def to_bytes(samples: array[int]) -> bytes:
    if sys.byteorder == "big":  # pragma: no cover
        samples = array("h", samples)
        samples.byteswap()
    return samples.tobytes()


def silence(n_samples: int) -> bytes:
    return bytes(n_samples * SAMPLE_BYTES)


def frame_bytes(rate: int, ms: int, channels: int = 1) -> int:
    """Bytes in ``ms`` milliseconds of 16-bit audio."""
    return rate * ms // 1000 * SAMPLE_BYTES * channels


def tone(freqs: tuple[float, ...], rate: int, ms: float, amplitude: float = 0.3,
         fade_ms: float = 5.0) -> bytes:
    """A sum of sines (one or two frequencies), with short fades so it starts and ends clean."""
    n = int(rate * ms / 1000)
    fade = max(1, int(rate * fade_ms / 1000))
    peak = amplitude * _MAX / max(1, len(freqs))
    steps = [2 * math.pi * f / rate for f in freqs]
    out = array("h", bytes(n * SAMPLE_BYTES))
    for i in range(n):
        envelope = min(1.0, i / fade, (n - 1 - i) / fade)
        out[i] = int(peak * envelope * sum(math.sin(step * i) for step in steps))
    return to_bytes(out)


def rms(data: bytes) -> float:
    """Root mean square of the samples, 0..32768."""
    samples = to_samples(data)
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def level(data: bytes) -> float:
    """A 0..1 level for a meter: dBFS mapped linearly from -60 dB (0) to 0 dB (1)."""
    value = rms(data)
    if value < 1.0:
        return 0.0
    db = 20 * math.log10(value / 32768)
    return min(1.0, max(0.0, (db + 60) / 60))


def scale(data: bytes, gain: float) -> bytes:
    """Apply a volume (0..1, or more for a boost), saturating instead of wrapping."""
    if gain == 1.0:
        return data
    if gain <= 0.0:
        return bytes(len(data))
    samples = to_samples(data)
    out = array("h", (max(_MIN, min(_MAX, int(s * gain))) for s in samples))
    return to_bytes(out)


def mix(a: bytes, b: bytes) -> bytes:
    """Sum two streams sample by sample (the shorter one is padded with silence)."""
    if _audioop is not None and sys.byteorder == "little":
        a, b = a[: len(a) - len(a) % 2], b[: len(b) - len(b) % 2]
        if len(a) < len(b):
            a, b = b, a
        head = _audioop.add(a[: len(b)], b, SAMPLE_BYTES)   # saturates, like the loop below
        return head + a[len(b):]
    sa, sb = to_samples(a), to_samples(b)
    if len(sa) < len(sb):
        sa, sb = sb, sa
    out = array("h", sa)
    for i, s in enumerate(sb):
        out[i] = max(_MIN, min(_MAX, out[i] + s))
    return to_bytes(out)


def mono_to_channels(data: bytes, channels: int) -> bytes:
    if channels == 1:
        return data
    if channels == 2 and _audioop is not None:
        return _audioop.tostereo(data[: len(data) - len(data) % 2], SAMPLE_BYTES, 1.0, 1.0)
    samples = to_samples(data)
    out = array("h", bytes(len(samples) * channels * SAMPLE_BYTES))
    for c in range(channels):
        out[c::channels] = samples
    return to_bytes(out)


def channels_to_mono(data: bytes, channels: int) -> bytes:
    """Average the channels (a stereo headset mic often has one silent side)."""
    if channels == 1:
        return data
    if channels == 2 and _audioop is not None:
        # tomono rounds (a + b) / 2 toward zero where the loop below floors it: one LSB apart on
        # odd negative sums, far below anything audible
        whole = data[: len(data) - len(data) % (2 * SAMPLE_BYTES)]
        return _audioop.tomono(whole, SAMPLE_BYTES, 0.5, 0.5)
    samples = to_samples(data)
    frames = len(samples) // channels
    if channels == 2:
        left, right = samples[0: frames * 2: 2], samples[1: frames * 2: 2]
        return to_bytes(array("h", ((a + b) >> 1 for a, b in zip(left, right, strict=True))))
    out = array("h", bytes(frames * SAMPLE_BYTES))
    for i in range(frames):
        out[i] = sum(samples[i * channels: (i + 1) * channels]) // channels
    return to_bytes(out)


class StreamResampler:
    """Streaming sample-rate conversion of mono 16-bit PCM, chunk by chunk without clicks.

    Linear interpolation when going up, a box filter when going down by an integer ratio (good
    enough for narrow-band telephone speech, whose energy is far below the new Nyquist), linear
    interpolation otherwise. State carries across chunks, so 20 ms frames join seamlessly.
    With ``audioop`` the interpolation is its ``ratecv`` and the box filter sums columns in C.
    """

    def __init__(self, src_rate: int, dst_rate: int) -> None:
        if src_rate <= 0 or dst_rate <= 0:
            raise ValueError("sample rates must be positive")
        self.src_rate = src_rate
        self.dst_rate = dst_rate
        self._last = 0          # previous chunk's last sample (for interpolation across chunks)
        self._pos = 0.0         # position of the next output sample, in input samples, from _last
        self._pending = array("h")  # input left over when downsampling by an integer ratio
        self._up = dst_rate // src_rate if dst_rate % src_rate == 0 else 0
        self._down = src_rate // dst_rate if src_rate % dst_rate == 0 else 0
        self._ratecv_state: object = None

    def process(self, data: bytes) -> bytes:
        if self.src_rate == self.dst_rate:
            return data
        if _audioop is not None and sys.byteorder == "little":
            return self._process_c(data[: len(data) - len(data) % SAMPLE_BYTES], _audioop)
        samples = to_samples(data)
        if not samples:
            return b""
        if self._down:
            return to_bytes(self._decimate(samples))
        if self._up:
            return to_bytes(self._upsample(samples))
        return to_bytes(self._linear(samples))

    def _process_c(self, data: bytes, audioop: ModuleType) -> bytes:
        if not data:
            return b""
        if not self._down:
            out, self._ratecv_state = audioop.ratecv(data, SAMPLE_BYTES, 1, self.src_rate,
                                                     self.dst_rate, self._ratecv_state)
            return bytes(out)
        # box filter: the mean of each group of k input samples, as k strided columns summed
        k = self._down
        buf = self._pending + to_samples(data)
        usable = len(buf) - len(buf) % k
        self._pending = buf[usable:]
        out = b""
        for i in range(k):
            column = audioop.mul(buf[i:usable:k].tobytes(), SAMPLE_BYTES, 1 / k)
            out = audioop.add(out, column, SAMPLE_BYTES) if out else column
        return bytes(out)

    def _decimate(self, samples: array[int]) -> array[int]:
        k = self._down
        buf = self._pending + samples
        usable = len(buf) - len(buf) % k
        self._pending = buf[usable:]
        if k == 1:
            return buf[:usable]
        columns = [buf[i:usable:k] for i in range(k)]
        return array("h", (sum(group) // k for group in zip(*columns, strict=True)))

    def _upsample(self, samples: array[int]) -> array[int]:
        k = self._up
        prev = [self._last, *samples[:-1]]
        out = array("h", bytes(len(samples) * k * SAMPLE_BYTES))
        # sample j of each group sits j/k of the way from the previous input sample to this one
        for j in range(k):
            w = (j + 1) / k
            out[j::k] = array("h", (int(p + (s - p) * w) for p, s in zip(prev, samples,
                                                                            strict=True)))
        self._last = samples[-1]
        return out

    def _linear(self, samples: array[int]) -> array[int]:
        step = self.src_rate / self.dst_rate
        pos = self._pos
        last = self._last
        n = len(samples)
        out = array("h")
        append = out.append
        # x(t) for t in [0, n]: t=0 is the previous chunk's last sample, t=i+1 is samples[i]
        while pos < n:
            i = int(pos)
            frac = pos - i
            a = last if i == 0 else samples[i - 1]
            b = samples[i]
            append(int(a + (b - a) * frac))
            pos += step
        self._pos = pos - n
        self._last = samples[-1]
        return out


def goertzel_power(data: bytes, rate: int, freq: float) -> float:
    """Normalised power of one frequency in the samples (a one-bin DFT), 0..~1 for a full-scale
    sine. Cheap enough to check which tone a recording carries without numpy."""
    samples = to_samples(data)
    n = len(samples)
    if n == 0:
        return 0.0
    coeff = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s0 = x / 32768 + coeff * s1 - s2
        s2, s1 = s1, s0
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return 4 * power / (n * n)
