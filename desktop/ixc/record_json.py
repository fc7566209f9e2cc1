"""A :class:`CustomerRecord` as plain JSON (the ``lookup --json`` and agent event shape).

Money is a string with two decimals (``"89.90"``) so no float rounding reaches a consumer; dates
are ISO 8601; statuses are ``{"code": "CA", "label": "Bloqueio automático"}``; computed billing
facts (overdue, days overdue, totals) are included because consumers should not redo them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop.ixc.models import (
    Address,
    Connection,
    Contract,
    Customer,
    CustomerMatch,
    CustomerRecord,
    Invoice,
    LookupResult,
    Outage,
    PhoneMatch,
    ServiceOrder,
    Ticket,
    status_json,
)


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _address(a: Address) -> dict[str, Any]:
    return {
        "street": a.street, "number": a.number, "complement": a.complement,
        "district": a.district, "city": a.city, "city_id": a.city_id, "state": a.state,
        "cep": a.cep, "reference": a.reference, "one_line": a.one_line(),
    }


def _customer(c: Customer) -> dict[str, Any]:
    return {
        "id": str(c.id), "name": c.name, "cpf_cnpj": c.cpf_cnpj, "person_type": c.person_type,
        "trade_name": c.trade_name, "address": _address(c.address), "alerta": c.alerta,
        "obs": c.obs, "email": c.email, "phones": dict(c.phones), "active": c.active,
        "registered": _when(c.registered), "updated": _when(c.updated),
    }


def _contract(c: Contract) -> dict[str, Any]:
    return {
        "id": str(c.id), "plan_name": c.plan_name, "status": status_json(c.status),
        "access_status": status_json(c.access_status), "blocked": c.is_blocked,
        "speed_status": status_json(c.speed_status), "kind": c.kind,
        "activated": _when(c.activated), "cancelled": _when(c.cancelled),
        "paid_until": _when(c.paid_until), "automatic_block": c.automatic_block,
        "no_block_until": _when(c.no_block_until),
        "last_automatic_block": _when(c.last_automatic_block),
        "last_manual_block": _when(c.last_manual_block),
        "trust_unlock_active": c.trust_unlock_active,
        "trust_unlock_until": _when(c.trust_unlock_until),
        "overdue_installments": c.overdue_installments, "alert": c.alert,
    }


def _service_order(o: ServiceOrder) -> dict[str, Any]:
    return {
        "id": str(o.id), "status": status_json(o.status), "open": o.is_open,
        "subject": o.subject, "subject_id": o.subject_id, "protocol": o.protocol,
        "message": o.message, "closing_message": o.closing_message,
        "opened": _when(o.opened), "scheduled": _when(o.scheduled), "closed": _when(o.closed),
        "technician": o.technician, "technician_id": o.technician_id,
        "priority": status_json(o.priority),
    }


def _invoice(i: Invoice, today: date) -> dict[str, Any]:
    return {
        "id": str(i.id), "contract_id": i.contract_id, "document": i.document,
        "status": status_json(i.status), "amount": _money(i.amount),
        "open_amount": _money(i.open_amount), "amount_due": _money(i.amount_due),
        "issued": _when(i.issued), "due": _when(i.due), "paid_on": _when(i.paid_on),
        "paid_amount": _money(i.paid_amount), "overdue": i.is_overdue(today),
        "days_overdue": i.days_overdue(today), "payment_type": i.payment_type,
        "linha_digitavel": i.linha_digitavel, "gateway_link": i.gateway_link,
        "pix_txid": i.pix_txid,
    }


def _connection(c: Connection) -> dict[str, Any]:
    return {
        "id": str(c.id), "login": c.login, "contract_id": c.contract_id,
        "online": status_json(c.online), "active": c.active, "ip": c.ip, "mac": c.mac,
        "last_connect": _when(c.last_connect), "last_disconnect": _when(c.last_disconnect),
        "disconnect_reason": c.disconnect_reason, "connected_time": c.connected_time,
    }


def _ticket(t: Ticket) -> dict[str, Any]:
    return {
        "id": str(t.id), "protocol": t.protocol, "subject": t.subject,
        "subject_id": t.subject_id, "message": t.message, "status": status_json(t.status),
        "open": t.is_open, "stage": t.stage, "priority": status_json(t.priority),
        "sector_id": t.sector_id, "opened": _when(t.opened), "updated": _when(t.updated),
    }


def _match(m: PhoneMatch | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"kind": m.kind.value, "label": m.kind.label, "column": m.column, "stored": m.stored}


def record_to_json(record: CustomerRecord) -> dict[str, Any]:
    next_due = record.next_due
    last_payment = record.last_payment
    return {
        "customer": _customer(record.customer),
        "match": _match(record.match),
        "contracts": [_contract(c) for c in record.contracts],
        "service_orders": [_service_order(o) for o in record.service_orders],
        "invoices": [_invoice(i, record.today) for i in record.invoices],
        "connections": [_connection(c) for c in record.connections],
        "tickets": [_ticket(t) for t in record.tickets],
        "billing": {
            "today": record.today.isoformat(),
            "total_overdue": _money(record.total_overdue),
            "overdue_count": len(record.overdue_invoices),
            "next_due": _when(next_due.due) if next_due else None,
            "next_due_amount": _money(next_due.amount_due) if next_due else None,
            "last_payment": _when(last_payment.paid_on) if last_payment else None,
            "last_payment_amount": _money(last_payment.paid_amount) if last_payment else None,
        },
        "errors": {section.value: message for section, message in record.errors.items()},
        "pending": sorted(s.value for s in record.pending),
        "outage": outage_to_json(record.outage),
    }


def outage_to_json(outage: Outage | None) -> dict[str, Any] | None:
    """``null``, or the widest scope that passed the thresholds (see docs/ixc.md)."""
    if outage is None:
        return None
    return {"scope": outage.scope.value, "id": str(outage.id), "name": outage.name,
            "offline": outage.offline, "logins": outage.logins,
            "since": outage.since.strftime("%Y-%m-%d %H:%M:%S")}


def match_line_json(m: CustomerMatch) -> dict[str, Any]:
    """A further match sharing the number, identity only (the pick list's line)."""
    return {"id": str(m.id), "name": m.name, "cpf_cnpj": m.cpf_cnpj, "address": m.address,
            "active": m.active, "match": _match(m.phone_match)}


def lookup_to_json(result: LookupResult) -> dict[str, Any]:
    """The ``lookup --json`` object (also the agent's ``customer_record`` event body)."""
    return {
        "number": result.number,
        "matches": [record_to_json(m) for m in result.matches],
        "more_matches": result.more_matches,
        "more": [match_line_json(m) for m in result.more],
        "elapsed_ms": result.elapsed_ms,
    }
