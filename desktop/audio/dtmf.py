"""Locally audible DTMF: the agent hears the key tone while RFC 2833 carries the digit."""

from __future__ import annotations

from desktop.pcm.samples import tone

# ITU-T Q.23 row/column frequencies (Hz)
_ROWS = (697, 770, 852, 941)
_COLS = (1209, 1336, 1477, 1633)
_KEYS = ("123A", "456B", "789C", "*0#D")

DTMF_FREQS: dict[str, tuple[int, int]] = {
    key: (_ROWS[r], _COLS[c]) for r, row in enumerate(_KEYS) for c, key in enumerate(row)
}


def dtmf_tone(digit: str, rate: int, ms: int = 120, amplitude: float = 0.25) -> bytes:
    """The dual tone for ``digit`` (0-9, *, #, A-D) as 16-bit mono PCM."""
    try:
        freqs = DTMF_FREQS[digit.upper()]
    except KeyError:
        raise ValueError(f"not a DTMF digit: {digit!r}") from None
    return tone(freqs, rate, ms, amplitude)
