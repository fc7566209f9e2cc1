"""Follow-up messages on an IXC attendance (``su_mensagens``): what 3CX's AI made of the call's
recording (summary, transcription), appended to the ticket Ramal created for the call.

An insert is not idempotent, so the text ends with a marker naming the recording
(``[ramal gravacao=<id>]``); before sending again after an unknown outcome,
:meth:`IxcTicketMessages.find_by_marker` looks for it on that ticket. Field names follow the
shared reference (``mensagem`` here, not the ticket's ``menssagem``; medium confidence):
``id_ticket``, ``mensagem``, ``titulo``, ``visibilidade_mensagens`` (``PR``: internal, the
customer never sees a transcription in the portal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.i18n import tr
from desktop.ixc.client import Filter, IxcClient

_CONTEXT = "ixc.tickets"

KIND = "ixc_ticket_message"
TEXT_MAX = 8000          # a long call's transcription: IXC's text column, kept readable
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RecordingNote:
    """3CX's view of one recorded call, as appended to a ticket."""

    recording_id: int
    summary: str = ""
    transcription: str = ""

    @property
    def empty(self) -> bool:
        return not (self.summary.strip() or self.transcription.strip())


def recording_marker(recording_id: int) -> str:
    return f"[ramal gravacao={int(recording_id)}]"


def _clean(text: str) -> str:
    # the transcription is the caller's words: no control characters, bounded length
    return _CONTROL.sub("", text).strip()


def note_text(note: RecordingNote) -> str:
    marker = recording_marker(note.recording_id)
    lines: list[str] = []
    if note.summary.strip():
        lines += [tr(_CONTEXT, "Resumo da ligação (3CX):"), _clean(note.summary), ""]
    if note.transcription.strip():
        transcription = _clean(note.transcription)
        room = TEXT_MAX - sum(len(line) + 1 for line in lines) - len(marker) - 80
        if len(transcription) > room:
            transcription = transcription[:max(0, room)].rstrip() + " […]"
        lines += [tr(_CONTEXT, "Transcrição (3CX):"), transcription, ""]
    lines.append(tr(_CONTEXT, "Anexado pelo Ramal {marker}").format(marker=marker))
    return "\n".join(lines)


def note_fields(ticket_id: str, note: RecordingNote) -> dict[str, str]:
    return {"id_ticket": ticket_id, "mensagem": note_text(note),
            "titulo": tr(_CONTEXT, "Gravação da ligação (3CX)"),
            "visibilidade_mensagens": "PR", "status": "A"}


class IxcTicketMessages:
    def __init__(self, client: IxcClient) -> None:
        self._client = client

    async def add(self, fields: dict[str, str]) -> str:
        return await self._client.insert("su_mensagens", fields)

    async def find_by_marker(self, ticket_id: str, marker: str) -> str | None:
        page = await self._client.list(
            "su_mensagens", qtype="su_mensagens.id_ticket", query=ticket_id, rp=50,
            filters=[Filter("su_mensagens.mensagem", "L", marker)])
        for row in page.rows:
            if marker in row.get("mensagem", ""):
                return row.get("id", "")
        return None
