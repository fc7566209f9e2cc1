"""3CX's summary and transcription of a recorded call, appended to the call's IXC ticket as a
follow-up message, through the outbox and exactly once.

Once: the outbox key is the ticket and the recording (enqueueing twice returns the first item),
and a send whose outcome is unknown is reconciled by the recording's marker on that ticket
before anything is sent again (see :mod:`desktop.ixc.ticket_messages`).
"""

from __future__ import annotations

from datetime import datetime

from desktop.forward.ixc_delivery import lookup_failed, write_failed
from desktop.forward.outbox_worker import (
    Delivered,
    NotDelivered,
    Outcome,
    ReconcileOutcome,
)
from desktop.ixc.errors import (
    IxcError,
)
from desktop.ixc.ticket_messages import (
    KIND,
    IxcTicketMessages,
    RecordingNote,
    note_fields,
    recording_marker,
)
from desktop.ixc.tickets import KIND as TICKET_KIND
from desktop.store.outbox import Outbox, OutboxItem, OutboxState

__all__ = ["KIND", "RecordingNoteDelivery", "attendance_ticket_id", "enqueue_recording_note"]



def attendance_ticket_id(outbox: Outbox, attendance_id: int) -> str | None:
    """The IXC ticket id of an attendance, once its ``ixc_ticket`` item was delivered."""
    for item in outbox.items(states=(OutboxState.SENT,), attendance_id=attendance_id):
        if item.kind == TICKET_KIND and item.result.get("ticket_id"):
            return str(item.result["ticket_id"])
    return None


def enqueue_recording_note(outbox: Outbox, *, ticket_id: str, note: RecordingNote,
                           attendance_id: int | None, now: datetime) -> OutboxItem | None:
    """Queue the note for the ticket; None when 3CX has neither summary nor transcription."""
    if note.empty or not ticket_id:
        return None
    return outbox.enqueue(
        idempotency_key=f"recording-note:{ticket_id}:{note.recording_id}", kind=KIND,
        target="ixc", lane=f"{KIND}:{ticket_id}", attendance_id=attendance_id, now=now,
        payload={"ticket_id": ticket_id, "fields": note_fields(ticket_id, note),
                 "marker": recording_marker(note.recording_id)})


class RecordingNoteDelivery:
    """Outbox handler for ``ixc_ticket_message`` items."""

    def __init__(self, messages: IxcTicketMessages) -> None:
        self._messages = messages

    async def deliver(self, item: OutboxItem) -> Outcome:
        try:
            message_id = await self._messages.add(dict(item.payload["fields"]))
        except IxcError as exc:
            return write_failed(exc)
        return Delivered({"message_id": message_id})

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        try:
            found = await self._messages.find_by_marker(str(item.payload["ticket_id"]),
                                                        str(item.payload["marker"]))
        except IxcError as exc:
            return lookup_failed(exc)
        return NotDelivered() if found is None else Delivered({"message_id": found})
