"""The agent's two commands after a call: log it in IXC, and forward the case to a sector.

Both only *store* what must be sent (an attendance row plus outbox items) and wake the worker;
they return at once, whatever state IXC, Discord or OPA are in. The UI follows each item's
state through :meth:`AttendanceService.items` (or the worker's ``subscribe``) and offers
:meth:`AttendanceService.retry` on failures.

Each command writes everything it stores (attendance, outbox items, forward records, the call
marked as logged) in one SQLite transaction: a crash part-way leaves nothing, so the call still
reads "não registrado" and logging it again creates one ticket, not a second one.

Idempotency keys derive from the attendance's ``uid`` (random, unlike the local id that every
desk's database repeats), so pressing "Encaminhar" twice on the same attendance and sector does
not send twice, and the marker another desk writes in its IXC ticket is never mistaken for ours.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from desktop.forward import discord as discord_delivery
from desktop.forward import opa as opa_delivery
from desktop.forward.case import SECTION_LABELS, CallInfo, CustomerSummary, ForwardCase
from desktop.forward.clock import Clock, SystemClock
from desktop.forward.discord_message import build_case_message
from desktop.forward.opa import transfer_limitation
from desktop.forward.outage_record import KIND as OUTAGE_KIND
from desktop.forward.outage_record import outage_to_payload
from desktop.forward.outbox_worker import OutboxWorker
from desktop.i18n import tr
from desktop.ixc.errors import NEEDS_A_PERSON, IxcBadResponseError, IxcError
from desktop.ixc.models import Section
from desktop.ixc.outage_model import Outage
from desktop.ixc.ticket_opening import (
    KIND_COMPLETE,
    OpeningDraft,
    build_opening_fields,
    completion_fields,
)
from desktop.ixc.tickets import KIND as TICKET_KIND
from desktop.ixc.tickets import (
    IxcTickets,
    TicketDraft,
    TicketError,
    build_ticket_fields,
    ticket_marker,
    ticket_payload,
)
from desktop.phone.numbers import NumberKind, format_number, normalize_br_number
from desktop.settings.model import Sector, Settings
from desktop.settings.source import settings_reader
from desktop.store.attendances import (
    OPEN,
    Attendance,
    AttendanceStore,
    Subject,
    TicketSector,
)
from desktop.store.history import CallDirection, CallHistory, CallRecord
from desktop.store.outbox import Outbox, OutboxItem, OutboxState

_CONTEXT = "attendance"
log = logging.getLogger(__name__)

RESERVE_PAUSE_S = 30 * 60
# what pauses reservations: the answers retrying will not change (see reserve_protocol)
RESERVE_REFUSALS: tuple[type[IxcError], ...] = (IxcBadResponseError, *NEEDS_A_PERSON)

_DIRECTION_WORDS = {
    CallDirection.INBOUND: lambda: tr(_CONTEXT, "recebida"),
    CallDirection.OUTBOUND: lambda: tr(_CONTEXT, "feita"),
}


@dataclass(frozen=True)
class LogRequest:
    """What the "Registrar atendimento" dialog collected."""

    customer_id: str
    customer_name: str
    subject_id: str
    ticket_sector_id: str
    description: str
    priority: str = "M"
    contract_id: str = ""
    login_id: str = ""
    solved: bool = False
    sections_checked: tuple[Section, ...] = ()
    call_id: int | None = None      # the history row this attendance is about
    title: str = ""
    evidence: str = ""              # the checklist snapshot: what the card showed
    override_reason: str = ""       # why it is logged without a section its subject requires


@dataclass(frozen=True)
class OpenRequest:
    """Open the call's IXC ticket now, so its protocol can be read out before hanging up."""

    call_id: int
    customer_id: str
    customer_name: str
    contract_id: str = ""
    login_id: str = ""
    # reserved in IXC just before (:meth:`AttendanceService.reserve_protocol`): the insert
    # carries it and needs no read-back; "" = IXC numbers the ticket
    protocol: str = ""


@dataclass(frozen=True)
class LoggedAttendance:
    attendance: Attendance
    ticket: OutboxItem              # state "pendente" at first; result["protocol"] once sent


