"""The IXC simulator's ``su_mensagens`` table (follow-up messages on a ticket): Ramal appends
3CX's summary and transcription of a call's recording there. Empty in the seed."""

from __future__ import annotations

MESSAGE_TABLES: dict[str, tuple[str, ...]] = {
    "su_mensagens": tuple(
        "id id_ticket mensagem titulo status su_status visibilidade_mensagens operador data"
        .split()),
}
MESSAGE_REQUIRED: dict[str, dict[str, str]] = {
    "su_mensagens": {"id_ticket": "Ticket", "mensagem": "Mensagem"},
}
