"""Outbox handler completing the ticket opened during the call (``ixc_ticket_complete``).

The completion is queued in the same lane as the opening and after it, so by the time it is the
lane's head the opening has been sent (its result holds the ticket id) or has failed. A PUT of
the same whole row is idempotent, so an uncertain attempt is simply sent again: the ticket is
completed, never duplicated.
"""

from __future__ import annotations

import logging

from desktop.forward.ixc_delivery import write_failed
from desktop.forward.outbox_worker import (
    Delivered,
    Failed,
    NotDelivered,
    Outcome,
    ReconcileOutcome,
    RetryLater,
)
from desktop.i18n import tr
from desktop.ixc.errors import (
    IxcError,
)
from desktop.ixc.ticket_opening import KIND_COMPLETE
from desktop.ixc.tickets import IxcTickets
from desktop.store.outbox import Outbox, OutboxItem, OutboxState

__all__ = ["KIND_COMPLETE", "IxcTicketCompletion"]

_CONTEXT = "outbox"
log = logging.getLogger(__name__)


class IxcTicketCompletion:
    """Payload ``{"open_item_id", "fields"}``: the opening's outbox item and the final columns."""

    def __init__(self, tickets: IxcTickets, outbox: Outbox) -> None:
        self._tickets = tickets
        self._outbox = outbox

    async def deliver(self, item: OutboxItem) -> Outcome:
        opening = self._outbox.get(int(item.payload["open_item_id"]))
        if opening.state is OutboxState.FAILED:
            return Failed(tr(_CONTEXT, "O protocolo aberto durante a ligação não chegou ao IXC "
                                       "({reason}). Tente de novo a abertura e depois este "
                                       "registro.").format(reason=opening.last_error))
        ticket_id = str(opening.result.get("ticket_id", ""))
        if opening.state is not OutboxState.SENT or not ticket_id:
            # cannot happen in lane order; waiting is the safe answer if it does
            return RetryLater(tr(_CONTEXT, "Aguardando o protocolo ser aberto no IXC."))
        try:
            done = await self._tickets.complete(ticket_id, dict(item.payload["fields"]))
        except IxcError as exc:
            return write_failed(exc)
        opened = str(opening.result.get("protocol", ""))
        if done.protocol and opened and done.protocol != opened:
            # a reserved protocol IXC did not keep: the agent read out the other one
            log.warning("IXC ticket %s has protocol %s, not %s as opened during the call",
                        ticket_id, done.protocol, opened)
        return Delivered({"ticket_id": done.id, "protocol": done.protocol or opened})

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        # the same PUT again changes nothing if the first one took effect
        return NotDelivered()
