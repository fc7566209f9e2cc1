"""Plain values the widgets display: what the app tells the UI about the line and the calls.

The SIP engine's events carry more than a widget needs (and live on another thread); the app
turns them into these small frozen values so a widget can be built and tested without a PBX.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

# the tab's filter is the store's query: one definition
from desktop.store.history_filter import HistoryFilter as HistoryFilter


class LineState(enum.Enum):
    """The extension's registration as the tray shows it."""

    OFFLINE = "offline"           # not started, or stopped
    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"


class CallerKind(enum.Enum):
    EXTERNAL = "external"         # a customer's number: look it up in IXC
    INTERNAL = "internal"         # another extension: no lookup
    ANONYMOUS = "anonymous"       # number withheld: no lookup


class CallPhase(enum.Enum):
    RINGING = "ringing"           # incoming, not answered yet
    DIALING = "dialing"           # outgoing, not answered yet
    CONNECTED = "connected"
    ENDED = "ended"


@dataclass(frozen=True)
class CallView:
    """One call as the current-calls panel and the popup show it."""

    call_id: str
    number: str                   # normalised number ("+5511987654321", "201", "")
    display_name: str = ""
    incoming: bool = True
    phase: CallPhase = CallPhase.RINGING
    kind: CallerKind = CallerKind.EXTERNAL
    held: bool = False
    muted: bool = False
    connected_at: datetime | None = None
    # attended transfer (desktop/desk/consultation.py): on the customer's call, the consultation
    # call's id while the agent talks to the sector; on the consultation call, the customer's
    # call id and the sector's name ("Consulta com Financeiro")
    consulting: str = ""
    consult_for: str = ""
    consult_label: str = ""
    note: str = ""                # what the agent should know now ("Financeiro ocupado…")


@dataclass(frozen=True)
class HistoryEntry:
    """One row of the call history (the app builds these from the store)."""

    started_at: datetime
    number: str
    display_name: str = ""
    incoming: bool = True
    answered: bool = False
    duration_s: int = 0
    customer_name: str = ""
    logged: bool = False
    history_id: int | None = None  # the store's row: "Registrar atendimento" from the history
    # how it ended, as desktop.sip.events.CallOutcome ("completed", "missed", "rejected",
    # "failed", "answered_elsewhere"); "" while the call goes on
    outcome: str = ""
    transferred_to: str = ""       # outcome "transferred": the extension/queue it went to


@dataclass(frozen=True)
class CustomerLine:
    """One line of a pick list or of search results: enough to tell homonyms apart (what is
    forwarded about a customer is :class:`desktop.forward.case.CustomerSummary`)."""

    customer_id: int
    name: str
    document: str = ""            # CPF/CNPJ as stored; the widget masks it
    address: str = ""
    # the hint after the name: None = unknown (nothing shown), else active or not; blocked =
    # some contract's access is blocked (only known once the contracts are loaded)
    active: bool | None = None
    blocked: bool = False