@dataclass(frozen=True)
class ForwardRequest:
    """What the "Encaminhar" action collected."""

    sector: str
    note: str
    call: CallInfo
    customer: CustomerSummary | None = None
    sections_checked: tuple[Section, ...] = ()
    attendance_id: int | None = None   # forward an attendance already logged
    call_id: int | None = None
    to_discord: bool = True
    to_opa: bool = True


@dataclass(frozen=True)
class ForwardResult:
    attendance_id: int
    items: tuple[OutboxItem, ...]
    # things that could not be done, in pt-BR, to show as they are
    limitations: tuple[str, ...] = ()
    # the sector's 3CX queue/extension: the app asks the SIP engine to transfer the call there
    transfer_to: str = ""


class AttendanceService:
    def __init__(
        self,
        *,
        settings: Settings | Callable[[], Settings],
        outbox: Outbox,
        attendances: AttendanceStore,
        history: CallHistory,
        agent: str,
        tickets: IxcTickets | None = None,
        worker: OutboxWorker | None = None,
        clock: Clock | None = None,
    ) -> None:
        # read at use time: a sector edited in Configurações is the next forward's
        self._settings = settings_reader(settings)
        self._outbox = outbox
        self._attendances = attendances
        self._history = history
        self._agent = agent
        self._tickets = tickets
        self._worker = worker
        self._clock = clock or SystemClock()
        self._reserve_paused_until = float("-inf")   # monotonic; see reserve_protocol

    # --- lookups for the dialog ---------------------------------------------------------------

    async def refresh_ixc_caches(self) -> tuple[int, int]:
        """Reload subjects and ticket sectors from IXC; returns how many of each."""
        if self._tickets is None:
            return 0, 0
        subjects = await self._tickets.fetch_subjects()
        sectors = await self._tickets.fetch_ticket_sectors()
        now = self._clock.now()
        self._attendances.replace_subjects(subjects, now)
        self._attendances.replace_ticket_sectors(sectors, now)
        return len(subjects), len(sectors)

    def search_subjects(self, text: str = "", limit: int = 50) -> list[Subject]:
        return self._attendances.search_subjects(text, limit=limit)

    def ticket_sectors(self) -> list[TicketSector]:
        return self._attendances.ticket_sectors()

    # --- commands -----------------------------------------------------------------------------

    async def reserve_protocol(self) -> str:
        """IXC's next attendance protocol, for :meth:`open_ticket` to carry (one direct
        request, nothing stored: see :mod:`desktop.ixc.protocol_reservation`); "" without
        IXC, or while reservations are paused. Raises :class:`~desktop.ixc.errors.IxcError`.

        A refusal retrying will not fix (an IXC version without the resource, a user without
        the permission, an answer Ramal cannot read) pauses reservations for
        ``RESERVE_PAUSE_S``: every call would otherwise pay one request more than opening the
        ticket the old way. A timeout or a server error does not."""
        if self._tickets is None:
            return ""
        if self._clock.monotonic() < self._reserve_paused_until:
            return ""
        try:
            return await self._tickets.reserve_protocol()
        except RESERVE_REFUSALS as exc:
            self._reserve_paused_until = self._clock.monotonic() + RESERVE_PAUSE_S
            log.warning("IXC refused the protocol reservation (%s): tickets are numbered by "
                        "IXC for the next %d min", exc.message, RESERVE_PAUSE_S // 60)
            raise

    def check_opening(self, request: OpenRequest) -> None:
        """What :meth:`open_ticket` would refuse, refused now (TicketError, pt-BR), so a desk
        does not reserve a protocol for a ticket that cannot be opened."""
        if self._attendances.open_for_call(request.call_id) is None:
            self._opening_draft(request)

    def check_not_logged(self, call_id: int) -> None:
        """TicketError (pt-BR) when the call was logged already: its log made its ticket, so
        an opening that comes later (after a slow reservation) must not make a second one."""
        if self._history.get(call_id).logged:
            raise TicketError(tr(_CONTEXT, "A ligação já foi registrada no IXC; nenhum outro "
                                           "protocolo foi aberto."))

    def _opening_draft(self, request: OpenRequest) -> OpeningDraft:
        self.check_not_logged(request.call_id)
        call = self._history.get(request.call_id)
        config = self._settings().attendance
        subject_id = config.open_subject_id or next(
            (s.id for s in self._attendances.search_subjects()), "")
        sector_id = config.open_ticket_sector_id or next(
            (s.id for s in self._attendances.ticket_sectors()), "")
        draft = OpeningDraft(customer_id=request.customer_id, subject_id=subject_id,
                             ticket_sector_id=sector_id, agent=self._agent,
                             call_number=format_number(call.number) if call.number else "",
                             contract_id=request.contract_id, login_id=request.login_id,
                             protocol=request.protocol)
        build_opening_fields(draft, ticket_marker("validacao"))
        return draft

    def open_ticket(self, request: OpenRequest) -> LoggedAttendance:
        """Queue the call's open ticket (once per call); raises TicketError (pt-BR).

        The attendance row ("aberto") and the insert are stored in one transaction before
        anything is sent, under a key made of the row's uid: a PC that dies mid-call leaves an
        item the worker reconciles by its marker on the next start, never a second ticket.
        A second call for the same call returns the first one's item, whatever protocol it
        carries (:func:`opening_protocol` says which)."""
        existing = self._attendances.open_for_call(request.call_id)
        if existing is not None:
            item = self._outbox.by_key(_opening_key(existing))
            if item is not None:
                return LoggedAttendance(existing, item)
        draft = self._opening_draft(request)
        now = self._clock.now()
        with self._attendances.transaction():
            attendance = self._attendances.add(
                created_at=now, agent=self._agent, customer_id=request.customer_id,
                customer_name=request.customer_name, call_id=request.call_id,
                contract_id=request.contract_id, login_id=request.login_id,
                subject_id=draft.subject_id, ticket_sector_id=draft.ticket_sector_id,
                state=OPEN)
            key = _opening_key(attendance)
            marker = ticket_marker(key)
            item = self._enqueue_forward(
                attendance.id, key=key, kind=TICKET_KIND, target="ixc", lane="ixc", sector="",
                destination="ixc", payload=ticket_payload(build_opening_fields(draft, marker),
                                                          marker), now=now)
        self._wake()
        return LoggedAttendance(attendance, item)

    def opening_of(self, attendance: Attendance) -> OutboxItem | None:
        """The outbox item that opens (opened) this attendance's ticket: its result has the
        protocol once IXC answered."""
        return self._outbox.by_key(_opening_key(attendance))

    def open_attendances(self, limit: int = 100) -> list[Attendance]:
        """Tickets opened during a call and not logged yet, newest first (the reminder)."""
        return self._attendances.open_attendances(limit)

    def opening_for_call(self, call_id: int) -> OutboxItem | None:
        """The open ticket's item of a call not logged yet (the log dialog shows its protocol)."""
        opened = self._attendances.open_for_call(call_id)
        return self.opening_of(opened) if opened is not None else None

    async def log_attendance(self, request: LogRequest,
                             outage: Outage | None = None) -> LoggedAttendance:
        """Store the attendance and its IXC ticket (sent by the worker); raises TicketError.

        With ``outage`` ("Registrar como massiva") the ticket points to the one outage record,
        found or created in IXC when it is sent (:mod:`desktop.forward.outage_record`).

        A call whose ticket was opened during the call gets that ticket completed (an update
        queued after the opening in the same lane) instead of a second one."""
        call = self._history.get(request.call_id) if request.call_id is not None else None
        subject = self._attendances.subject(request.subject_id)
        sections = tuple(SECTION_LABELS[s] for s in request.sections_checked)
        draft = TicketDraft(
            customer_id=request.customer_id, subject_id=request.subject_id,
            ticket_sector_id=request.ticket_sector_id,
            description="\n\n".join(p for p in (request.description,
                                                 self._call_links(call)) if p),
            agent=self._agent, priority=request.priority, title=request.title,
            contract_id=request.contract_id, login_id=request.login_id, solved=request.solved,
            sections_checked=sections,
            section_codes=tuple(s.value for s in request.sections_checked),
            extension=self._settings().sip.extension,
        )
        draft = replace(draft, evidence=request.evidence,
                        override_reason=request.override_reason)
        if call is not None:
            draft = replace(draft, call_number=format_number(call.number),
                            call_started_at=call.started_at, call_duration_s=call.duration_s,
                            call_direction=_DIRECTION_WORDS[call.direction](),
                            extension=call.extension or draft.extension)
        now = self._clock.now()
        # validate before anything is stored: a ticket IXC will refuse must not be queued
        build_ticket_fields(draft, subject, ticket_marker("validacao"))
        opened = (self._attendances.open_for_call(request.call_id)
                  if request.call_id is not None else None)
        if opened is not None:
            return self._complete_opened(opened, request, draft, subject, now)
        with self._attendances.transaction():
            attendance = self._attendances.add(
                created_at=now, agent=self._agent, customer_id=request.customer_id,
                customer_name=request.customer_name, call_id=request.call_id,
                contract_id=request.contract_id, login_id=request.login_id,
                subject_id=request.subject_id, ticket_sector_id=request.ticket_sector_id,
                priority=request.priority, description=request.description,
                solved=request.solved,
                sections_checked=[s.value for s in request.sections_checked],
                evidence=request.evidence, override_reason=request.override_reason,
            )
            key = f"atendimento-{attendance.uid}-ixc"
            marker = ticket_marker(key)
            fields = build_ticket_fields(draft, subject, marker)
            payload = ticket_payload(fields, marker)
            if outage is not None:
                payload["outage"] = outage_to_payload(outage)
            item = self._enqueue_forward(
                attendance.id, key=key, kind=OUTAGE_KIND if outage else TICKET_KIND,
                target="ixc", lane="ixc", sector="", destination="ixc", payload=payload,
                now=now)
            if call is not None:
                self._history.mark_logged(call.id)
                if call.callback_of is not None:    # the missed call was returned and logged
                    self._history.mark_logged(call.callback_of)
                self._history.mark_sections_checked(call.id, [s.value for s in
                                                              request.sections_checked])
        self._wake()
        return LoggedAttendance(attendance, item)

    def _call_links(self, call: CallRecord | None) -> str:
        """What the ticket says of the call's transfer and of the missed call it returns."""
        if call is None:
            return ""
        lines = []
        if call.callback_of is not None:
            missed = self._history.get(call.callback_of)
            lines.append(tr(_CONTEXT, "Retorno da ligação perdida de {when}.").format(
                when=missed.started_at.astimezone().strftime("%d/%m/%Y %H:%M")))
        if call.transferred_to:
            lines.append((tr(_CONTEXT, "Ligação transferida para {target} (assistida).")
                          if call.transfer_mode == "attended" else
                          tr(_CONTEXT, "Ligação transferida para {target}.")).format(
                target=call.transferred_to))
        return "\n".join(lines)

    def _complete_opened(self, opened: Attendance, request: LogRequest, draft: TicketDraft,
                         subject: Subject | None, now: datetime) -> LoggedAttendance:
        opening = self._outbox.by_key(_opening_key(opened))
        if opening is None:   # cannot happen: both were written in one transaction
            raise TicketError(tr(_CONTEXT, "O protocolo aberto durante a ligação sumiu do "
                                           "banco local."))
        # the opening's marker stays in the text: a lost insert is still found by it
        fields = completion_fields(build_ticket_fields(draft, subject,
                                                       str(opening.payload["marker"])))
        with self._attendances.transaction():
            attendance = self._attendances.complete(
                opened.id, subject_id=request.subject_id,
                ticket_sector_id=request.ticket_sector_id, priority=request.priority,
                description=request.description, solved=request.solved,
                contract_id=request.contract_id, login_id=request.login_id,
                sections_checked=[s.value for s in request.sections_checked],
                evidence=request.evidence, override_reason=request.override_reason)
            item = self._enqueue_forward(
                attendance.id, key=f"atendimento-{attendance.uid}-ixc-registro",
                kind=KIND_COMPLETE, target="ixc", lane="ixc", sector="", destination="ixc",
                payload={"open_item_id": opening.id, "fields": fields,
                         "customer_id": fields["id_cliente"]}, now=now)
            if request.call_id is not None:
                self._history.mark_logged(request.call_id)
                callback_of = self._history.get(request.call_id).callback_of
                if callback_of is not None:
                    self._history.mark_logged(callback_of)
                self._history.mark_sections_checked(
                    request.call_id, [s.value for s in request.sections_checked])
        self._wake()
        return LoggedAttendance(attendance, item)

    async def forward(self, request: ForwardRequest) -> ForwardResult:
        """Queue the case for the sector's Discord webhook and OPA department."""
        sector = self._settings().sector(request.sector)
        if sector is None:
            raise ValueError(tr(_CONTEXT, 'Setor desconhecido: "{name}".').format(
                name=request.sector))
        now = self._clock.now()
        with self._attendances.transaction():
            result = self._store_forward(request, sector, now)
        self._wake()
        return result

    def _store_forward(self, request: ForwardRequest, sector: Sector,
                       now: datetime) -> ForwardResult:
        if request.attendance_id is None:
            customer = request.customer
            attendance = self._attendances.add(
                created_at=now, agent=self._agent,
                customer_id=customer.customer_id if customer else "",
                customer_name=customer.name if customer else "", call_id=request.call_id,
                description=request.note,
                sections_checked=[s.value for s in request.sections_checked])
        else:
            attendance = self._attendances.get(request.attendance_id)
        attendance_id = attendance.id
        case = ForwardCase(sector=sector.name, call=request.call, agent=self._agent,
                           note=request.note, customer=request.customer,
                           sections_checked=request.sections_checked)
        items: list[OutboxItem] = []
        limitations: list[str] = []
        base = f"atendimento-{attendance.uid}-{sector.name}"

        if request.to_discord:
            if sector.discord_webhook:
                key = f"{base}-discord"
                body = build_case_message(case, role_id=sector.discord_role_id, reference=key)
                items.append(self._enqueue_forward(
                    attendance_id, key=key, kind=discord_delivery.KIND, target=sector.name,
                    sector=sector.name, destination="discord", payload={"body": body},
                    now=now))
            else:
                limitations.append(tr(_CONTEXT, 'O setor "{s}" não tem webhook do Discord '
                                                 'configurado.').format(s=sector.name))

        if request.to_opa:
            opa_items, opa_limits = self._queue_opa(case, sector, base, attendance_id, now)
            items += opa_items
            limitations += opa_limits

        if request.call_id is not None:
            self._history.mark_sections_checked(
                request.call_id, [s.value for s in request.sections_checked])
        return ForwardResult(attendance_id, tuple(items), tuple(limitations),
                             transfer_to=sector.transfer_to)

    def _queue_opa(self, case: ForwardCase, sector: Sector, base: str, attendance_id: int,
                   now: datetime) -> tuple[list[OutboxItem], list[str]]:
        if not self._settings().opa.url or not sector.opa_department:
            return [], [tr(_CONTEXT, 'O setor "{s}" não tem departamento do OPA '
                                     'configurado.').format(s=sector.name)]
        phone = normalize_br_number(case.call.number)
        items: list[OutboxItem] = []
        limits: list[str] = [transfer_limitation().message]
        summary = _opa_text(case)
        if phone.kind in (NumberKind.BRAZIL, NumberKind.INTERNATIONAL):
            key = f"{base}-opa-observacao"
            marker = f"[ramal {key}]"
            template = None
            if sector.opa_template_id and self._settings().opa.template_channel:
                template = {"id": sector.opa_template_id,
                            "channel": self._settings().opa.template_channel,
                            "variables": _template_variables(sector.opa_template_variables,
                                                             case, phone.number)}
            payload = {"phone": phone.number, "department": sector.opa_department,
                       "text": f"{summary}\n{marker}", "marker": marker, "template": template}
            items.append(self._enqueue_forward(
                attendance_id, key=key, kind=opa_delivery.KIND_NOTE, target=sector.name,
                lane="opa", sector=sector.name, destination="opa", payload=payload, now=now))
        else:
            limits.append(tr(_CONTEXT, "Sem um número de telefone do cliente não há como achar "
                                       "o contato no OPA; só os atendentes serão avisados."))
        key = f"{base}-opa-notificacao"
        title = tr(_CONTEXT, "Ligação encaminhada: {who}").format(
            who=case.customer.name if case.customer else case.call.number)
        items.append(self._enqueue_forward(
            attendance_id, key=key, kind=opa_delivery.KIND_NOTIFY, target=sector.name,
            lane="opa", sector=sector.name, destination="opa",
            payload={"department": sector.opa_department, "title": title[:120],
                     "description": summary[:1000]},
            now=now, note=limits[0]))
        return items, limits

    def _enqueue_forward(self, attendance_id: int, *, key: str, kind: str, target: str,
                         sector: str, destination: str, payload: Mapping[str, Any], now: datetime,
                         lane: str = "", note: str = "") -> OutboxItem:
        """Queue one delivery and record on the attendance where it went (the history shows it)."""
        item = self._outbox.enqueue(idempotency_key=key, kind=kind, target=target, lane=lane,
                                    payload=payload, now=now, attendance_id=attendance_id)
        self._attendances.add_forward(attendance_id=attendance_id, sector=sector,
                                      destination=destination, created_at=now,
                                      outbox_item_id=item.id, note=note)
        return item

    # --- outbox state for the UI --------------------------------------------------------------

    def items(self, *, states: Sequence[OutboxState] = (), attendance_id: int | None = None,
              limit: int = 200) -> list[OutboxItem]:
        return self._outbox.items(states=states, attendance_id=attendance_id, limit=limit)

    def retry(self, item_id: int) -> OutboxItem:
        """The "tentar de novo" button (also re-enables a disabled Discord webhook)."""
        if self._worker is not None:
            return self._worker.retry(item_id)
        item = self._outbox.get(item_id)
        self._outbox.enable_targets_of(item.kind, item.target)
        return self._outbox.retry(item_id, self._clock.now())

    def _wake(self) -> None:
        if self._worker is not None:
            self._worker.notify()


def opening_protocol(item: OutboxItem) -> str:
    """The protocol of a ticket opened during a call: IXC's answer once sent, else the one
    reserved before the insert (in its fields), else ""."""
    sent = str(item.result.get("protocol", "") or "")
    if sent:
        return sent
    fields = item.payload.get("fields")
    return str(fields.get("protocolo", "") or "") if isinstance(fields, dict) else ""


def _opening_key(attendance: Attendance) -> str:
    # the same key a logged attendance's insert has: one ticket per attendance, either way
    return f"atendimento-{attendance.uid}-ixc"


def _opa_text(case: ForwardCase) -> str:
    lines = [tr(_CONTEXT, "Encaminhado pelo Ramal para {sector} por {agent}.").format(
        sector=case.sector, agent=case.agent)]
    if case.customer:
        c = case.customer
        lines.append(tr(_CONTEXT, "Cliente: {name} (ID {id})").format(name=c.name,
                                                                      id=c.customer_id))
        if c.contract:
            lines.append(tr(_CONTEXT, "Contrato: {c} — {s}; acesso: {a}").format(
                c=c.contract, s=c.contract_status or "—", a=c.access_status or "—"))
    lines.append(tr(_CONTEXT, "Ligação de {number} em {when}").format(
        number=case.call.number,
        when=case.call.started_at.astimezone().strftime("%d/%m/%Y %H:%M")))
    if case.note:
        lines.append(tr(_CONTEXT, "Observação: {note}").format(note=case.note))
    return "\n".join(lines)


def _template_variables(spec: str, case: ForwardCase, phone: str) -> list[str]:
    values = {
        "nome": case.customer.name if case.customer else "",
        "telefone": phone,
        "setor": case.sector,
        "atendente": case.agent,
        "nota": case.note[:200],
    }
    return [values[name.strip()] for name in spec.split(",") if name.strip() in values]
