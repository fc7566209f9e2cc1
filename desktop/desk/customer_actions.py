"""The card's "Ações": runs what the agent clicks on a contract, invoice or login through
:mod:`desktop.ixc.card_actions`, shows IXC's answer on the card and notes it for the attendance.

Actions change the ISP's data and are not idempotent, so: they run on an explicit click only,
after a confirmation that says what will happen; a click while the same action on the same
target is running does nothing (a double click sends one request); nothing is retried by
itself, and after a timeout IXC's state is read before "Tentar de novo" is offered. The Conexão
tab's diagnostics (sessions, ONU signal) load when the agent opens it, never on the ring path.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.desk.whatsapp_send import WhatsAppSend
from desktop.forward.whatsapp_payment import BOLETO, PIX, PaymentShare
from desktop.i18n import N_, tr
from desktop.ixc import parse
from desktop.ixc.actions import contract_row
from desktop.ixc.card_actions import (
    ActionKind,
    ActionOutcome,
    attendance_note,
    perform,
    state_after_timeout,
)
from desktop.ixc.client import IxcClient
from desktop.ixc.diagnostics import SignalThresholds
from desktop.ixc.errors import IxcError, IxcTimeoutError
from desktop.ixc.models import CustomerRecord
from desktop.ixc.service_order_open import NewServiceOrder
from desktop.settings.model import Settings
from desktop.ui.customer_card import CustomerCard
from desktop.ui.service_order_dialog import ServiceOrderDialog

log = logging.getLogger(__name__)
_CONTEXT = "customer_actions"

Confirm = Callable[[QWidget, str, str], bool]
ChoosePdf = Callable[[QWidget, str], Path | None]
AskOrder = Callable[[QWidget, CustomerRecord, Settings, datetime, "OrderChoices"],
                   NewServiceOrder | None]


@dataclass(frozen=True)
class OrderChoices:
    """The "Abrir OS" pick lists, (id, label) rows: IXC's subjects and sectors as cached by the
    attendance service (empty before the first refresh: the ids can still be typed)."""

    subjects: tuple[tuple[str, str], ...] = ()
    sectors: tuple[tuple[str, str], ...] = ()


def order_choices(attendance: Any) -> OrderChoices:
    """From :class:`desktop.forward.attendance.AttendanceService`'s cache; subjects meant for
    tickets only (``finalidade`` AT) are left out."""
    if attendance is None:
        return OrderChoices()
    subjects = tuple((s.id, s.label) for s in attendance.search_subjects("", limit=1000)
                     if s.purpose.upper() != "AT")
    sectors = tuple((s.id, s.name) for s in attendance.ticket_sectors())
    return OrderChoices(subjects, sectors)

_CONFIRMATIONS = {
    ActionKind.UNLOCK: N_(_CONTEXT, "Conceder desbloqueio de confiança ao contrato {id}? O IXC "
                                    "libera o acesso por alguns dias, uma vez por débito; não "
                                    "dá para desfazer aqui."),
    ActionKind.TEMPORARY_RELEASE: N_(_CONTEXT, "Liberar temporariamente o contrato {id}? O IXC "
                                               "libera o acesso por 72 horas."),
    ActionKind.DISCONNECT: N_(_CONTEXT, "Desconectar a sessão PPPoE do login {id}? A internet "
                                        "do cliente cai agora e o roteador reconecta em "
                                        "seguida."),
    ActionKind.CLEAR_MAC: N_(_CONTEXT, "Limpar o MAC do login {id}? O próximo roteador que "
                                       "conectar fica vinculado a este login."),
}


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_pdf_path(parent: QWidget, suggested_name: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, tr(_CONTEXT, "Salvar 2ª via"), str(Path(folder) / suggested_name),
        tr(_CONTEXT, "PDF (*.pdf)"))
    return Path(chosen) if chosen else None


def service_order_dialog(parent: QWidget, record: CustomerRecord, settings: Settings,
                         now: datetime, choices: OrderChoices) -> ServiceOrderDialog:
    """The "Abrir OS" dialog, prefilled from the call and the configured subject/sector."""
    login = record.connections[0] if record.connections else None
    lines = [tr(_CONTEXT, "Aberta pelo Ramal durante a ligação de {name}.").format(
        name=record.customer.name)]
    if login is not None:
        lines.append(tr(_CONTEXT, "Login {login}: {state}.").format(
            login=login.login, state=login.online.label))
    return ServiceOrderDialog("\n".join(lines), settings.actions.service_order_subject,
                              settings.actions.service_order_sector, now, parent,
                              subjects=choices.subjects, sectors=choices.sectors)


def ask_service_order(parent: QWidget, record: CustomerRecord, settings: Settings,
                      now: datetime, choices: OrderChoices) -> NewServiceOrder | None:
    dialog = service_order_dialog(parent, record, settings, now, choices)
    if dialog.exec() != ServiceOrderDialog.DialogCode.Accepted:
        return None
    return order_from(dialog, record)


def order_from(dialog: ServiceOrderDialog, record: CustomerRecord) -> NewServiceOrder | None:
    """The OS the accepted dialog describes, on the record's first contract and login."""
    login = record.connections[0] if record.connections else None
    contract = record.contracts[0] if record.contracts else None
    form = dialog.values()
    if form is None:
        return None
    return NewServiceOrder(record.customer.id, form.subject_id, form.description,
                           form.sector_id, contract.id if contract else None,
                           login.id if login else None, form.priority, form.visit)


