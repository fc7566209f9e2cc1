"""A bounded, thread-safe byte FIFO between pjmedia's clock thread and Qt's audio devices.

Two clocks meet here (pjsua2's null-device clock and the sound card's), so the buffer must never
grow without bound: a write past ``max_bytes`` drops the oldest audio (late audio is worse than
lost audio in a phone call), and a read of a whole frame that is not there returns silence
instead of blocking the pjmedia thread. Counters say how often each happened.
"""

from __future__ import annotations

import threading


class PcmRingBuffer:
    def __init__(self, max_bytes: int, align: int = 2) -> None:
        if max_bytes <= 0 or max_bytes % align:
            raise ValueError("max_bytes must be a positive multiple of align")
        self.max_bytes = max_bytes
        self.align = align
        self._data = bytearray()
        self._lock = threading.Lock()
        self.overflows = 0        # writes that pushed old audio out
        self.underruns = 0        # frame reads answered with silence
        self.dropped_bytes = 0
        self.written_bytes = 0

    def write(self, data: bytes) -> None:
        with self._lock:
            self._data += data
            self.written_bytes += len(data)
            excess = len(self._data) - self.max_bytes
            if excess > 0:
                excess += -excess % self.align
                del self._data[:excess]
                self.overflows += 1
                self.dropped_bytes += excess

    def read_frame(self, n: int) -> bytes:
        """Exactly ``n`` bytes: the oldest queued audio, or silence if a whole frame is not
        there yet (a partial frame stays queued, so the stream is not chopped)."""
        with self._lock:
            if len(self._data) < n:
                self.underruns += 1
                return bytes(n)
            out = bytes(self._data[:n])
            del self._data[:n]
            return out

    def read_available(self, max_n: int) -> bytes:
        """Up to ``max_n`` bytes (whole samples) of what is queued; may be empty."""
        with self._lock:
            n = min(max_n, len(self._data))
            n -= n % self.align
            out = bytes(self._data[:n])
            del self._data[:n]
            return out

    def trim(self, keep_bytes: int) -> int:
        """Drop the oldest audio so at most ``keep_bytes`` stay queued; returns bytes dropped.
        The consumer calls this when the producer's clock ran ahead of its own."""
        with self._lock:
            excess = len(self._data) - keep_bytes
            if excess <= 0:
                return 0
            excess += -excess % self.align
            del self._data[:excess]
            self.dropped_bytes += excess
            return excess

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)
