"""The status badges at the top of the card, computed from a record (pure, no Qt).

Badges are what an agent reads in the first second of the call: is the customer active or
blocked, do they owe money (how much, for how long), is the connection up, is a technician
already on the way. The order is fixed so the eye learns where to look.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desktop.i18n import tr
from desktop.ixc.models import (
    AccessStatus,
    ContractStatus,
    CustomerRecord,
    Section,
    ServiceOrderStatus,
    SpeedStatus,
)
from desktop.ui.formatting import format_brl, format_date, format_short_datetime

_CONTEXT = "CustomerBadges"


class Tone(enum.Enum):
    """A badge's meaning; the widget maps it to colours readable on light and dark palettes."""

    GOOD = "good"
    BAD = "bad"
    WARN = "warn"
    INFO = "info"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Badge:
    tone: Tone
    text: str


def contract_badges(record: CustomerRecord) -> list[Badge]:
    if Section.CONTRACTS in record.pending:
        return []
    if Section.CONTRACTS in record.errors:
        return [Badge(Tone.NEUTRAL, tr(_CONTEXT, "Contratos indisponíveis"))]
    live = [c for c in record.contracts
            if c.status not in (ContractStatus.INACTIVE, ContractStatus.GAVE_UP)]
    if not record.contracts:
        return [Badge(Tone.NEUTRAL, tr(_CONTEXT, "Sem contrato"))]
    if not live:
        return [Badge(Tone.NEUTRAL, tr(_CONTEXT, "Contrato inativo"))]
    badges: list[Badge] = []
    blocked = [c for c in live if c.is_blocked]
    if blocked:
        labels = sorted({c.access_status.label for c in blocked})
        badges.append(Badge(Tone.BAD, tr(_CONTEXT, "Bloqueado") + ": " + ", ".join(labels)))
    elif any(c.access_status is AccessStatus.ACTIVE for c in live):
        badges.append(Badge(Tone.GOOD, tr(_CONTEXT, "Ativo")))
    else:
        labels = sorted({c.access_status.label for c in live})
        badges.append(Badge(Tone.WARN, ", ".join(labels)))
    if any(c.status is ContractStatus.NEGATIVE for c in live):
        badges.append(Badge(Tone.BAD, ContractStatus.NEGATIVE.label))
    if any(c.speed_status is SpeedStatus.REDUCED for c in live):
        badges.append(Badge(Tone.WARN, tr(_CONTEXT, "Velocidade reduzida")))
    trusted = [c for c in live if c.trust_unlock_active]
    if trusted:
        until = min((c.trust_unlock_until for c in trusted if c.trust_unlock_until), default=None)
        text = tr(_CONTEXT, "Desbloqueio de confiança")
        if until:
            text += " " + tr(_CONTEXT, "até {date}").format(date=format_date(until))
        badges.append(Badge(Tone.WARN, text))
    return badges


def billing_badges(record: CustomerRecord) -> list[Badge]:
    if Section.INVOICES in record.pending:
        return []
    if Section.INVOICES in record.errors:
        return [Badge(Tone.NEUTRAL, tr(_CONTEXT, "Financeiro indisponível"))]
    overdue = record.overdue_invoices
    if not overdue:
        return [Badge(Tone.GOOD, tr(_CONTEXT, "Financeiro em dia"))]
    days = max(i.days_overdue(record.today) for i in overdue)
    text = tr(_CONTEXT, "Financeiro em atraso: {amount} · {days} dia(s) · {count} fatura(s)")
    return [Badge(Tone.BAD, text.format(amount=format_brl(record.total_overdue), days=days,
                                        count=len(overdue)))]


def connection_badges(record: CustomerRecord) -> list[Badge]:
    if Section.CONNECTIONS in record.pending:
        return []
    if Section.CONNECTIONS in record.errors:
        return [Badge(Tone.NEUTRAL, tr(_CONTEXT, "Conexão indisponível"))]
    logins = [c for c in record.connections if c.active] or list(record.connections)
    if not logins:
        return [Badge(Tone.NEUTRAL, tr(_CONTEXT, "Sem login de conexão"))]
    badges: list[Badge] = []
    for conn in logins[:3]:
        prefix = f"{conn.login}: " if len(logins) > 1 else ""
        if conn.is_online:
            since = format_short_datetime(conn.last_connect, record.today)
            text = tr(_CONTEXT, "Online desde {since}") if since else tr(_CONTEXT, "Online")
            badges.append(Badge(Tone.GOOD, prefix + text.format(since=since)))
        else:
            since = format_short_datetime(conn.last_disconnect, record.today)
            text = tr(_CONTEXT, "Offline desde {since}") if since else tr(_CONTEXT, "Offline")
            badges.append(Badge(Tone.BAD, prefix + text.format(since=since)))
    return badges


def service_order_badges(record: CustomerRecord) -> list[Badge]:
    if Section.SERVICE_ORDERS in record.pending or Section.SERVICE_ORDERS in record.errors:
        return []
    badges: list[Badge] = []
    open_orders = record.open_service_orders
    scheduled = [o for o in open_orders if o.status is ServiceOrderStatus.SCHEDULED]
    for order in scheduled[:2]:
        when = format_short_datetime(order.scheduled, record.today)
        text = tr(_CONTEXT, "OS agendada {when}").format(when=when).strip()
        badges.append(Badge(Tone.INFO, text + (f": {order.subject}" if order.subject else "")))
    others = [o for o in open_orders if o.status is not ServiceOrderStatus.SCHEDULED]
    if len(others) == 1:
        order = others[0]
        badges.append(Badge(Tone.WARN, tr(_CONTEXT, "OS aberta") +
                            (f": {order.subject}" if order.subject else "")))
    elif others:
        badges.append(Badge(Tone.WARN, tr(_CONTEXT, "{count} OS abertas").format(
            count=len(others))))
    return badges


def record_badges(record: CustomerRecord) -> list[Badge]:
    """All badges, in reading order: access, money, connection, field service."""
    if not record.customer.active:
        head = [Badge(Tone.NEUTRAL, tr(_CONTEXT, "Cliente inativo"))]
    else:
        head = []
    return (head + contract_badges(record) + billing_badges(record)
            + connection_badges(record) + service_order_badges(record))
