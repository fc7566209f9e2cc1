"""Ask PulseAudio (and PipeWire's Pulse server) for a short stream buffer.

Left alone, PulseAudio gives the 16 kHz mono headset stream Ramal opens a buffer of about 50 ms,
on top of what the call bridge queues; a phone call wants the whole path under 60 ms. libpulse
reads ``PULSE_LATENCY_MSEC`` when a stream is created, so it must be set before the first audio
device opens. A value the user or the distribution already set is kept.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping

# a 30 ms device buffer held without underruns on a loaded 2-core VM; 20 ms did not always
PULSE_LATENCY_MS = 30


def prefer_low_latency_pulse(env: MutableMapping[str, str], platform: str = sys.platform) -> bool:
    """Set ``PULSE_LATENCY_MSEC`` in ``env`` on Linux unless present; True if it was set."""
    if not platform.startswith("linux") or "PULSE_LATENCY_MSEC" in env:
        return False
    env["PULSE_LATENCY_MSEC"] = str(PULSE_LATENCY_MS)
    return True
