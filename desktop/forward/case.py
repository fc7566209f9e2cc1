"""What is forwarded about a call: the customer summary, the call and the agent's note.

These are plain values the app builds from the IXC record and the call history, so the Discord,
OPA and ticket formatting stay independent of how the IXC and SIP packages model them; the card
sections the agent looked at are the card's own :class:`~desktop.ixc.models.Section`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from desktop.ixc.models import Section

# the parts of the card an attendance or a forward mentions; contracts and tickets are on the
# card too, but the sectors never asked which of those the agent had open
FORWARDED_SECTIONS = (Section.SERVICE_ORDERS, Section.INVOICES, Section.CONNECTIONS)

# pt-BR, as Discord, OPA and the IXC ticket show them to the sectors
SECTION_LABELS: dict[Section, str] = {
    Section.SERVICE_ORDERS: "OS",
    Section.INVOICES: "financeiro",
    Section.CONNECTIONS: "conexão",
}


@dataclass(frozen=True)
class CustomerSummary:
    customer_id: str
    name: str
    contract: str = ""            # e.g. "5173 – Fibra 300M"
    contract_status: str = ""     # pt-BR label, e.g. "Ativo"
    access_status: str = ""       # pt-BR label, e.g. "Bloqueado"
    open_orders: tuple[str, ...] = ()   # one line per open OS, e.g. "#123 Sem conexão (Aberta)"
    overdue_amount: Decimal = Decimal("0")
    overdue_invoices: int = 0
    connection: str = ""          # e.g. "Offline desde 08/09 20:22 (NAS-Request)"


@dataclass(frozen=True)
class CallInfo:
    number: str                   # as the agent should read it, e.g. "(11) 98765-4321"
    started_at: datetime          # aware
    duration_s: int | None = None
    direction: str = "entrada"    # "entrada" / "saída"
    extension: str = ""


@dataclass(frozen=True)
class ForwardCase:
    sector: str
    call: CallInfo
    agent: str
    note: str
    customer: CustomerSummary | None = None   # None: the caller was not found in IXC
    sections_checked: tuple[Section, ...] = ()


def format_brl(amount: Decimal) -> str:
    """``Decimal("1234.5")`` → ``"R$ 1.234,50"``."""
    text = f"{amount.quantize(Decimal('0.01')):,.2f}"
    return "R$ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def sections_text(sections: tuple[Section, ...]) -> str:
    if not sections:
        return "nenhuma"
    return ", ".join(SECTION_LABELS[s] for s in sections)
