"""The simulator's seed is built relative to "today": its shape must not depend on which day."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from desktop.demo.simulators.ixc_seed import build_seed

# 2026-03-17 as the reference: any date gives the same per-customer counts as this one
REFERENCE = date(2026, 3, 17)


def _invoice_shape(today: date) -> dict[tuple[str, str], int]:
    """Per contract: how many invoices are open and due later, open and overdue, paid."""
    shape: Counter[tuple[str, str]] = Counter()
    for row in build_seed(today)["fn_areceber"]:
        due = date.fromisoformat(row["data_vencimento"])
        when = "future" if due > today else ("today" if due == today else "past")
        shape[(row["id_contrato"], f"{row['status']}/{when}")] += 1
    return dict(shape)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)))
def test_every_day_seeds_the_same_invoices(today: date) -> None:
    assert _invoice_shape(today) == _invoice_shape(REFERENCE)


def test_no_invoice_falls_due_on_the_seed_day_and_each_contract_has_one_to_come() -> None:
    for today in (date(2026, 12, 10), date(2028, 2, 29), date(2026, 12, 31), date(2027, 3, 31)):
        shape = _invoice_shape(today)
        assert not any(kind.endswith("/today") for _, kind in shape)
        contracts = {contract for contract, _ in shape}
        assert all(shape.get((c, "A/future")) == 1 for c in contracts), today


def test_overdue_invoices_are_weeks_old() -> None:
    today = date(2027, 3, 1)       # the month after the shortest one
    overdue = [date.fromisoformat(r["data_vencimento"]) for r in build_seed(today)["fn_areceber"]
               if r["status"] == "A" and date.fromisoformat(r["data_vencimento"]) < today]
    assert overdue and max(overdue) <= today - timedelta(days=20)
