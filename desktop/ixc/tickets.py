"""IXC attendances (``su_ticket``): building one from the agent's dialog, creating it exactly once.

A ticket insert is not idempotent, so the text carries a marker (``[ramal <key>]``, the outbox
item's idempotency key, built from the attendance's random uid so no other desk writes the same
one). When an insert's outcome is unknown (timeout, dropped connection, the app killed
mid-request), :meth:`IxcTickets.find_by_marker` looks for a ticket of that customer whose text
contains the marker, before anything is sent again (the outbox handler is
:class:`desktop.forward.ixc_delivery.IxcTicketDelivery`). The marker alone decides: no time
window, which a desk's wrong clock or time zone would shift.

Field names and codes follow IXC's webservice (see docs/forward.md): ``menssagem`` (sic),
priority ``B/M/A/C``, ``su_status`` ``N`` (novo) or ``S`` (solucionado) with
``finalizar_atendimento`` when the problem was solved on the call, and ``id_contrato`` /
``id_login`` / ``id_wfl_processo`` filled when the subject (``su_oss_assunto``) requires them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.i18n import tr
from desktop.ixc.client import Filter, IxcClient
from desktop.ixc.errors import IxcApiError, IxcError
from desktop.ixc.protocol_reservation import reserve_protocol
from desktop.store.attendances import Subject, TicketSector

_CONTEXT = "ixc.tickets"

KIND = "ixc_ticket"
PRIORITIES = ("B", "M", "A", "C")   # baixa, normal, alta, crítica (tickets use M, not N)
TITLE_MAX = 100


class TicketError(Exception):
    """The dialog's data cannot make a valid ticket; ``message`` says what is missing (pt-BR)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TicketDraft:
    customer_id: str
    subject_id: str
    ticket_sector_id: str
    description: str
    agent: str
    priority: str = "M"
    title: str = ""
    contract_id: str = ""
    login_id: str = ""
    solved: bool = False
    sections_checked: tuple[str, ...] = ()   # labels as the agent reads them: "OS", "conexão"
    # the call, as the agent reads it
    call_number: str = ""
    call_started_at: datetime | None = None
    call_duration_s: int | None = None
    call_direction: str = ""
    extension: str = ""
    # the checklist (issue 16): what the card showed, and why a required section was skipped
    evidence: str = ""
    override_reason: str = ""
    # Section values ("service_orders"...): the machine-readable line the supervisor view reads
    section_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CreatedTicket:
    id: str
    protocol: str


def ticket_marker(key: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.:-]", "-", key)
    return f"[ramal {safe}]"


def ticket_text(draft: TicketDraft, marker: str) -> str:
    """The ``menssagem``: the agent's text, then the call and what the agent checked."""
    lines = [draft.description.strip() or tr(_CONTEXT, "(sem descrição)"), "", "—"]
    if draft.call_number:
        when = (draft.call_started_at.astimezone().strftime("%d/%m/%Y %H:%M")
                if draft.call_started_at else "—")
        lines.append(tr(_CONTEXT, "Ligação {direction} de {number} em {when}, duração "
                                  "{duration}, ramal {extension}.").format(
            direction=draft.call_direction or "", number=draft.call_number, when=when,
            duration=_duration(draft.call_duration_s), extension=draft.extension or "—"))
    sections = ", ".join(draft.sections_checked) or tr(_CONTEXT, "nenhuma")
    lines.append(tr(_CONTEXT, "Seções verificadas na ficha: {sections}.").format(
        sections=sections))
    if draft.evidence.strip():
        lines.append(tr(_CONTEXT, "Na ficha durante a ligação: {evidence}").format(
            evidence=draft.evidence.strip()))
    if draft.override_reason.strip():
        lines.append(tr(_CONTEXT, "Registrado sem a verificação exigida pelo assunto: "
                                  "{reason}").format(reason=draft.override_reason.strip()))
    if draft.solved:
        lines.append(tr(_CONTEXT, "Resolvido durante a ligação."))
    lines.append(tr(_CONTEXT, "Registrado por {agent} pelo Ramal {marker}").format(
        agent=draft.agent, marker=marker))
    lines.append(desk_marker(draft.extension, draft.section_codes))
    return "\n".join(lines)


