"""Outbox items and subjects built by hand for the attendance widget tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from desktop.store.attendances import Subject, TicketSector
from desktop.store.outbox import OutboxItem, OutboxState

CREATED = datetime(2026, 3, 20, 14, 5, tzinfo=UTC)

SUBJECTS = (
    Subject("1", "Sem conexão", default_priority="A"),
    Subject("2", "Lentidão"),
    Subject("3", "Troca de equipamento", requires_contract=True, requires_login=True),
    Subject("4", "Mudança de endereço", requires_process=True, process_id=""),
)
TICKET_SECTORS = (TicketSector("1", "Suporte técnico"), TicketSector("2", "Financeiro"))


def search(text: str) -> list[Subject]:
    """The same contract as AttendanceService.search_subjects (case-insensitive contains)."""
    return [s for s in SUBJECTS if text.strip().lower() in s.label.lower()]


def item(item_id: int = 1, *, kind: str = "ixc_ticket", target: str = "ixc",
         state: OutboxState = OutboxState.PENDING, last_error: str = "",
         result: Mapping[str, Any] | None = None) -> OutboxItem:
    return OutboxItem(
        id=item_id, idempotency_key=f"k-{item_id}", kind=kind, target=target,
        lane=f"{kind}:{target}", payload={}, state=state, attempts=0,
        next_attempt_at=CREATED, last_error=last_error, created_at=CREATED, sent_at=None,
        result=dict(result or {}), attendance_id=1)
