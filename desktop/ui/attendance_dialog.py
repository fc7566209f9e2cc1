"""The "Registrar atendimento" dialog: after a call (or later, from the history), log it in IXC.

Pre-filled with the call and with the customer, contract and login chosen in the card; the agent
picks the subject (searched in the cached ``su_oss_assunto`` list), the ticket sector, the
priority, writes what happened and says whether it was solved on the call. "Registrar" stays
disabled until the form makes a ticket IXC will accept (the subject's own rules included).

The dialog never talks to IXC or the database: it emits :attr:`AttendanceDialog.log_requested`
and the controller answers with :meth:`show_refused` or :meth:`show_item` (again each time the
outbox item changes), so the agent sees pendente → enviado with the protocol, or falhou with the
reason and "Tentar de novo", while the rest of the desk keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.forward.attendance import LogRequest
from desktop.forward.checklist import missing_text
from desktop.ixc.models import Section
from desktop.store.attendances import Subject, TicketSector
from desktop.store.outbox import OutboxItem, OutboxState
from desktop.ui.attendance_view_models import CallSummary, CustomerChoice
from desktop.ui.customer_badges import Tone
from desktop.ui.formatting import clip, format_datetime, single_line
from desktop.ui.text_widgets import TONE_COLORS, CopyButton, PlainLabel
from desktop.ui.window_fit import grow_to_fit

SubjectSearch = Callable[[str], Sequence[Subject]]
# a subject's label → the card sections its checklist rule requires and the agent did not view
MissingSections = Callable[[str], Sequence[Section]]

# IXC's su_ticket priority codes, in the order the agent reads them
PRIORITY_CODES = ("B", "M", "A", "C")
DESCRIPTION_MAX = 8000


@dataclass(frozen=True)
class LogSubmission:
    request: LogRequest
    # the talk time the agent typed for a call answered elsewhere (None: not corrected)
    corrected_duration_s: int | None = None


def duration_text(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class StateLabel(QLabel):
    """A coloured pill with the item's state (fixed colour pairs: readable on light and dark)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.tone: Tone | None = None

    def show_state(self, tone: Tone, text: str) -> None:
        self.tone = tone
        bg, fg = TONE_COLORS[tone]
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: 9px; "
                           "padding: 2px 8px; font-weight: bold; }")
        self.show()


def section_names(widget: QWidget, sections: Sequence[Section]) -> list[str]:
    names = {
        Section.SERVICE_ORDERS: widget.tr("OS"),
        Section.INVOICES: widget.tr("financeiro"),
        Section.CONNECTIONS: widget.tr("conexão"),
    }
    return [names[s] for s in sections]


