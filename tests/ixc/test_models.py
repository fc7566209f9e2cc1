"""Computed facts of the record (overdue, totals, next due) and the status labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.ixc.models import (
    AccessStatus,
    Customer,
    CustomerRecord,
    Invoice,
    InvoiceStatus,
    LookupResult,
    Section,
    ServiceOrder,
    ServiceOrderStatus,
)
from desktop.ixc.record_json import lookup_to_json

TODAY = date(2025, 3, 10)


def invoice(id_: int, due: date, status: str = "A", amount: str = "99.90",
            open_amount: str = "", paid_on: date | None = None) -> Invoice:
    return Invoice(id=id_, customer_id=1, amount=Decimal(amount),
                   open_amount=Decimal(open_amount or "0"), due=due,
                   status=InvoiceStatus.parse(status), paid_on=paid_on,
                   paid_amount=Decimal(amount) if paid_on else Decimal("0"))


def record(*invoices: Invoice) -> CustomerRecord:
    return CustomerRecord(customer=Customer(id=1, name="Maria"), today=TODAY,
                          invoices=invoices)


@pytest.mark.parametrize(
    ("due", "status", "overdue", "days"),
    [
        (date(2025, 3, 9), "A", True, 1),
        (date(2025, 3, 10), "A", False, 0),    # due today is not overdue yet
        (date(2025, 2, 8), "P", True, 30),
        (date(2025, 2, 8), "R", False, 0),
        (date(2025, 2, 8), "C", False, 0),
    ],
)
def test_overdue_is_computed_from_the_due_date(due: date, status: str, overdue: bool,
                                               days: int) -> None:
    inv = invoice(1, due, status)
    assert inv.is_overdue(TODAY) is overdue
    assert inv.days_overdue(TODAY) == days


def test_billing_summary() -> None:
    r = record(
        invoice(1, date(2025, 1, 10), amount="100.00"),
        invoice(2, date(2025, 2, 10), "P", amount="100.00", open_amount="40.00"),
        invoice(3, date(2025, 3, 20), amount="100.00"),
        invoice(4, date(2025, 4, 20), amount="100.00"),
        invoice(5, date(2024, 12, 10), "R", paid_on=date(2024, 12, 12)),
        invoice(6, date(2024, 11, 10), "R", paid_on=date(2024, 11, 9)),
    )
    assert r.total_overdue == Decimal("140.00")
    assert [i.id for i in r.overdue_invoices] == [1, 2]
    assert r.next_due is not None and r.next_due.id == 3
    assert r.last_payment is not None and r.last_payment.id == 5


def test_sections_fill_in_progressively() -> None:
    r = CustomerRecord(customer=Customer(id=1, name="x"), today=TODAY,
                       pending=frozenset(Section))
    assert not r.complete
    r = r.with_section(Section.SERVICE_ORDERS, (
        ServiceOrder(id=1, customer_id=1, status=ServiceOrderStatus.parse("AG")),
        ServiceOrder(id=2, customer_id=1, status=ServiceOrderStatus.parse("F")),
    ))
    assert [o.id for o in r.open_service_orders] == [1]
    for s in Section:
        if s is not Section.SERVICE_ORDERS:
            r = r.with_error(s, "falhou")
    assert r.complete
    assert set(r.errors) == set(Section) - {Section.SERVICE_ORDERS}


@pytest.mark.parametrize(
    ("code", "label"),
    [("CA", "Bloqueio automático"), ("CM", "Bloqueio manual"), ("FA", "Financeiro em atraso"),
     ("AA", "Aguardando assinatura"), ("A", "Ativo"), (" ca ", "Bloqueio automático"),
     ("XYZ", "Desconhecido"), ("", "Desconhecido")],
)
def test_access_status_labels(code: str, label: str) -> None:
    assert AccessStatus.parse(code).label == label


def test_lookup_json_shape() -> None:
    r = record(invoice(1, date(2025, 3, 1), amount="89.9"))
    data = lookup_to_json(LookupResult("+5511987654321", (r,), 42))
    assert set(data) == {"number", "matches", "more_matches", "more", "elapsed_ms"}
    match = data["matches"][0]
    for key in ("customer", "contracts", "service_orders", "invoices", "connections",
                "tickets", "errors"):
        assert key in match
    assert match["customer"]["id"] == "1"
    assert match["invoices"][0]["amount"] == "89.90"
    assert match["invoices"][0]["overdue"] is True
    assert match["billing"]["total_overdue"] == "89.90"
