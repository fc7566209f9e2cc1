"""Glue between the attendance/forward dialogs, the outbox view and :class:`AttendanceService`.

The widgets only emit what the agent asked for; this controller turns it into service calls on
the asyncio loop (qasync in the app), and routes every outbox change the worker reports back to
the dialog or row that shows that item. It also builds the dialogs' plain values from the call
history and the IXC record, so the widgets never see SQL, HTTP or pjsua2.

The app builds one controller and connects three signals (see docs/attendance-ui.md):
``transfer_requested`` to the SIP engine, ``history_changed`` to its history refresh and
``not_logged_changed`` to the tray badge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.forward.attendance import AttendanceService, ForwardRequest, opening_protocol
from desktop.forward.case import FORWARDED_SECTIONS, CallInfo, CustomerSummary
from desktop.forward.checklist import card_evidence, missing_sections
from desktop.forward.outbox_worker import OutboxWorker
from desktop.i18n import N_, tr
from desktop.ixc import models as ixc
from desktop.ixc.tickets import TicketError
from desktop.phone.numbers import format_number
from desktop.settings.model import Settings
from desktop.settings.source import settings_reader
from desktop.store.database import diagnose
from desktop.store.history import CallDirection, CallHistory, CallOutcome, CallRecord, HistoryFilter
from desktop.store.outbox import Outbox, OutboxItem, OutboxState
from desktop.system.background import BackgroundTasks
from desktop.ui.attendance_dialog import AttendanceDialog, LogSubmission
from desktop.ui.attendance_view_models import CallSummary, Choice, CustomerChoice
from desktop.ui.forward_dialog import ForwardDialog, ForwardSubmission, TransferMode
from desktop.ui.outbox_view import OutboxView
from desktop.ui.qt_lifetime import dispose_later

log = logging.getLogger(__name__)

_CONTEXT = "attendance_ui"

# --- plain conversions (no Qt): tested directly ---------------------------------------------------

def action_lines(actions: Sequence[str]) -> str:
    """The card's actions of the call, as the description's opening lines."""
    return tr("attendance", "Ações no card durante a ligação:") + "\n" + "\n".join(
        f"- {line}" for line in actions) + "\n\n"


def sections_checked(values: Iterable[str]) -> tuple[ixc.Section, ...]:
    """Card sections opened (stored names) → the ones an attendance mentions, in a fixed order."""
    found = set(values)
    return tuple(s for s in FORWARDED_SECTIONS if s.value in found)


def direction_label(direction: CallDirection) -> str:
    return (tr(_CONTEXT, "Recebida") if direction is CallDirection.INBOUND
            else tr(_CONTEXT, "Feita"))


_OUTCOME_LABELS = {
    CallOutcome.COMPLETED: N_(_CONTEXT, "Atendida"),
    CallOutcome.ANSWERED_ELSEWHERE: N_(_CONTEXT, "Atendida em outro aparelho"),
    CallOutcome.MISSED: N_(_CONTEXT, "Perdida"),
    CallOutcome.REJECTED: N_(_CONTEXT, "Recusada"),
    CallOutcome.FAILED: N_(_CONTEXT, "Não completada"),
    CallOutcome.TRANSFERRED: N_(_CONTEXT, "Transferida"),
}


def outcome_label(outcome: CallOutcome | None, transferred_to: str = "",
                  transfer_mode: str = "") -> str:
    if outcome is CallOutcome.TRANSFERRED and transferred_to:
        return (tr(_CONTEXT, "Transferida para {target} (assistida)") if transfer_mode ==
                "attended" else tr(_CONTEXT, "Transferida para {target}")).format(
            target=transferred_to)
    return tr(_CONTEXT, _OUTCOME_LABELS[outcome]) if outcome else tr(_CONTEXT, "Em andamento")


def call_summary(call: CallRecord, live_call_id: str = "") -> CallSummary:
    return CallSummary(
        history_id=call.id, number=format_number(call.number) if call.number else "",
        started_at=call.started_at, duration_s=call.duration_s,
        direction=direction_label(call.direction), extension=call.extension,
        outcome=outcome_label(call.outcome, call.transferred_to, call.transfer_mode),
        duration_editable=call.outcome is CallOutcome.ANSWERED_ELSEWHERE,
        live_call_id=live_call_id)


def call_info(call: CallRecord | None, now: datetime) -> CallInfo:
    """The call as Discord/OPA messages show it."""
    if call is None:
        return CallInfo(number="", started_at=now)
    return CallInfo(number=format_number(call.number) if call.number else "",
                    started_at=call.started_at, duration_s=call.duration_s,
                    direction="entrada" if call.direction is CallDirection.INBOUND else "saída",
                    extension=call.extension)


def _contract_label(contract: ixc.Contract) -> str:
    label = f"{contract.id} – {contract.plan_name}" if contract.plan_name else str(contract.id)
    return f"{label} ({contract.status.label})"


def customer_choice(record: ixc.CustomerRecord | None, *, customer_id: str = "",
                    customer_name: str = "", contract_id: str = "",
                    login_id: str = "") -> CustomerChoice | None:
    """The card's record (or only the history's id and name) as the dialog's customer."""
    if record is None:
        if not customer_id:
            return None
        return CustomerChoice(customer_id=customer_id, name=customer_name,
                              contract_id=contract_id, login_id=login_id)
    contracts = tuple(Choice(str(c.id), _contract_label(c)) for c in record.contracts)
    logins = tuple(Choice(str(c.id), f"{c.login} ({c.online.label})",
                          str(c.contract_id or "")) for c in record.connections)
    if not login_id and contract_id:
        # the login of the chosen contract, when there is exactly one
        of_contract = [c for c in logins if c.contract_id == contract_id]
        login_id = of_contract[0].id if len(of_contract) == 1 else ""
    return CustomerChoice(customer_id=str(record.customer.id), name=record.customer.name,
                          contracts=contracts, logins=logins, contract_id=contract_id,
                          login_id=login_id)