class AttendanceDialog(QDialog):
    log_requested = Signal(object)        # LogSubmission
    retry_requested = Signal(int)         # outbox item id

    def __init__(
        self,
        call: CallSummary | None,
        customer: CustomerChoice | None,
        *,
        sections: Sequence[Section] = (),
        ticket_sectors: Sequence[TicketSector] = (),
        search_subjects: SubjectSearch = lambda _text: (),
        default_ticket_sector_id: str = "",
        evidence: str = "",
        missing_for: MissingSections = lambda _label: (),
        opened_protocol: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Registrar atendimento"))
        # wide enough for "Registrado no IXC. Protocolo: …" beside the copy button on one line
        self.setMinimumWidth(480)
        self.call = call
        self.customer = customer
        self.sections = tuple(sections)
        self._search = search_subjects
        self.subject: Subject | None = None
        self.item_id: int | None = None
        self.submitted = False
        self.sent_protocol = ""
        self.evidence = evidence
        self._missing_for = missing_for
        # the ticket opened during the call: this dialog completes it instead of a new one
        self.opened_protocol = opened_protocol

        layout = QVBoxLayout(self)
        if opened_protocol:
            opened = PlainLabel(self.tr("Protocolo aberto durante a ligação: {protocol}. "
                                        "Registrar completa este mesmo chamado.").format(
                protocol=opened_protocol), limit=300)
            opened.setObjectName("openedProtocol")
            layout.addWidget(opened)
        layout.addWidget(self._call_box())
        layout.addWidget(self._customer_box())

        self.sections_label = PlainLabel(self._sections_text(), limit=300)
        self.sections_label.setObjectName("sectionsChecked")
        layout.addWidget(self.sections_label)
        self.evidence_label = PlainLabel(
            self.tr("Vai no chamado: {evidence}").format(evidence=evidence), limit=1200)
        self.evidence_label.setObjectName("evidence")
        self.evidence_label.setVisible(bool(evidence))
        layout.addWidget(self.evidence_label)

        form = QFormLayout()
        subject_box = QVBoxLayout()
        self.subject_search = QLineEdit()
        self.subject_search.setPlaceholderText(self.tr("Buscar assunto (ex.: sem conexão)"))
        self.subject_search.setClearButtonEnabled(True)
        self.subject_search.textChanged.connect(self._search_subjects)
        self.subject_list = QListWidget()
        self.subject_list.setMaximumHeight(140)
        self.subject_list.currentItemChanged.connect(self._subject_chosen)
        self.subject_hint = PlainLabel(limit=300)
        self.subject_hint.setEnabled(False)
        subject_box.addWidget(self.subject_search)
        subject_box.addWidget(self.subject_list)
        subject_box.addWidget(self.subject_hint)
        form.addRow(self.tr("Assunto"), subject_box)

        self.sector_combo = QComboBox()
        self.sector_combo.addItem(self.tr("Escolha o setor…"), "")
        for sector in ticket_sectors:
            self.sector_combo.addItem(clip(single_line(sector.name), 80), sector.id)
        index = self.sector_combo.findData(default_ticket_sector_id) if default_ticket_sector_id \
            else -1
        if index > 0:
            self.sector_combo.setCurrentIndex(index)
        elif len(ticket_sectors) == 1:
            self.sector_combo.setCurrentIndex(1)
        self.sector_combo.currentIndexChanged.connect(self._validate)
        form.addRow(self.tr("Setor"), self.sector_combo)

        self.priority_combo = QComboBox()
        labels = [self.tr("Baixa"), self.tr("Normal"), self.tr("Alta"), self.tr("Crítica")]
        for code, label in zip(PRIORITY_CODES, labels, strict=True):
            self.priority_combo.addItem(label, code)
        self.priority_combo.setCurrentIndex(PRIORITY_CODES.index("M"))
        form.addRow(self.tr("Prioridade"), self.priority_combo)

        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("O que o cliente relatou e o que foi feito"))
        self.description.textChanged.connect(self._validate)
        form.addRow(self.tr("Descrição"), self.description)

        self.solved_box = QCheckBox(self.tr("Resolvido na ligação"))
        self.solved_box.setToolTip(self.tr("O atendimento é aberto e finalizado no IXC de uma vez"))
        form.addRow("", self.solved_box)
        # shown only when the subject's checklist rule asks for a section not viewed
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Por que registrar sem essa verificação"))
        self.reason_edit.setMaxLength(500)
        self.reason_edit.textChanged.connect(self._validate)
        self.reason_label = QLabel(self.tr("Motivo"))
        form.addRow(self.reason_label, self.reason_edit)
        self.reason_edit.hide()
        self.reason_label.hide()
        layout.addLayout(form)

        self.problems_label = PlainLabel(limit=600)
        self.problems_label.setObjectName("problems")
        layout.addWidget(self.problems_label)

        result = QHBoxLayout()
        self.state_label = StateLabel()
        self.state_label.hide()
        self.result_label = PlainLabel(limit=1000)
        self.copy_button = CopyButton(self.tr("Copiar protocolo"), "")
        self.copy_button.hide()
        self.retry_button = QPushButton(self.tr("Tentar de novo"))
        self.retry_button.hide()
        self.retry_button.clicked.connect(self._retry)
        result.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignTop)
        result.addWidget(self.result_label, 1)
        result.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        result.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(result)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.register_button = QPushButton(self.tr("Registrar"))
        self.register_button.setDefault(True)
        self.register_button.clicked.connect(self._submit)
        self.close_button = QPushButton(self.tr("Fechar"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._search_subjects("")
        self._validate()

    # --- building -----------------------------------------------------------------------------

    def _call_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Ligação"))
        form = QFormLayout(box)
        call = self.call
        self.duration_edit: QTimeEdit | None = None
        if call is None:
            form.addRow(PlainLabel(self.tr("Atendimento sem ligação registrada.")))
            return box
        form.addRow(self.tr("Número"), PlainLabel(call.number or self.tr("Número oculto"),
                                                  limit=80))
        when = format_datetime(call.started_at.astimezone()) if call.started_at else "—"
        form.addRow(self.tr("Início"), PlainLabel(when, limit=40))
        if call.duration_editable:
            self.duration_edit = QTimeEdit()
            self.duration_edit.setDisplayFormat("HH:mm:ss")
            seconds = call.duration_s or 0
            self.duration_edit.setTime(QTime(0, 0).addSecs(seconds))
            self.duration_edit.setToolTip(self.tr("A ligação foi atendida em outro aparelho: "
                                                  "informe quanto tempo durou a conversa"))
            form.addRow(self.tr("Duração"), self.duration_edit)
        else:
            form.addRow(self.tr("Duração"), PlainLabel(duration_text(call.duration_s), limit=20))
        form.addRow(self.tr("Sentido"), PlainLabel(call.direction, limit=40))
        form.addRow(self.tr("Ramal"), PlainLabel(call.extension or "—", limit=40))
        if call.outcome:
            form.addRow(self.tr("Situação"), PlainLabel(call.outcome, limit=80))
        return box

    def _customer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Cliente"))
        form = QFormLayout(box)
        customer = self.customer
        self.contract_combo = QComboBox()
        self.login_combo = QComboBox()
        self.contract_combo.addItem(self.tr("Nenhum contrato"), "")
        self.login_combo.addItem(self.tr("Nenhum login"), "")
        if customer is None:
            form.addRow(PlainLabel(self.tr("Nenhum cliente escolhido na ficha.")))
            self.contract_combo.setEnabled(False)
            self.login_combo.setEnabled(False)
            return box
        name = PlainLabel(f"{single_line(customer.name)} · "
                          + self.tr("Código {id}").format(id=customer.customer_id), limit=200)
        name.setObjectName("customerName")
        form.addRow(self.tr("Nome"), name)
        for contract in customer.contracts:
            self.contract_combo.addItem(clip(single_line(contract.label), 100), contract.id)
        for login in customer.logins:
            self.login_combo.addItem(clip(single_line(login.label), 100), login.id)
        self._select(self.contract_combo, customer.contract_id
                     or (customer.contracts[0].id if len(customer.contracts) == 1 else ""))
        self._select(self.login_combo, customer.login_id
                     or (customer.logins[0].id if len(customer.logins) == 1 else ""))
        self.contract_combo.currentIndexChanged.connect(self._validate)
        self.login_combo.currentIndexChanged.connect(self._validate)
        form.addRow(self.tr("Contrato"), self.contract_combo)
        form.addRow(self.tr("Login"), self.login_combo)
        return box

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value) if value else -1
        if index >= 0:
            combo.setCurrentIndex(index)

    def _sections_text(self) -> str:
        if not self.sections:
            return self.tr("Nenhuma seção da ficha (OS, financeiro, conexão) foi verificada "
                           "durante a ligação.")
        return self.tr("Seções verificadas na ficha: {sections}.").format(
            sections=", ".join(section_names(self, self.sections)))

    # --- subject ------------------------------------------------------------------------------

    def _search_subjects(self, text: str) -> None:
        keep = self.subject.id if self.subject else ""
        self.subject_list.blockSignals(True)
        self.subject_list.clear()
        found = list(self._search(text))
        for subject in found:
            item = QListWidgetItem(clip(single_line(subject.label), 120))
            item.setData(Qt.ItemDataRole.UserRole, subject)
            self.subject_list.addItem(item)
            if subject.id == keep:
                self.subject_list.setCurrentItem(item)
        self.subject_list.blockSignals(False)
        if not found:
            self.subject_hint.set_plain(
                self.tr("Nenhum assunto encontrado.") if text.strip() else
                self.tr("A lista de assuntos do IXC ainda não foi carregada."))
        elif self.subject is None:
            self.subject_hint.set_plain("")

    def reload_subjects(self) -> None:
        """The subject cache was refreshed: search again with what the agent typed."""
        self._search_subjects(self.subject_search.text())
        self._validate()

    def _subject_chosen(self, current: QListWidgetItem | None,
                        _previous: QListWidgetItem | None = None) -> None:
        if current is None:
            return
        subject = current.data(Qt.ItemDataRole.UserRole)
        self.subject = subject
        if subject.default_priority in PRIORITY_CODES:
            self.priority_combo.setCurrentIndex(PRIORITY_CODES.index(subject.default_priority))
        needs = []
        if subject.requires_contract:
            needs.append(self.tr("contrato"))
        if subject.requires_login:
            needs.append(self.tr("login"))
        hint = self.tr("Assunto: {label}").format(label=single_line(subject.label))
        if needs:
            hint += " · " + self.tr("exige {what}").format(what=self.tr(" e ").join(needs))
        self.subject_hint.set_plain(hint)
        self._validate()

    def choose_subject(self, subject_id: str) -> bool:
        """Select a subject among the current results (tests, and re-opening a draft)."""
        for row in range(self.subject_list.count()):
            item = self.subject_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole).id == subject_id:
                self.subject_list.setCurrentItem(item)
                return True
        return False

    # --- validation and submission ------------------------------------------------------------

    def missing_sections(self) -> tuple[Section, ...]:
        """What the chosen subject's checklist rule requires and the agent did not view."""
        return tuple(self._missing_for(self.subject.label)) if self.subject else ()

    def problems(self) -> list[str]:
        """What still keeps "Registrar" disabled, in the agent's words."""
        found: list[str] = []
        missing = self.missing_sections()
        if missing and not self.reason_edit.text().strip():
            found.append(missing_text(missing))
        if self.customer is None or not self.customer.customer_id:
            found.append(self.tr("Escolha o cliente na ficha antes de registrar."))
        if self.subject is None:
            found.append(self.tr("Escolha o assunto."))
        if not self.sector_combo.currentData():
            found.append(self.tr("Escolha o setor."))
        if not self.description.toPlainText().strip():
            found.append(self.tr("Descreva o atendimento."))
        elif len(self.description.toPlainText()) > DESCRIPTION_MAX:
            found.append(self.tr("A descrição passou de {n} caracteres.").format(
                n=DESCRIPTION_MAX))
        subject = self.subject
        if subject is not None:
            if subject.requires_contract and not self.contract_combo.currentData():
                found.append(self.tr("Este assunto exige um contrato."))
            if subject.requires_login and not self.login_combo.currentData():
                found.append(self.tr("Este assunto exige um login."))
            if subject.requires_process and (not subject.process_id
                                             or subject.process_id == "0"):
                found.append(self.tr("Este assunto exige um processo, mas não tem processo "
                                     "padrão no IXC: escolha outro assunto."))
        return found

    def _validate(self) -> None:
        if self.submitted:
            return
        missing = bool(self.missing_sections())
        self.reason_edit.setVisible(missing)
        self.reason_label.setVisible(missing)
        problems = self.problems()
        self.register_button.setEnabled(not problems)
        self.problems_label.set_plain("\n".join(problems))
        self.problems_label.setVisible(bool(problems))

    def submission(self) -> LogSubmission:
        """What the form says now (the caller checks :meth:`problems` first)."""
        customer = self.customer
        assert customer is not None and self.subject is not None
        corrected: int | None = None
        if self.duration_edit is not None and self.call is not None:
            typed = QTime(0, 0).secsTo(self.duration_edit.time())
            if typed != (self.call.duration_s or 0):
                corrected = typed
        request = LogRequest(
            customer_id=customer.customer_id, customer_name=customer.name,
            subject_id=self.subject.id, ticket_sector_id=str(self.sector_combo.currentData()),
            description=self.description.toPlainText().strip(),
            priority=str(self.priority_combo.currentData()),
            contract_id=str(self.contract_combo.currentData() or ""),
            login_id=str(self.login_combo.currentData() or ""),
            solved=self.solved_box.isChecked(), sections_checked=self.sections,
            call_id=self.call.history_id if self.call else None,
            evidence=self.evidence,
            override_reason=(self.reason_edit.text().strip() if self.missing_sections()
                             else ""),
        )
        return LogSubmission(request, corrected)

    def _submit(self) -> None:
        if self.submitted or self.problems():
            return
        submission = self.submission()
        self._set_form_enabled(False)
        self.submitted = True
        self.register_button.setEnabled(False)
        self.state_label.show_state(Tone.INFO, self.tr("registrando"))
        self.result_label.set_plain(self.tr("Guardando o atendimento…"))
        self.log_requested.emit(submission)

    def _set_form_enabled(self, enabled: bool) -> None:
        for widget in (self.subject_search, self.subject_list, self.sector_combo,
                       self.priority_combo, self.description, self.solved_box,
                       self.contract_combo, self.login_combo, self.duration_edit,
                       self.reason_edit):
            if widget is not None:
                widget.setEnabled(enabled and (widget not in (self.contract_combo,
                                                              self.login_combo)
                                               or self.customer is not None))

    def _retry(self) -> None:
        if self.item_id is not None:
            self.retry_button.setEnabled(False)
            self.retry_requested.emit(self.item_id)

    # --- results from the controller ----------------------------------------------------------

    def show_refused(self, message: str) -> None:
        """Nothing was stored (e.g. IXC's rules for the subject): the agent fixes the form."""
        self.submitted = False
        self._set_form_enabled(True)
        self.state_label.show_state(Tone.BAD, self.tr("não registrado"))
        self.result_label.set_plain(message)
        self._validate()
        grow_to_fit(self)

    def show_item(self, item: OutboxItem) -> None:
        """The IXC ticket's outbox item, when stored and after every change."""
        if self.item_id is not None and item.id != self.item_id:
            return
        self.item_id = item.id
        self.submitted = True
        self._set_form_enabled(False)
        self.register_button.setEnabled(False)
        self.problems_label.hide()
        self.copy_button.hide()
        self.retry_button.hide()
        if item.state is OutboxState.SENT:
            protocol = str(item.result.get("protocol", "") or "")
            self.sent_protocol = protocol
            self.state_label.show_state(Tone.GOOD, self.tr("enviado"))
            self.result_label.set_plain(
                self.tr("Registrado no IXC. Protocolo: {protocol}").format(protocol=protocol)
                if protocol else self.tr("Registrado no IXC."))
            if protocol:
                self.copy_button.value = protocol
                self.copy_button.show()
        elif item.state is OutboxState.FAILED:
            self.state_label.show_state(Tone.BAD, self.tr("falhou"))
            self.result_label.set_plain(self.tr("Não foi registrado no IXC: {reason}").format(
                reason=item.last_error or self.tr("motivo desconhecido")))
            self.retry_button.setEnabled(True)
            self.retry_button.show()
        elif item.state is OutboxState.SENDING:
            self.state_label.show_state(Tone.INFO, self.tr("enviando"))
            self.result_label.set_plain(self.tr("Enviando ao IXC…"))
        else:
            self.state_label.show_state(Tone.WARN, self.tr("pendente"))
            text = self.tr("Guardado; será enviado ao IXC assim que possível. Pode fechar "
                           "esta janela.")
            if item.last_error:
                text += "\n" + self.tr("Última tentativa: {error} Nova tentativa às "
                                       "{when}.").format(
                    error=item.last_error,
                    when=item.next_attempt_at.astimezone().strftime("%H:%M:%S"))
            self.result_label.set_plain(text)
        grow_to_fit(self)
