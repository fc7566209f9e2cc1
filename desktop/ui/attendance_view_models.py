"""Plain values the attendance and "Encaminhar" dialogs show: the call and the customer's choices.

The controller (:mod:`desktop.desk.attendance_controller`) builds them from the call history and the
IXC record, so the dialogs can be built and tested without a database, IXC or a PBX.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CallSummary:
    """The call an attendance is about, as the agent reads it."""

    history_id: int | None            # calls.id in the history; None for a call not recorded
    number: str                       # formatted: "(11) 98765-4321"
    started_at: datetime | None       # aware
    duration_s: int | None            # talk time; None when Ramal could not measure it
    direction: str                    # pt-BR: "Recebida" / "Feita"
    extension: str = ""
    outcome: str = ""                 # pt-BR: "Atendida", "Atendida em outro aparelho"...
    # answered on another device: Ramal has no talk time, the agent may type it
    duration_editable: bool = False
    # the SIP engine's id while the call is still up (transfer needs it); "" once it ended
    live_call_id: str = ""


@dataclass(frozen=True)
class Choice:
    """One contract or login the agent may attach to the attendance."""

    id: str
    label: str
    contract_id: str = ""             # for a login: the contract it belongs to


@dataclass(frozen=True)
class CustomerChoice:
    """The customer chosen in the card, with the contracts and logins to pick from."""

    customer_id: str
    name: str
    contracts: tuple[Choice, ...] = ()
    logins: tuple[Choice, ...] = ()
    contract_id: str = ""             # preselected ("" = none)
    login_id: str = ""