def enabled_kinds(settings: Settings) -> frozenset[str]:
    return frozenset(k.value for k in ActionKind if settings.actions.enabled(k.setting))


def thresholds(settings: Settings) -> SignalThresholds:
    a = settings.actions
    return SignalThresholds(a.onu_rx_min_dbm, a.onu_rx_max_dbm, a.onu_tx_min_dbm,
                            a.onu_tx_max_dbm)


class CustomerActions:
    def __init__(self, client: Callable[[], IxcClient | None], settings: Callable[[], Settings],
                 spawn: Callable[[Any], object], *,
                 confirm: Confirm = ask_confirmation, choose_pdf: ChoosePdf = ask_pdf_path,
                 ask_order: AskOrder = ask_service_order,
                 clock: Callable[[], datetime] = datetime.now,
                 whatsapp: WhatsAppSend | None = None) -> None:
        self.client = client
        self.settings = settings
        self.spawn = spawn
        self.confirm = confirm
        self.choose_pdf = choose_pdf
        self.ask_order = ask_order
        self.clock = clock
        self.running: set[tuple[int, str, int]] = set()
        self._diagnosed: set[tuple[int, int]] = set()
        self.done: list[Awaitable[None]] = []
        # "Enviar no WhatsApp" under a PIX code / 2ª via (OPA), when the desk has it
        self.whatsapp = whatsapp
        # "Abrir OS" pick lists, read when the dialog opens (the desk wires the cache in)
        self.order_choices: Callable[[], OrderChoices] = OrderChoices

    def wire(self, card: CustomerCard) -> None:
        card.set_enabled_actions(enabled_kinds(self.settings()))
        card.action_requested.connect(lambda kind, target: self.request(card, kind, target))
        card.action_panel.retry_requested.connect(
            lambda kind, target: self.request(card, kind, target))
        card.section_opened.connect(lambda section: self._section_opened(card, section))
        if self.whatsapp is not None:
            self.whatsapp.wire(card)

    def request(self, card: CustomerCard, kind_name: str, target: int) -> None:
        """An explicit click: confirm, then run once (a second click meanwhile is ignored)."""
        kind = ActionKind(kind_name)
        key = (id(card), kind.value, target)
        client = self.client()
        settings = self.settings()
        if key in self.running or client is None or card.record is None:
            return
        if not settings.actions.enabled(kind.setting):
            return
        self.running.add(key)    # before any dialog: a double click opens one confirmation
        try:
            extra = self._prepare(card, kind, target, settings)
        except Exception:
            self.running.discard(key)
            raise
        if extra is None:
            self.running.discard(key)
            return
        button = card.action_buttons.get((kind.value, target))
        if button is not None:
            button.setEnabled(False)
        self.spawn(self._run(card, client, kind, target, extra, key))

    def _prepare(self, card: CustomerCard, kind: ActionKind, target: int,
                 settings: Settings) -> dict[str, Any] | None:
        if kind in _CONFIRMATIONS:
            text = tr(_CONTEXT, _CONFIRMATIONS[kind]).format(id=target)
            return {} if self.confirm(card, kind.label, text) else None
        if kind is ActionKind.BOLETO:
            path = self.choose_pdf(card, f"boleto-{target}.pdf")
            return {"path": path} if path is not None else None
        if kind is ActionKind.SERVICE_ORDER:
            assert card.record is not None
            order = self.ask_order(card, card.record, settings, self.clock(),
                                   self.order_choices())
            return {"order": order} if order is not None else None
        return {}

    async def _run(self, card: CustomerCard, client: IxcClient, kind: ActionKind, target: int,
                   extra: dict[str, Any], key: tuple[int, str, int]) -> None:
        order = extra.get("order")
        card.action_panel.show_running(kind.label)
        try:
            try:
                outcome = await perform(client, kind, target,
                                        thresholds=thresholds(self.settings()), order=order)
            except IxcTimeoutError as exc:
                checked = await state_after_timeout(client, kind, target, self.clock().date(),
                                                    order)
                if checked is None:
                    card.action_panel.show_result(
                        kind.label, tr(_CONTEXT, "{error} O IXC não mostra a ação feita: "
                                                 "confira e tente de novo.").format(
                            error=exc.message), ok=False, retry=(kind.value, target))
                    return
                outcome = checked
        except IxcError as exc:
            card.action_panel.show_result(kind.label, exc.message, ok=False,
                                          retry=None if kind.changes_data else (kind.value,
                                                                                target))
            return
        finally:
            self.running.discard(key)
            button = card.action_buttons.get((kind.value, target))
            if button is not None:
                button.setEnabled(True)
        await self._show(card, client, outcome, target, extra)

    async def _show(self, card: CustomerCard, client: IxcClient, outcome: ActionOutcome,
                    target: int, extra: dict[str, Any]) -> None:
        kind = outcome.action
        details: list[str] = []
        copies: list[tuple[str, str]] = []
        code = ""
        data = outcome.data
        if kind is ActionKind.PIX and outcome.ok:
            code = str(data.get("copia_e_cola", ""))
            copies.append((tr(_CONTEXT, "Copiar PIX copia e cola"), code))
        if kind is ActionKind.BOLETO and outcome.ok:
            path: Path = extra["path"]
            try:
                path.write_bytes(outcome.pdf)
                details.append(tr(_CONTEXT, "PDF salvo em {path}").format(path=path))
            except OSError as exc:
                details.append(tr(_CONTEXT, "Não foi possível salvar o PDF: {error}").format(
                    error=exc.strerror or exc))
            details.append(str(data.get("linha_digitavel", "")))
            copies.append((tr(_CONTEXT, "Copiar linha digitável"),
                           str(data.get("linha_digitavel", ""))))
        if kind is ActionKind.SESSIONS:
            details.extend(_session_line(s) for s in data.get("sessions", []))
        if kind is ActionKind.SERVICE_ORDER and outcome.ok:
            copies.append((tr(_CONTEXT, "Copiar número da OS"), str(data.get("order_id", ""))))
        share = (self.whatsapp is not None
                 and self.whatsapp.offer(card, _payment_share(card, outcome, target)))
        card.action_panel.show_result(kind.label, outcome.message, ok=outcome.ok,
                                      details=details, code=code, copies=copies, share=share)
        if kind is not ActionKind.SESSIONS or not outcome.ok:
            card.action_notes.append(attendance_note(outcome, self.clock()))
        if outcome.ok and kind in (ActionKind.UNLOCK, ActionKind.TEMPORARY_RELEASE):
            await self._refresh_contract(card, client, target)

    async def _refresh_contract(self, card: CustomerCard, client: IxcClient,
                                contract_id: int) -> None:
        """Read the contract again so its status and the card's badge change at once."""
        record = card.record
        if record is None or not contract_id:
            return
        try:
            row = await contract_row(client, contract_id)
        except IxcError as exc:
            log.warning("contract %s not refreshed after an action: %s", contract_id,
                        type(exc).__name__)
            return
        if row is None or card.record is not record:
            return
        fresh = parse.contract(row)
        contracts = tuple(dataclasses.replace(fresh, plan_name=c.plan_name or fresh.plan_name)
                          if c.id == fresh.id else c for c in record.contracts)
        card.set_record(dataclasses.replace(record, contracts=contracts))

    def _section_opened(self, card: CustomerCard, section: str) -> None:
        record = card.record
        if section != "connections" or record is None or not record.connections:
            return
        key = (id(card), record.customer.id)
        if key in self._diagnosed:
            return
        self._diagnosed.add(key)
        client = self.client()
        if client is None:
            return
        settings = self.settings()
        kinds = [k for k in (ActionKind.SESSIONS, ActionKind.ONU)
                 if settings.actions.enabled(k.setting)]
        if kinds:
            self.spawn(self._diagnose(card, client, record, kinds))

    async def _diagnose(self, card: CustomerCard, client: IxcClient, record: CustomerRecord,
                        kinds: list[ActionKind]) -> None:
        lines: list[str] = []
        for conn in record.connections:
            for kind in kinds:
                try:
                    outcome = await perform(client, kind, conn.id,
                                            thresholds=thresholds(self.settings()))
                except IxcError as exc:
                    lines.append(f"{conn.login}: {exc.message}")
                    continue
                lines.append(f"{conn.login}: {outcome.message}")
                lines.extend(f"  {_session_line(s)}" for s in outcome.data.get("sessions", []))
        if card.record is not None and card.record.customer.id == record.customer.id:
            card.action_panel.show_result(tr(_CONTEXT, "Diagnóstico da conexão"),
                                          tr(_CONTEXT, "Lido do IXC ao abrir a aba Conexão."),
                                          ok=True, details=lines)


