"""What the SIP engine tells the rest of Ramal: small frozen dataclasses, no pjsua2 types.

The engine calls its ``on_event`` callback with one of these on the engine thread; the agent and
the GUI move them to their own thread before acting. ``call_id`` is the engine's own string id
(stable for the life of a call, never reused within a process).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

RegistrationState = Literal["unregistered", "registering", "registered", "failed"]

CallState = Literal[
    "ringing",        # incoming call ringing here (180 sent)
    "calling",        # outgoing call sent, no answer yet
    "early",          # outgoing call: the far end is ringing (18x)
    "answered",       # media up, both sides talking
    "held",           # we put the call on hold
    "resumed",        # we took it off hold
    "remote_held",    # the far end put us on hold
    "transferring",   # REFER sent
]



class CallOutcome(enum.StrEnum):
    """How a call ended: the engine's word for it, and the call history's (stored as the value)."""

    COMPLETED = "completed"
    MISSED = "missed"
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    REJECTED = "rejected"
    FAILED = "failed"
    # the desk's word only: answered here, then handed over (blind or attended); the engine
    # reports such a call "completed" and the desk's transfer result makes it this
    TRANSFERRED = "transferred"


RefusalReason = Literal[
    "not_from_pbx",    # the INVITE did not come from the PBX's address and port: 403, no ring
    "too_many_calls",  # the phone already has its maximum of calls: 486 Busy Here
    "sip_stack",       # pjsua refused it itself before Ramal saw it (code says why)
]


@dataclass(frozen=True)
class RegistrationChanged:
    state: RegistrationState
    code: int = 0
    reason: str = ""
    # seconds until the next automatic attempt after a transient failure; None = not retrying
    # (wrong credentials, or shut down)
    retry_in_s: float | None = None


@dataclass(frozen=True)
class IncomingCall:
    call_id: str
    number: str               # E.164 for Brazilian numbers, the extension for internal calls
    display_name: str         # plain text, as signalled (may be long; never markup)
    anonymous: bool
    internal: bool
    raw_from: str
    raw_pai: str = ""
    raw_rpid: str = ""
    raw_diversion: str = ""
    received_at: float = 0.0  # time.time() when the INVITE reached the engine


@dataclass(frozen=True)
class OutgoingCallStarted:
    call_id: str
    number: str               # as dialled, normalised
    target_uri: str


@dataclass(frozen=True)
class CallStateChanged:
    call_id: str
    state: CallState


@dataclass(frozen=True)
class CallEnded:
    call_id: str
    outcome: CallOutcome
    duration_s: float = 0.0   # talk time (0 when never answered)
    code: int = 0             # last SIP status seen (487, 486, 200 ...)
    reason: str = ""


@dataclass(frozen=True)
class DtmfReceived:
    call_id: str
    digit: str


@dataclass(frozen=True)
class TransferResult:
    call_id: str
    target: str
    success: bool
    code: int = 0
    reason: str = ""


@dataclass(frozen=True)
class CallReplaced:
    """An attended transfer landed here: ``old_call_id`` continues as ``new_call_id``."""

    old_call_id: str
    new_call_id: str


@dataclass(frozen=True)
class CallRefused:
    """An INVITE answered with an error without ringing: no card, no lookup, no history row."""

    number: str               # the caller as the INVITE claims it (not trustworthy: spoofable)
    reason: RefusalReason
    source: str               # "ip:port" the INVITE came from
    code: int                 # the SIP status sent back (403, 486 ...)
    raw_from: str = ""


@dataclass(frozen=True)
class EngineError:
    """Something went wrong inside the engine that is not tied to one command's Future."""

    message: str


SipEvent = (
    RegistrationChanged | IncomingCall | OutgoingCallStarted | CallStateChanged | CallEnded
    | DtmfReceived | TransferResult | CallReplaced | CallRefused | EngineError
)
