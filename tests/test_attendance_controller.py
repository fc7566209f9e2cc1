"""The controller's plain conversions: card sections, the dialog's customer, the forward summary."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.desk.attendance_controller import (
    call_info,
    call_summary,
    customer_choice,
    customer_summary,
    sections_checked,
)
from desktop.ixc.models import Section
from desktop.store.history import CallDirection, CallOutcome, CallRecord
from tests.ui.records import complete_record


@pytest.mark.parametrize(("values", "expected"), [
    ((), ()),
    (("service_orders", "connections"), (Section.SERVICE_ORDERS, Section.CONNECTIONS)),
    (("invoices", "contracts", "tickets"), (Section.INVOICES,)),
    (("connections", "invoices", "service_orders"),
     (Section.SERVICE_ORDERS, Section.INVOICES, Section.CONNECTIONS)),
    (("invoices", "nonsense"), (Section.INVOICES,)),
])
def test_card_sections_become_attendance_sections(values: tuple[str, ...],
                                                  expected: tuple[Section, ...]) -> None:
    assert sections_checked(values) == expected


def test_customer_choice_from_the_record() -> None:
    record = complete_record()
    choice = customer_choice(record, contract_id="5001")
    assert choice is not None and choice.customer_id == "101"
    assert [c.id for c in choice.contracts] == ["5001"]
    assert "PLANO FIBRA 300MB" in choice.contracts[0].label
    # this login names no contract, so it is not preselected for contract 5001
    assert [c.id for c in choice.logins] == ["4802"] and choice.login_id == ""
    assert customer_choice(None) is None
    from_history = customer_choice(None, customer_id="55", customer_name="Zé")
    assert from_history is not None and from_history.name == "Zé" and not from_history.contracts


def test_customer_summary_for_discord_and_opa() -> None:
    summary = customer_summary(complete_record(blocked=True, overdue=True, online=False,
                                               open_os=True))
    assert summary is not None
    assert summary.contract == "5001 – PLANO FIBRA 300MB"
    assert summary.access_status and summary.contract_status
    assert summary.overdue_amount == Decimal("89.90") and summary.overdue_invoices == 1
    assert summary.open_orders and "#302 Sem conexão" in summary.open_orders[0]
    assert summary.connection.startswith("maria4802:") and "Lost-Carrier" in summary.connection
    assert customer_summary(None) is None


def test_call_values() -> None:
    start = datetime(2026, 3, 20, 17, 5, tzinfo=UTC)
    call = CallRecord(id=4, call_key="k", number="+5511987654321",
                      direction=CallDirection.INBOUND, started_at=start, extension="201",
                      outcome=CallOutcome.ANSWERED_ELSEWHERE, duration_s=None)
    summary = call_summary(call, "sip-1")
    assert summary.number == "(11) 98765-4321" and summary.duration_editable
    assert summary.direction == "Recebida" and summary.outcome == "Atendida em outro aparelho"
    assert summary.live_call_id == "sip-1"
    info = call_info(call, start)
    assert info.direction == "entrada" and info.extension == "201"
    assert call_info(None, start).number == ""