def _payment_share(card: CustomerCard, outcome: ActionOutcome,
                   invoice_id: int) -> PaymentShare | None:
    """What "Enviar no WhatsApp" would send for this result (a PIX code, a 2ª via), if any."""
    record = card.record
    if record is None or not outcome.ok or outcome.action not in (ActionKind.PIX,
                                                                  ActionKind.BOLETO):
        return None
    invoice = next((i for i in record.invoices if i.id == invoice_id), None)
    amount = invoice.open_amount or invoice.amount if invoice is not None else None
    due = invoice.due if invoice is not None else None
    data = outcome.data
    if outcome.action is ActionKind.PIX:
        return PaymentShare(PIX, invoice_id, record.customer.name,
                            str(data.get("copia_e_cola", "")), amount, due)
    return PaymentShare(BOLETO, invoice_id, record.customer.name,
                        str(data.get("linha_digitavel", "")), amount, due,
                        link=str(data.get("gateway_link", "") or ""), pdf=outcome.pdf)


def _short_time(stamp: Any) -> str:
    """"02/12 10:13" for a session's ISO time: one session fits one line of the card."""
    try:
        return datetime.fromisoformat(str(stamp)).strftime("%d/%m %H:%M")
    except ValueError:
        return str(stamp or "")


def _session_line(session: dict[str, Any]) -> str:
    end = _short_time(session.get("end")) if session.get("end") else tr(_CONTEXT, "conectado")
    minutes = int(session.get("duration_s", 0) or 0) // 60
    return tr(_CONTEXT, "{start} → {end} · {cause} · IP {ip} · {hours}h{minutes:02d}").format(
        start=_short_time(session.get("start", "")), end=end,
        cause=session.get("terminate_cause") or "—",
        ip=session.get("ip") or "—", hours=minutes // 60, minutes=minutes % 60)
