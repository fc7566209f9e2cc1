"""The window that pops up when a call rings: who is calling, and the customer card.

It appears on top at once without taking the keyboard from whatever the agent is typing
(``WindowDoesNotAcceptFocus`` + ``WA_ShowWithoutActivating``). The lookup fills it in: nothing yet
("buscando no IXC…"), one customer (the card), several (a pick list), none (a search box).
Internal and anonymous calls are not looked up, and the popup says so.

Actions that later issues implement (log the attendance, forward the case) are shown disabled
with a tooltip: the agent sees what is coming, never a fake success.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ixc.models import CustomerMatch, CustomerRecord, LookupResult, Section
from desktop.phone.numbers import format_number
from desktop.settings.model import Sector
from desktop.ui.checklist_chips import ChecklistChips
from desktop.ui.customer_card import CustomerCard
from desktop.ui.customer_picker import CustomerPickList, CustomerSearchBox
from desktop.ui.formatting import single_line
from desktop.ui.new_contact_bar import NewContactBar
from desktop.ui.protocol_bar import ProtocolBar
from desktop.ui.text_widgets import PlainLabel
from desktop.ui.view_models import CallerKind, CallPhase, CallView, CustomerLine

ANSWER_SHORTCUT = QKeySequence("Ctrl+Shift+A")
DECLINE_SHORTCUT = QKeySequence("Ctrl+Shift+R")
HANGUP_SHORTCUT = QKeySequence("Ctrl+Shift+D")

PAGE_MESSAGE, PAGE_CARD, PAGE_PICK, PAGE_SEARCH = range(4)


def summary_of(record: CustomerRecord) -> CustomerLine:
    c = record.customer
    return CustomerLine(c.id, c.name, c.cpf_cnpj, c.address.one_line(), active=c.active,
                           blocked=any(contract.is_blocked for contract in record.contracts))


def line_of(match: CustomerMatch) -> CustomerLine:
    """A further customer sharing the number: identity only, loaded when picked."""
    return CustomerLine(match.id, match.name, match.customer.cpf_cnpj, match.address,
                           active=match.active)


class RingPopup(QWidget):
    answer_requested = Signal(str)
    decline_requested = Signal(str)
    hangup_requested = Signal(str)
    transfer_requested = Signal(str, str)          # call id, target (extension or number)
    search_requested = Signal(str, str)            # call id, query
    customer_chosen = Signal(str, int)             # call id, customer id (from search results)
    customer_picked = Signal(str, int)             # call id, customer id (from the number's list)
    attach_phone_requested = Signal(str, int)      # call id, customer id chosen in the search
    open_in_ixc_requested = Signal(int)
    dismissed = Signal(str)

    def __init__(self, call: CallView, sectors: Sequence[Sector] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("ringPopup")
        self.call = call
        self.result: LookupResult | None = None
        self.chosen_id: int | None = None
        self.lookup_finished = False
        # the agent took over (opened the search box or chose a search result): the number's
        # lookup, still filling in, must not pull the popup back to its own card or list
        self.manual = False
        self.setWindowTitle(self.tr("Ramal — chamada"))
        self.resize(560, 620)

        layout = QVBoxLayout(self)
        self.phase_label = PlainLabel(limit=100, selectable=False)
        layout.addWidget(self.phase_label)
        self.number_label = PlainLabel(limit=60)
        font = QFont(self.number_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.number_label.setFont(font)
        self.number_label.setObjectName("callerNumber")
        layout.addWidget(self.number_label)
        self.display_label = PlainLabel(limit=120)
        self.display_label.setObjectName("callerDisplayName")
        layout.addWidget(self.display_label)
        self.lookup_label = PlainLabel(limit=300)
        self.lookup_label.setObjectName("lookupStatus")
        layout.addWidget(self.lookup_label)

        self.stack = QStackedWidget()
        self.message = PlainLabel(limit=500)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = CustomerCard()
        self.card.open_in_ixc_requested.connect(self.open_in_ixc_requested)
        self.pick = CustomerPickList(self.tr("Mais de um cliente com este número. Quem está "
                                             "ligando?"))
        self.pick.customer_chosen.connect(self._pick)
        self.search = CustomerSearchBox()
        self.search.search_requested.connect(lambda q: self.search_requested.emit(
            self.call.call_id, q))
        self.search.customer_chosen.connect(lambda cid: self.customer_chosen.emit(
            self.call.call_id, cid))
        for page in (self.message, self.card, self.pick, self.search):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        # the call's checklist (OS / Financeiro / Conexão seen) and its IXC protocol (issue 16)
        self.checklist = ChecklistChips()
        self.checklist.hide()
        self.card.section_opened.connect(
            lambda _s: self.checklist.set_viewed(self.card.opened_sections()))
        layout.addWidget(self.checklist)
        self.protocol_bar = ProtocolBar()
        layout.addWidget(self.protocol_bar)
        # an unknown caller registered as a new contact (shown when the desk offers it)
        self.new_contact = NewContactBar()
        layout.addWidget(self.new_contact)
        self.stack.currentChanged.connect(lambda _i: self._update_links())
        self.back_to_list = QPushButton(self.tr("Outro cliente deste número…"))
        self.back_to_list.setFlat(True)
        self.back_to_list.clicked.connect(self._show_pick_list)
        self.back_to_list.hide()
        self.search_other = QPushButton(self.tr("Buscar outro cliente…"))
        self.search_other.setFlat(True)
        self.search_other.setToolTip(self.tr("O cliente não é este: buscar por nome, CPF/CNPJ "
                                             "ou outro telefone"))
        self.search_other.clicked.connect(self.show_search)
        self.search_other.hide()
        # an unknown number: add it to the customer the agent found, so the next call pops
        self.attach_phone_button = QPushButton(self.tr("Adicionar este número ao cadastro…"))
        self.attach_phone_button.setFlat(True)
        self.attach_phone_button.clicked.connect(self._attach_phone)
        self.attach_phone_button.hide()
        links = QHBoxLayout()
        links.addWidget(self.back_to_list)
        links.addWidget(self.search_other)
        links.addWidget(self.attach_phone_button)
        links.addStretch(1)
        layout.addLayout(links)

        buttons = QHBoxLayout()
        self.answer_button = QPushButton(self.tr("Atender"))
        self.answer_button.setToolTip(self.tr("Atender ({key})").format(
            key=ANSWER_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)))
        self.answer_button.setStyleSheet("QPushButton { background: #2e7d32; color: white; "
                                         "font-weight: bold; padding: 6px 14px; }")
        self.answer_button.clicked.connect(lambda: self.answer_requested.emit(self.call.call_id))
        self.decline_button = QPushButton(self.tr("Recusar"))
        self.decline_button.setToolTip(self.tr("Recusar ({key})").format(
            key=DECLINE_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)))
        self.decline_button.setStyleSheet("QPushButton { background: #c62828; color: white; "
                                          "font-weight: bold; padding: 6px 14px; }")
        self.decline_button.clicked.connect(lambda: self.decline_requested.emit(self.call.call_id))
        self.hangup_button = QPushButton(self.tr("Desligar"))
        self.hangup_button.setToolTip(self.tr("Desligar ({key})").format(
            key=HANGUP_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)))
        self.hangup_button.setStyleSheet(self.decline_button.styleSheet())
        self.hangup_button.clicked.connect(lambda: self.hangup_requested.emit(self.call.call_id))
        self.transfer_button = QToolButton()
        self.transfer_button.setText(self.tr("Transferir"))
        self.transfer_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.transfer_menu = QMenu(self.transfer_button)
        self.transfer_button.setMenu(self.transfer_menu)
        self.set_sectors(sectors)
        # enabled by the app (set_attendance_available) once the call has been answered
        self.attendance_available = False
        self.log_button = QPushButton(self.tr("Registrar atendimento"))
        self.forward_button = QPushButton(self.tr("Encaminhar"))
        self.close_button = QPushButton(self.tr("Fechar"))
        self.close_button.clicked.connect(self.close)
        for button in (self.answer_button, self.decline_button, self.hangup_button,
                       self.transfer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        later = QHBoxLayout()
        later.addWidget(self.log_button)
        later.addWidget(self.forward_button)
        later.addStretch(1)
        layout.addLayout(later)
        for widget in self.findChildren(QWidget):
            # clicking a button must not pull focus from the agent's other window either
            if isinstance(widget, QPushButton | QToolButton):
                widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.search.query.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # the popup never takes the keyboard by itself; a click into its search box is the
        # agent asking for it, so only then does the window accept focus
        self.search.query.installEventFilter(self)

        self.update_call(call)
        self._start_lookup_view()

    def bind(self, call: CallView, sectors: Sequence[Sector]) -> None:
        """Make a popup built ahead of time (never shown) this call's popup."""
        self.set_sectors(sectors)
        self.update_call(call)
        self._start_lookup_view()

    # --- call state -------------------------------------------------------------------------

    def update_call(self, call: CallView) -> None:
        self.call = call
        texts = {
            CallPhase.RINGING: self.tr("Chamada recebida"),
            CallPhase.DIALING: self.tr("Chamando…"),
            CallPhase.CONNECTED: self.tr("Em chamada") + (
                " · " + self.tr("em espera") if call.held else ""),
            CallPhase.ENDED: self.tr("Chamada encerrada"),
        }
        self.phase_label.set_plain(texts[call.phase])
        if call.kind is CallerKind.ANONYMOUS or not call.number:
            self.number_label.set_plain(self.tr("Número oculto"))
        else:
            self.number_label.set_plain(format_number(call.number))
        self.display_label.set_plain(single_line(call.display_name))
        self.display_label.setVisible(bool(call.display_name.strip()))
        ringing = call.phase is CallPhase.RINGING and call.incoming
        self.answer_button.setVisible(ringing)
        self.decline_button.setVisible(ringing)
        self.hangup_button.setVisible(call.phase in (CallPhase.CONNECTED, CallPhase.DIALING))
        self.transfer_button.setVisible(call.phase is not CallPhase.ENDED)
        self.close_button.setVisible(call.phase is CallPhase.ENDED)
        self._update_attendance_buttons()

    def set_attendance_available(self, available: bool) -> None:
        """The app can log and forward (it has the attendance service)."""
        self.attendance_available = available
        self._update_attendance_buttons()

    def _update_attendance_buttons(self) -> None:
        talked = self.call.phase is CallPhase.CONNECTED or (
            self.call.phase is CallPhase.ENDED and self.call.connected_at is not None)
        enabled = self.attendance_available and talked
        self.log_button.setEnabled(enabled)
        self.forward_button.setEnabled(enabled)
        if not self.attendance_available:
            log_tip = forward_tip = self.tr(
                "Registrar e encaminhar não estão disponíveis: o histórico de chamadas não "
                "foi aberto.")
        elif not talked:
            log_tip = forward_tip = self.tr("Disponível depois de atender a chamada.")
        else:
            log_tip = self.tr("Registrar o atendimento no IXC (abre um chamado com o "
                              "protocolo).")
            forward_tip = self.tr("Encaminhar o caso ao Discord ou ao OPA do setor, ou "
                                  "transferir a ligação.")
        self.log_button.setToolTip(log_tip)
        self.forward_button.setToolTip(forward_tip)

    def set_sectors(self, sectors: Sequence[Sector]) -> None:
        self.transfer_menu.clear()
        targets = [s for s in sectors if s.transfer_to]
        for sector in targets:
            action = self.transfer_menu.addAction(f"{sector.name} ({sector.transfer_to})")
            action.triggered.connect(
                lambda _=False, to=sector.transfer_to: self.transfer_requested.emit(
                    self.call.call_id, to))
        self.transfer_button.setEnabled(bool(targets))
        self.transfer_button.setToolTip(
            self.tr("Transferir para um setor") if targets else
            self.tr("Nenhum setor com ramal de transferência (sectors[].transfer_to) "
                    "nas configurações."))

    # --- lookup -----------------------------------------------------------------------------

    def _start_lookup_view(self) -> None:
        if self.call.kind is CallerKind.INTERNAL:
            self.lookup_label.set_plain(self.tr("Ramal interno: sem busca no IXC."))
            self._message(self.tr("Chamada interna."))
            self.lookup_finished = True
        elif self.call.kind is CallerKind.ANONYMOUS or not self.call.number:
            self.lookup_label.set_plain(self.tr("Número oculto: sem busca no IXC."))
            self.stack.setCurrentIndex(PAGE_SEARCH)
            self.lookup_finished = True
        else:
            self.lookup_finished = False
            self.lookup_label.set_plain(self.tr("buscando no IXC…"))
            self._message(self.tr("buscando no IXC…"))

    def show_lookup(self, result: LookupResult, finished: bool) -> None:
        """Show the lookup as it is now; called on every progressive update."""
        self.result = result
        self.lookup_finished = finished
        matches = result.matches
        # the first ranked matches come complete; the others (a number shared by many) are
        # listed by name and loaded through the search path when picked
        entries = [*(summary_of(m) for m in matches), *(line_of(m) for m in result.more)]
        if self.manual:
            if len(matches) > 1:
                self.pick.set_customers(entries)
            return
        if not matches:
            if finished:
                self.lookup_label.set_plain(self.tr("Nenhum cliente com este número no IXC."))
                self.stack.setCurrentIndex(PAGE_SEARCH)
                self.new_contact.setVisible(self.new_contact.offered)
            return
        loading = "" if all(m.complete for m in matches) else " " + self.tr("(carregando…)")
        if len(matches) == 1:
            self.lookup_label.set_plain(self.tr("Cliente encontrado no IXC") + loading)
            self._show_record(matches[0])
            return
        more = ""
        if result.more_matches:
            more = " · " + self.tr("mais %n clientes com este número", "", result.more_matches)
        self.lookup_label.set_plain(
            self.tr("%n clientes com este número", "", len(matches)) + more + loading)
        self.pick.set_customers(entries)
        chosen = next((m for m in matches if m.customer.id == self.chosen_id), None)
        if chosen is not None:
            self._show_record(chosen)
            self.back_to_list.show()
        else:
            self.stack.setCurrentIndex(PAGE_PICK)

    def show_lookup_error(self, message: str) -> None:
        self.lookup_finished = True
        self.lookup_label.set_plain(self.tr("IXC indisponível: {reason}").format(reason=message))
        self.stack.setCurrentIndex(PAGE_SEARCH)

    def show_record(self, record: CustomerRecord) -> None:
        """A record the agent picked through the search box (called again as it fills in)."""
        self.chosen_id = record.customer.id
        self.manual = True
        loading = "" if record.complete else " " + self.tr("(carregando…)")
        self.lookup_label.set_plain(self.tr("Cliente escolhido na busca") + loading)
        self.new_contact.hide()          # a customer after all: attach the number instead
        self.back_to_list.hide()
        self._show_record(record)
        unknown = self.lookup_finished and (self.result is None or not self.result.matches)
        self.attach_phone_button.setVisible(unknown and self.call.kind is CallerKind.EXTERNAL
                                            and bool(self.call.number))

    def show_record_error(self, message: str) -> None:
        """Loading the customer chosen in the search failed: back to the results."""
        self.stack.setCurrentIndex(PAGE_SEARCH)
        self.search.set_status(message)

    def show_search(self) -> None:
        """The search box, e.g. when the number's customer is not the one calling."""
        self.manual = True
        self.stack.setCurrentIndex(PAGE_SEARCH)
        self._update_links()

    def show_search_results(self, customers: Sequence[CustomerLine]) -> None:
        self.search.set_results(customers)

    def show_search_error(self, message: str) -> None:
        self.search.set_error(message)

    def set_search_available(self, available: bool, reason: str = "") -> None:
        self.search.set_available(available, reason)
        self._update_links()

    def opened_sections(self) -> frozenset[Section]:
        return self.card.opened_sections()

    def current_customer_id(self) -> int | None:
        return self.card.record.customer.id if self.card.record else None

    def page(self) -> int:
        return self.stack.currentIndex()

    def _show_record(self, record: CustomerRecord) -> None:
        self.card.set_record(record)
        self.checklist.set_viewed(self.card.opened_sections())   # cleared for a new customer
        self.checklist.show()
        self.stack.setCurrentIndex(PAGE_CARD)
        self._update_links()

    def _pick(self, customer_id: int) -> None:
        loaded = self.result is not None and any(
            m.customer.id == customer_id for m in self.result.matches)
        if self.result is not None and not loaded:
            # a line past the first ranked matches: loaded on demand, like a search result
            self.customer_chosen.emit(self.call.call_id, customer_id)
            return
        self.chosen_id = customer_id
        self.manual = False
        if self.result is not None:
            self.show_lookup(self.result, self.lookup_finished)
        self.customer_picked.emit(self.call.call_id, customer_id)

    def _attach_phone(self) -> None:
        if self.chosen_id is not None:
            self.attach_phone_requested.emit(self.call.call_id, self.chosen_id)

    def _show_pick_list(self) -> None:
        self.chosen_id = None
        self.manual = False
        self.back_to_list.hide()
        self.stack.setCurrentIndex(PAGE_PICK)
        self._update_links()

    def _message(self, text: str) -> None:
        self.message.set_plain(text)
        self.stack.setCurrentIndex(PAGE_MESSAGE)
        self._update_links()

    def _update_links(self) -> None:
        """"Buscar outro cliente…" under a card or a pick list (not while looking up)."""
        page = self.stack.currentIndex()
        self.search_other.setVisible(page in (PAGE_CARD, PAGE_PICK)
                                     and self.search.query.isEnabled())
        several = self.result is not None and len(self.result.matches) > 1
        if page == PAGE_SEARCH and several:
            self.back_to_list.show()       # the number's list is still there to go back to
        elif page != PAGE_CARD:
            self.back_to_list.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search.query and event.type() == QEvent.Type.MouseButtonPress:
            self.accept_keyboard()
        return super().eventFilter(watched, event)

    def accept_keyboard(self) -> None:
        """Let the agent type into the search box: the window may now take the focus."""
        handle = self.windowHandle()
        if handle is not None and handle.flags() & Qt.WindowType.WindowDoesNotAcceptFocus:
            handle.setFlags(handle.flags() & ~Qt.WindowType.WindowDoesNotAcceptFocus)
        self.activateWindow()
        self.search.query.setFocus(Qt.FocusReason.MouseFocusReason)

    # --- window -----------------------------------------------------------------------------

    def pop_up(self, stack_index: int = 0) -> None:
        """Show at the bottom-right of the screen, above everything, without taking focus."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            offset = 32 * stack_index
            self.move(QPoint(max(area.left(), area.right() - self.width() - 16 - offset),
                             max(area.top(), area.bottom() - self.height() - 16 - offset)))
        self.show()
        self.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.dismissed.emit(self.call.call_id)
        super().closeEvent(event)