DESK_MARKER = "[ramal-desk"
_DESK_LINE = re.compile(r"\[ramal-desk ramal=([0-9A-Za-z*#+]*) secoes=([a-z_,]*)\]")


def desk_marker(extension: str, section_codes: Sequence[str]) -> str:
    """``[ramal-desk ramal=201 secoes=connections,invoices]``: who logged it from which
    extension and what was checked, read back by the supervisor view (not by people)."""
    safe = re.sub(r"[^0-9A-Za-z*#+]", "", extension)
    codes = ",".join(sorted({re.sub(r"[^a-z_]", "", c) for c in section_codes} - {""}))
    return f"{DESK_MARKER} ramal={safe} secoes={codes}]"


def parse_desk_marker(text: str) -> tuple[str, frozenset[str]] | None:
    """(extension, section codes) from a ticket Ramal wrote, or None for any other ticket."""
    found = _DESK_LINE.search(text)
    if found is None:
        return None
    return found.group(1), frozenset(c for c in found.group(2).split(",") if c)


def build_ticket_fields(draft: TicketDraft, subject: Subject | None, marker: str) -> dict[str, str]:
    """The ``su_ticket`` insert body, or :class:`TicketError` if the subject's rules are not met."""
    if not draft.customer_id or draft.customer_id == "0":
        raise TicketError(tr(_CONTEXT, "Escolha o cliente do atendimento."))
    if not draft.subject_id:
        raise TicketError(tr(_CONTEXT, "Escolha o assunto do atendimento."))
    if not draft.ticket_sector_id:
        raise TicketError(tr(_CONTEXT, "Escolha o setor do atendimento."))
    if draft.priority not in PRIORITIES:
        raise TicketError(tr(_CONTEXT, "Prioridade inválida: {p}.").format(p=draft.priority))
    fields: dict[str, str] = {
        "tipo": "C",
        "id_cliente": draft.customer_id,
        "id_assunto": draft.subject_id,
        "titulo": (draft.title or (subject.label if subject else "")
                   or tr(_CONTEXT, "Atendimento por telefone"))[:TITLE_MAX],
        "menssagem": ticket_text(draft, marker),
        "id_ticket_setor": draft.ticket_sector_id,
        "prioridade": draft.priority,
        "su_status": "S" if draft.solved else "N",
        "status": "T",
        "origem_cadastro": "P",
        "id_ticket_origem": "I",
        "interacao_pendente": "N",
        "melhor_horario_reserva": "Q",
        "origem_endereco": "C",
        "finalizar_atendimento": "S" if draft.solved else "N",
    }
    if draft.contract_id:
        fields["id_contrato"] = draft.contract_id
    if draft.login_id:
        fields["id_login"] = draft.login_id
    if subject is not None:
        if subject.requires_contract and not draft.contract_id:
            raise TicketError(tr(_CONTEXT, 'O assunto "{s}" exige um contrato: escolha o '
                                           'contrato na ficha.').format(s=subject.label))
        if subject.requires_login and not draft.login_id:
            raise TicketError(tr(_CONTEXT, 'O assunto "{s}" exige um login: escolha o login '
                                           'na ficha.').format(s=subject.label))
        if subject.requires_process:
            if not subject.process_id or subject.process_id == "0":
                raise TicketError(tr(_CONTEXT, 'O assunto "{s}" exige um processo, mas não tem '
                                               'processo padrão no IXC.').format(s=subject.label))
            fields["id_wfl_processo"] = subject.process_id
    return fields


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}min{secs:02d}s"


def _flag(row: Mapping[str, str], *names: str) -> bool:
    return any(str(row.get(n, "")).upper() == "S" for n in names)


def parse_subject(row: Mapping[str, str]) -> Subject:
    return Subject(
        id=str(row.get("id", "")),
        label=str(row.get("assunto", "")).strip(),
        active=str(row.get("ativo", "S")).upper() != "N",
        purpose=str(row.get("finalidade", "")),
        requires_contract=_flag(row, "contrato_obrigatorio"),
        requires_login=_flag(row, "login_obrigatorio"),
        requires_process=_flag(row, "obrigar_processo_atendimento"),
        process_id=str(row.get("id_processo", "") or ""),
        default_priority=str(row.get("prioridade_padrao", "")),
    )


