"""How a call ended, in the words the call history uses (pure; no pjsua2)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.sip.events import CallOutcome

_CAUSE_200 = re.compile(r"\bcause\s*=\s*200\b", re.IGNORECASE)


def completed_elsewhere(reason_header: str) -> bool:
    """``Reason: SIP;cause=200;text="Call completed elsewhere"`` (RFC 3326, as 3CX sends it)."""
    return any(
        part.strip().upper().startswith("SIP") and bool(_CAUSE_200.search(part))
        for part in reason_header.split(",")
    )


@dataclass(frozen=True)
class CallFacts:
    """What the engine saw of a call by the time it was disconnected."""

    incoming: bool
    answered: bool                # the call reached CONFIRMED
    last_code: int                # last SIP status of the INVITE (487, 486, 200 ...)
    cancelled_elsewhere: bool = False  # a CANCEL with Reason cause=200 arrived
    declined_here: bool = False   # we refused it (decline, or hang-up while ringing)


def classify(facts: CallFacts) -> CallOutcome:
    if facts.answered:
        return CallOutcome.COMPLETED
    if facts.incoming:
        if facts.cancelled_elsewhere:
            return CallOutcome.ANSWERED_ELSEWHERE
        if facts.declined_here:
            return CallOutcome.REJECTED
        # the caller gave up (487 after CANCEL), or the call timed out ringing
        if facts.last_code in (0, 408, 480, 487) or facts.last_code < 300:
            return CallOutcome.MISSED
        return CallOutcome.FAILED
    # outgoing
    if facts.last_code in (486, 600, 603):
        return CallOutcome.REJECTED
    if facts.declined_here or facts.last_code in (480, 487):
        return CallOutcome.MISSED   # we gave up before an answer, or nobody picked up
    return CallOutcome.FAILED
