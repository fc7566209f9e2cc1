"""pjsip's own errors and warnings into Ramal's log, and the ones worth explaining explained.

pjsip reads at most ``PJSIP_MAX_PKT_LEN`` (4000 bytes in the wheel) of a datagram: a longer
INVITE (an 8 KB display name, a scanner's junk) is cut, fails to parse and is dropped without any
callback. Its only trace is one pjsip log line; the bridge turns it into a warning that says
what happened and what to do. Other level-1/2 lines are passed on as they are.
"""

from __future__ import annotations

import logging
import re

import pjsua2 as pj

log = logging.getLogger("desktop.sip.pjsip")

# "Dropping 4000 bytes packet from UDP 127.0.0.1:40497 : PJSIP syntax error exception ..."
_DROPPED = re.compile(
    r"Dropping (?P<size>\d+) bytes packet from (?P<transport>\S+) (?P<source>\S+)\s+:\s*"
    r"(?P<why>.*)", re.DOTALL)
# what the wheel's pjsip reads of one message (PJSIP_MAX_PKT_LEN)
PJSIP_MAX_PACKET = 4000


def explain(message: str) -> str | None:
    """Ramal's words for a pjsip line about a dropped packet (None for other lines)."""
    found = _DROPPED.search(message)
    if found is None:
        return None
    size = int(found["size"])
    why = " ".join(found["why"].split())
    if size >= PJSIP_MAX_PACKET:
        return (f"SIP message of {size}+ bytes from {found['source']} ({found['transport']}) "
                f"dropped without an answer: pjsip reads at most {PJSIP_MAX_PACKET} bytes and "
                f"the cut message did not parse ({why}). If it was an INVITE from the PBX "
                "(e.g. a huge caller name), the call never rang: shorten the name in the PBX.")
    return (f"Malformed SIP message of {size} bytes from {found['source']} "
            f"({found['transport']}) dropped without an answer: {why}")


class PjLogBridge(pj.LogWriter):
    LEVEL = 2  # 1 = error, 2 = warning

    @classmethod
    def create(cls) -> PjLogBridge:
        """A writer for ``EpConfig.logConfig.writer``, owned by pjsua2 from then on.

        ``Endpoint.libDestroy`` deletes the writer it was given; ``__disown__`` hands the
        Python object to that C++ owner so neither side frees it twice.
        """
        writer = cls()
        writer.__disown__()
        return writer

    def write(self, entry: pj.LogEntry) -> None:
        # may run on any pjlib thread: only formatting and the (thread-safe) logging module
        try:
            text = str(entry.msg).strip()
            explained = explain(text)
            if explained is not None:
                log.warning("%s", explained)
            elif int(entry.level) <= 1:
                log.error("pjsip: %s", text)
            else:
                log.warning("pjsip: %s", text)
        except Exception:  # never raise into pjlib
            pass