class IxcTickets:
    """Reads and writes tickets through the IXC engineer's :class:`IxcClient`."""

    def __init__(self, client: IxcClient) -> None:
        self._client = client

    async def fetch_subjects(self) -> list[Subject]:
        rows = await self._client.list_all("su_oss_assunto", qtype="su_oss_assunto.id",
                                           query="0", oper=">", rp=1000)
        return [parse_subject(r) for r in rows if r.get("id")]

    async def fetch_ticket_sectors(self) -> list[TicketSector]:
        rows = await self._client.list_all("su_ticket_setor", qtype="su_ticket_setor.id",
                                           query="0", oper=">", rp=1000)
        return [TicketSector(r.get("id", ""), r.get("setor", ""),
                             r.get("ativo", "S").upper() != "N") for r in rows if r.get("id")]

    async def reserve_protocol(self) -> str:
        """IXC's next attendance protocol, for an insert that carries it (one request; see
        :mod:`desktop.ixc.protocol_reservation`); raises :class:`IxcError`."""
        return await reserve_protocol(self._client)

    async def create(self, fields: Mapping[str, str]) -> CreatedTicket:
        ticket_id = await self._client.insert("su_ticket", fields)
        reserved = fields.get("protocolo", "")
        if reserved:
            # IXC stores the protocol the insert carries: nothing to read back
            return CreatedTicket(ticket_id, reserved)
        return CreatedTicket(ticket_id, await self._protocol(ticket_id))

    async def _protocol(self, ticket_id: str) -> str:
        try:
            page = await self._client.list("su_ticket", qtype="su_ticket.id", query=ticket_id,
                                           rp=1)
        except IxcError:
            return ""   # the ticket exists; the protocol shows later in IXC itself
        return page.rows[0].get("protocolo", "") if page.rows else ""

    async def complete(self, ticket_id: str, fields: Mapping[str, str]) -> CreatedTicket:
        """Write the log dialog's ``fields`` into the ticket opened during the call.

        IXC may blank what a PUT leaves out (reference §4), so the row is read again and sent
        whole with the changes applied. Sending the same fields twice leaves the same row: an
        update whose outcome was lost is simply sent again."""
        page = await self._client.list("su_ticket", qtype="su_ticket.id", query=ticket_id, rp=1)
        row = next((r for r in page.rows if r.get("id") == ticket_id), None)
        if row is None:
            raise IxcApiError("su_ticket", tr(_CONTEXT, "o atendimento {id} não existe mais no "
                                                        "IXC.").format(id=ticket_id))
        merged = {**row, **fields}
        await self._client.update("su_ticket", ticket_id, merged)
        return CreatedTicket(ticket_id, row.get("protocolo", ""))

    async def find_by_marker(self, customer_id: str, marker: str) -> CreatedTicket | None:
        page = await self._client.list(
            "su_ticket", qtype="su_ticket.id_cliente", query=customer_id, rp=20,
            sortname="su_ticket.id", sortorder="desc",
            filters=[Filter("su_ticket.menssagem", "L", marker)],
        )
        for row in page.rows:
            if marker in row.get("menssagem", ""):
                return CreatedTicket(row.get("id", ""), row.get("protocolo", ""))
        return None


def ticket_payload(fields: Mapping[str, str], marker: str) -> dict[str, Any]:
    return {"fields": dict(fields), "marker": marker, "customer_id": fields["id_cliente"]}


__all__: Sequence[str] = [
    "DESK_MARKER",
    "KIND",
    "PRIORITIES",
    "CreatedTicket",
    "IxcTickets",
    "TicketDraft",
    "TicketError",
    "build_ticket_fields",
    "desk_marker",
    "parse_desk_marker",
    "parse_subject",
    "ticket_marker",
    "ticket_payload",
    "ticket_text",
]
