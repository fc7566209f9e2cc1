"""The ticket opened while the call is still on: its protocol is read out before hanging up.

Brazilian consumers get a protocol number for each contact. As soon as the customer of an
answered call is known, Ramal inserts an open ``su_ticket`` (status ``N``, stage ``T``) with a
provisional text, carrying the protocol reserved just before when IXC gave one
(:mod:`desktop.ixc.protocol_reservation`); the log dialog later *completes* that same ticket
(``PUT`` of the whole row, see :meth:`desktop.ixc.tickets.IxcTickets.complete`) instead of
inserting a second one. The opening carries the same kind of marker as any ticket Ramal
creates, so an insert whose outcome was lost (the PC died mid-call) is found again rather than
repeated.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.i18n import tr
from desktop.ixc.protocol_reservation import is_valid_protocol
from desktop.ixc.tickets import TicketError

_CONTEXT = "ixc.tickets"

KIND_COMPLETE = "ixc_ticket_complete"


@dataclass(frozen=True)
class OpeningDraft:
    customer_id: str
    subject_id: str            # [attendance] open_subject_id, or the first cached subject
    ticket_sector_id: str      # [attendance] open_ticket_sector_id
    agent: str
    call_number: str = ""      # as the agent reads it
    contract_id: str = ""
    login_id: str = ""
    # reserved in IXC before the insert (desktop/ixc/protocol_reservation.py); "" = IXC numbers
    # the ticket itself and the worker reads the number back
    protocol: str = ""


def opening_text(draft: OpeningDraft, marker: str) -> str:
    lines = [tr(_CONTEXT, "Atendimento por telefone em andamento."), "", "—"]
    if draft.call_number:
        lines.append(tr(_CONTEXT, "Ligação de {number}.").format(number=draft.call_number))
    lines.append(tr(_CONTEXT, "Protocolo aberto durante a ligação por {agent} pelo Ramal "
                              "{marker}").format(agent=draft.agent, marker=marker))
    return "\n".join(lines)


def build_opening_fields(draft: OpeningDraft, marker: str) -> dict[str, str]:
    """The ``su_ticket`` insert of an open ticket, or :class:`TicketError` (pt-BR)."""
    if not draft.customer_id or draft.customer_id == "0":
        raise TicketError(tr(_CONTEXT, "Escolha o cliente do atendimento."))
    if not draft.subject_id:
        raise TicketError(tr(_CONTEXT, "Nenhum assunto para abrir o protocolo: configure "
                                       "attendance.open_subject_id ou atualize os assuntos "
                                       "do IXC."))
    if not draft.ticket_sector_id:
        raise TicketError(tr(_CONTEXT, "Nenhum setor para abrir o protocolo: configure "
                                       "attendance.open_ticket_sector_id."))
    if draft.protocol and not is_valid_protocol(draft.protocol):
        raise TicketError(tr(_CONTEXT, "Protocolo reservado inválido: {protocol}.").format(
            protocol=draft.protocol[:60]))
    fields = {
        "tipo": "C",
        "id_cliente": draft.customer_id,
        "id_assunto": draft.subject_id,
        "titulo": tr(_CONTEXT, "Atendimento por telefone (em andamento)"),
        "menssagem": opening_text(draft, marker),
        "id_ticket_setor": draft.ticket_sector_id,
        "prioridade": "M",
        "su_status": "N",
        "status": "T",
        "origem_cadastro": "P",
        "id_ticket_origem": "I",
        "interacao_pendente": "N",
        "melhor_horario_reserva": "Q",
        "origem_endereco": "C",
        "finalizar_atendimento": "N",
    }
    if draft.contract_id:
        fields["id_contrato"] = draft.contract_id
    if draft.login_id:
        fields["id_login"] = draft.login_id
    if draft.protocol:
        fields["protocolo"] = draft.protocol   # IXC stores it instead of generating one [M]
    return fields


def completion_fields(final_fields: dict[str, str]) -> dict[str, str]:
    """What a completion writes over the open ticket: the columns, not the insert-only helpers
    (``finalizar_atendimento`` means nothing on an update, so a solved ticket gets its final
    ``su_status``/``status`` instead)."""
    fields = {k: v for k, v in final_fields.items() if k != "finalizar_atendimento"}
    if final_fields.get("su_status") == "S":
        fields["status"] = "F"
    return fields


__all__ = ["KIND_COMPLETE", "OpeningDraft", "build_opening_fields", "completion_fields",
           "opening_text"]