def customer_summary(record: ixc.CustomerRecord | None, *, customer_id: str = "",
                     customer_name: str = "") -> CustomerSummary | None:
    """The customer part of a Discord/OPA message."""
    if record is None:
        return CustomerSummary(customer_id, customer_name) if customer_id else None
    contract = next(iter(record.blocked_contracts), None) or next(iter(record.contracts), None)
    connection = next(iter(record.connections), None)
    connection_text = ""
    if connection is not None:
        connection_text = f"{connection.login}: {connection.online.label}"
        if not connection.is_online and connection.last_disconnect:
            connection_text += " " + tr(_CONTEXT, "desde {when}").format(
                when=connection.last_disconnect.strftime("%d/%m %H:%M"))
        if connection.disconnect_reason:
            connection_text += f" ({connection.disconnect_reason})"
    return CustomerSummary(
        customer_id=str(record.customer.id), name=record.customer.name,
        contract=(f"{contract.id} – {contract.plan_name}" if contract and contract.plan_name
                  else str(contract.id) if contract else ""),
        contract_status=contract.status.label if contract else "",
        access_status=contract.access_status.label if contract else "",
        open_orders=tuple(f"#{o.id} {o.subject} ({o.status.label})".replace("  ", " ")
                          for o in record.open_service_orders),
        overdue_amount=record.total_overdue, overdue_invoices=len(record.overdue_invoices),
        connection=connection_text)


# --- the controller ---------------------------------------------------------------------------

