"""Outbox handler creating IXC tickets exactly once (see :mod:`desktop.ixc.tickets`)."""

from __future__ import annotations

from desktop.forward.outbox_worker import (
    Delivered,
    Failed,
    NotDelivered,
    Outcome,
    ReconcileOutcome,
    RetryLater,
    Uncertain,
)
from desktop.ixc.errors import (
    NEEDS_A_PERSON,
    IxcError,
)
from desktop.ixc.tickets import KIND, IxcTickets
from desktop.store.outbox import OutboxItem

__all__ = ["KIND", "IxcTicketDelivery"]


def write_failed(exc: IxcError) -> Outcome:
    """A write to IXC failed: a person must act (settings, IXC's own validation), or it may
    have happened after all, so the next attempt looks at IXC before writing again."""
    return Failed(exc.message) if isinstance(exc, NEEDS_A_PERSON) else Uncertain(exc.message)


def lookup_failed(exc: IxcError) -> Failed | RetryLater:
    """Looking for an earlier write in IXC failed: a person must act, or try again later."""
    return Failed(exc.message) if isinstance(exc, NEEDS_A_PERSON) else RetryLater(exc.message)


class IxcTicketDelivery:
    """Outbox handler for ``ixc_ticket`` items: payload ``{"fields", "marker", "customer_id"}``.

    Fields carrying a reserved ``protocolo`` (a ticket opened during the call) take one
    request, the insert; otherwise IXC numbers the ticket and the protocol is read back."""

    def __init__(self, tickets: IxcTickets) -> None:
        self._tickets = tickets

    async def deliver(self, item: OutboxItem) -> Outcome:
        try:
            created = await self._tickets.create(dict(item.payload["fields"]))
        except IxcError as exc:
            # the insert may have happened: the next attempt looks for the ticket first
            return write_failed(exc)
        return Delivered({"ticket_id": created.id, "protocol": created.protocol})

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        payload = item.payload
        try:
            # by the marker only: it carries the attendance's uid, unique across desks
            found = await self._tickets.find_by_marker(
                str(payload["customer_id"]), str(payload["marker"]))
        except IxcError as exc:
            return lookup_failed(exc)
        if found is None:
            return NotDelivered()
        return Delivered({"ticket_id": found.id, "protocol": found.protocol})
