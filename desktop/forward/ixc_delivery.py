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



class IxcTicketDelivery:
    """Outbox handler for ``ixc_ticket`` items: payload ``{"fields", "marker", "customer_id"}``."""

    def __init__(self, tickets: IxcTickets) -> None:
        self._tickets = tickets

    async def deliver(self, item: OutboxItem) -> Outcome:
        try:
            created = await self._tickets.create(dict(item.payload["fields"]))
        except NEEDS_A_PERSON as exc:
            return Failed(exc.message)
        except IxcError as exc:
            # the insert may have happened: the next attempt looks for the ticket first
            return Uncertain(exc.message)
        return Delivered({"ticket_id": created.id, "protocol": created.protocol})

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        payload = item.payload
        try:
            # by the marker only: it carries the attendance's uid, unique across desks
            found = await self._tickets.find_by_marker(
                str(payload["customer_id"]), str(payload["marker"]))
        except NEEDS_A_PERSON as exc:
            return Failed(exc.message)
        except IxcError as exc:
            return RetryLater(exc.message)
        if found is None:
            return NotDelivered()
        return Delivered({"ticket_id": found.id, "protocol": found.protocol})