class AttendanceController(QObject):
    """Opens the dialogs, runs their commands on the loop, keeps them and the outbox view live."""

    transfer_requested = Signal(str, str, str)   # live SIP call id, target, TransferMode value
    history_changed = Signal()                    # a call was logged: refresh the history
    not_logged_changed = Signal(int)              # calls still to log (tray badge)

    def __init__(self, service: AttendanceService, history: CallHistory, outbox: Outbox,
                 settings: Settings | Callable[[], Settings], *, worker: OutboxWorker | None = None,
                 attended_transfer_available: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.history = history
        self.outbox = outbox
        # read at use time: the dialogs list the sectors as last saved in Configurações
        self._settings = settings_reader(settings)
        self.attended_transfer_available = attended_transfer_available
        self.dialogs: set[AttendanceDialog | ForwardDialog] = set()
        self._by_item: dict[int, AttendanceDialog | ForwardDialog] = {}
        self.views: list[OutboxView] = []
        self._tasks = BackgroundTasks(log, "attendance command")
        if worker is not None:
            worker.subscribe(self.item_changed)

    @property
    def settings(self) -> Settings:
        return self._settings()

    # --- dialogs ------------------------------------------------------------------------------

    def open_log_dialog(self, call_id: int | None, record: ixc.CustomerRecord | None = None, *,
                        sections: Iterable[str] = (), live_call_id: str = "",
                        contract_id: str = "", login_id: str = "",
                        parent: QWidget | None = None,
                        actions: Sequence[str] = ()) -> AttendanceDialog:
        """The "Registrar atendimento" dialog for a history call (shown, not modal);
        ``actions``: what the agent did from the card during the call, one line each, put in
        the description so the ticket tells the whole story."""
        call = self.history.get(call_id) if call_id is not None else None
        seen = sections_checked([*sections, *(call.sections_checked if call else ())])
        customer = customer_choice(
            record, customer_id=call.customer_id if call else "",
            customer_name=call.customer_name if call else "", contract_id=contract_id,
            login_id=login_id)
        default_sector = next((s.ixc_ticket_sector for s in self.settings.sectors
                               if s.ixc_ticket_sector), "")
        rules = self.settings.checklist_rules
        opening = self.service.opening_for_call(call_id) if call_id is not None else None
        dialog = AttendanceDialog(
            call_summary(call, live_call_id) if call else None, customer, sections=seen,
            ticket_sectors=self.service.ticket_sectors(),
            search_subjects=lambda text: self.service.search_subjects(text),
            default_ticket_sector_id=default_sector,
            # the checklist: the card's snapshot for the ticket, the subject's rule
            evidence=card_evidence(record, seen),
            missing_for=lambda label: missing_sections(label, seen, rules),
            opened_protocol=opening_protocol(opening) if opening else "",
            parent=parent)
        if actions:
            dialog.description.setPlainText(action_lines(actions))
        dialog.log_requested.connect(lambda s: self.spawn(self.submit_log(dialog, s)))
        dialog.retry_requested.connect(self.retry)
        self._keep(dialog)
        dialog.show()
        return dialog

    def open_forward_dialog(self, call_id: int | None, record: ixc.CustomerRecord | None = None,
                            *, sections: Iterable[str] = (), live_call_id: str = "",
                            attendance_id: int | None = None,
                            parent: QWidget | None = None) -> ForwardDialog:
        """The "Encaminhar" dialog for a call (transfer offered while ``live_call_id`` is up)."""
        call = self.history.get(call_id) if call_id is not None else None
        seen = sections_checked([*sections, *(call.sections_checked if call else ())])
        summary = customer_summary(record, customer_id=call.customer_id if call else "",
                                   customer_name=call.customer_name if call else "")
        dialog = ForwardDialog(
            self.settings.sectors,
            call=call_summary(call, live_call_id) if call else None,
            customer_name=summary.name if summary else "", sections=seen,
            opa_configured=bool(self.settings.opa.url),
            attended_transfer_available=self.attended_transfer_available, parent=parent)
        dialog.forward_requested.connect(lambda s: self.spawn(self.submit_forward(
            dialog, s, call=call, customer=summary, sections=seen, live_call_id=live_call_id,
            attendance_id=attendance_id)))
        dialog.retry_requested.connect(self.retry)
        self._keep(dialog)
        dialog.show()
        return dialog

    def _keep(self, dialog: AttendanceDialog | ForwardDialog) -> None:
        self.dialogs.add(dialog)
        dialog.finished.connect(lambda _code: self._forget(dialog))

    def _forget(self, dialog: AttendanceDialog | ForwardDialog) -> None:
        self.dialogs.discard(dialog)
        for item_id in [i for i, d in self._by_item.items() if d is dialog]:
            del self._by_item[item_id]
        dispose_later(dialog)

    # --- commands -----------------------------------------------------------------------------

    async def submit_log(self, dialog: AttendanceDialog, submission: LogSubmission) -> None:
        request = submission.request
        try:
            if submission.corrected_duration_s is not None and request.call_id is not None:
                self.history.correct_duration(request.call_id, submission.corrected_duration_s)
            logged = await self.service.log_attendance(request)
        except TicketError as exc:
            dialog.show_refused(exc.message)
            return
        except Exception as exc:  # the agent must see it; the form stays filled to try again
            log.exception("log_attendance failed")
            problem = diagnose(exc, self.history.path)
            dialog.show_refused(
                tr(_CONTEXT, "O atendimento não foi guardado: {reason}. Nada foi enviado ao "
                             "IXC; o que você escreveu continua aqui: registre de novo quando "
                             "o problema for resolvido.").format(reason=problem.reason)
                if problem is not None else
                tr(_CONTEXT, "Não foi possível guardar o atendimento: {error}").format(
                    error=exc))
            return
        self._by_item[logged.ticket.id] = dialog
        # the worker may already have moved it: show what the store says now
        item = self.outbox.get(logged.ticket.id)
        dialog.show_item(item)
        self._to_views(item)
        self.history_changed.emit()
        self.not_logged_changed.emit(self.history.count(HistoryFilter.NOT_LOGGED))

    async def submit_forward(self, dialog: ForwardDialog, submission: ForwardSubmission, *,
                             call: CallRecord | None, customer: CustomerSummary | None,
                             sections: tuple[ixc.Section, ...], live_call_id: str = "",
                             attendance_id: int | None = None) -> None:
        try:
            result = await self.service.forward(ForwardRequest(
                sector=submission.sector, note=submission.note,
                call=call_info(call, datetime.now(UTC)), customer=customer,
                sections_checked=sections, attendance_id=attendance_id,
                call_id=call.id if call else None, to_discord=submission.to_discord,
                to_opa=submission.to_opa))
        except Exception as exc:
            log.exception("forward failed")
            problem = diagnose(exc, self.history.path)
            dialog.show_refused(
                tr(_CONTEXT, "Nada foi encaminhado: {reason}. A observação continua aqui: "
                             "encaminhe de novo quando o problema for resolvido.").format(
                    reason=problem.reason)
                if problem is not None else
                tr(_CONTEXT, "Não foi possível encaminhar: {error}").format(error=exc))
            return
        transfer_text = ""
        if submission.transfer is not None and result.transfer_to and live_call_id:
            mode = submission.transfer
            transfer_text = (tr(_CONTEXT, "Transferindo a ligação para {target} (assistida)…")
                             if mode is TransferMode.ATTENDED else
                             tr(_CONTEXT, "Transferindo a ligação para {target}…")).format(
                target=result.transfer_to)
            self.transfer_requested.emit(live_call_id, result.transfer_to, mode.value)
        items = [self.outbox.get(i.id) for i in result.items]
        for item in items:
            self._by_item[item.id] = dialog
            self._to_views(item)
        dialog.show_result(items, result.limitations, transfer_text)

    def retry(self, item_id: int) -> None:
        """ "Tentar de novo" from any dialog or the outbox view."""
        item = self.service.retry(item_id)
        # without a worker the service does not notify: keep the screens in step ourselves
        self.item_changed(item)
        self.refresh_disabled_targets()

    async def refresh_caches(self) -> None:
        """Reload IXC subjects and ticket sectors; open dialogs search again."""
        try:
            await self.service.refresh_ixc_caches()
        except Exception:
            log.exception("refresh_ixc_caches failed")
            return
        for dialog in self.dialogs:
            if isinstance(dialog, AttendanceDialog):
                dialog.reload_subjects()

    # --- outbox notifications -----------------------------------------------------------------

    def item_changed(self, item: OutboxItem) -> None:
        """The worker's listener (on the loop's thread, which is the GUI thread under qasync)."""
        dialog = self._by_item.get(item.id)
        if dialog is not None:
            dialog.show_item(item)
        self._to_views(item)
        if item.state is OutboxState.FAILED:
            self.refresh_disabled_targets()

    def _to_views(self, item: OutboxItem) -> None:
        for view in self.views:
            view.update_item(item)

    def attach_outbox_view(self, view: OutboxView) -> None:
        self.views.append(view)
        view.retry_requested.connect(self.retry)
        view.refresh_requested.connect(lambda: self.refresh_view(view))
        self.refresh_view(view)

    def refresh_view(self, view: OutboxView) -> None:
        view.set_items(self.service.items(limit=200))
        view.set_disabled_targets(self.outbox.disabled_targets())

    def refresh_disabled_targets(self) -> None:
        targets = self.outbox.disabled_targets()
        for view in self.views:
            view.set_disabled_targets(targets)

    # --- running on the loop --------------------------------------------------------------------

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coro)

    async def wait_idle(self) -> None:
        """Wait for the commands started from the dialogs (tests, and shutdown)."""
        await self._tasks.wait()
