"""The customer card: who is calling and everything to check before saying "alô".

Built from a :class:`~desktop.ixc.models.CustomerRecord`; :meth:`CustomerCard.set_record` is
called again as each section arrives, so the card fills in while the phone rings. Only the tab
on show is built at once: the hidden tabs' pages are built one per event-loop turn afterwards,
or when shown (:meth:`CustomerCard.ensure_built` builds them now). Every text
from IXC goes through :class:`PlainLabel` (never rendered as markup). The sections the agent
opened are remembered for the attendance log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ixc.card_actions import ActionKind
from desktop.ixc.models import (
    Connection,
    Contract,
    CustomerRecord,
    Invoice,
    Section,
    ServiceOrder,
    Ticket,
)
from desktop.ui.card_action_widgets import ActionButton, ActionResultPanel
from desktop.ui.customer_badges import Badge, record_badges
from desktop.ui.formatting import (
    format_brl,
    format_date,
    format_datetime,
    mask_document,
    single_line,
)
from desktop.ui.outage_banner import OutageBanner
from desktop.ui.text_widgets import ALERT_COLORS, BadgeLabel, CopyButton, FlowLayout, PlainLabel

# Tab order: a summary first (not a section: opening the card is not "checked the OS"), then
# the sections in the order agents check them.
TAB_SECTIONS: tuple[Section | None, ...] = (
    None,
    Section.SERVICE_ORDERS,
    Section.INVOICES,
    Section.CONNECTIONS,
    Section.CONTRACTS,
    Section.TICKETS,
)

# compared by value in CustomerCard._changed; everything else by identity
_SCALARS = (bool, str, int, type(None), frozenset, Badge)


class EntryFrame(QFrame):
    """One item in a section tab: a bold title, detail lines, copy buttons."""

    def __init__(self, title: str, parent: QWidget | None = None, *, highlight: bool = False
                 ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 6, 8, 6)
        self.layout_.setSpacing(2)
        self.title = PlainLabel(title, limit=200)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        if highlight:
            self.setStyleSheet("EntryFrame { border: 2px solid #c62828; border-radius: 4px; }")
        self.layout_.addWidget(self.title)
        self.buttons: QHBoxLayout | None = None

    def add_line(self, text: str, limit: int = 400) -> PlainLabel | None:
        if not text.strip():
            return None
        label = PlainLabel(text, limit=limit)
        self.layout_.addWidget(label)
        return label

    def add_copy(self, label: str, value: str) -> CopyButton | None:
        if not value.strip():
            return None
        if self.buttons is None:
            self.buttons = QHBoxLayout()
            self.buttons.addStretch(1)
            self.layout_.addLayout(self.buttons)
        button = CopyButton(label, value)
        self.add_button(button)
        return button

    def add_button(self, button: QWidget) -> None:
        if self.buttons is None:
            self.buttons = QHBoxLayout()
            self.buttons.addStretch(1)
            self.layout_.addLayout(self.buttons)
        self.buttons.insertWidget(self.buttons.count() - 1, button)


class CustomerCard(QWidget):
    open_in_ixc_requested = Signal(int)
    section_opened = Signal(str)
    # an action of the card (desktop.ixc.card_actions.ActionKind value, contract/invoice/login id)
    action_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: CustomerRecord | None = None
        self._opened: set[Section] = set()
        # what each part of the card was last built from (see _changed)
        self._shown: dict[object, tuple[object, ...]] = {}
        # the actions this installation allows ([actions]); what is off is not shown
        self.enabled_actions: frozenset[str] = frozenset()
        self.action_buttons: dict[tuple[str, int], ActionButton] = {}
        # what the agent did from this card during the call, for the attendance text
        self.action_notes: list[str] = []
        # how many times set_record ran: each is a render on a ringing phone (the desk batches
        # a lookup's updates; tests count them)
        self.renders = 0
        # hidden tabs whose page is still to build (index → entries builder): the ringing card
        # draws the visible page and badges first; these follow, one per loop turn
        self._unbuilt: dict[int, Callable[[], Sequence[QWidget]]] = {}
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_next_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        header = QHBoxLayout()
        names = QVBoxLayout()
        self.name_label = PlainLabel(limit=160)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setObjectName("customerName")
        self.identity_label = PlainLabel(limit=300)
        self.address_label = PlainLabel(limit=300)
        names.addWidget(self.name_label)
        names.addWidget(self.identity_label)
        names.addWidget(self.address_label)
        header.addLayout(names, 1)
        self.open_ixc_button = QPushButton(self.tr("Abrir no IXC"))
        self.open_ixc_button.setToolTip(self.tr("Abre o cadastro do cliente no IXC, no navegador"))
        self.open_ixc_button.clicked.connect(self._open_ixc)
        header.addWidget(self.open_ixc_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.alert_label = PlainLabel(limit=1000)
        self.alert_label.setObjectName("customerAlert")
        bg, fg, border = ALERT_COLORS
        self.alert_label.setStyleSheet(
            f"QLabel {{ background: {bg}; color: {fg}; border: 2px solid {border}; "
            "border-radius: 4px; padding: 6px; font-weight: bold; }"
        )
        self.alert_label.hide()
        # a probable mass outage around the caller (shown before the customer's own alert)
        self.outage_banner = OutageBanner()
        layout.addWidget(self.outage_banner)
        layout.addWidget(self.alert_label)

        self.badge_box = QWidget()
        self.badges = FlowLayout(self.badge_box)
        layout.addWidget(self.badge_box)
        self.action_panel = ActionResultPanel()
        layout.addWidget(self.action_panel)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._pages: list[QScrollArea] = []
        for section in TAB_SECTIONS:
            page = QScrollArea()
            page.setWidgetResizable(True)
            page.setFrameShape(QFrame.Shape.NoFrame)
            self._pages.append(page)
            self.tabs.addTab(page, self._tab_title(section, None))
        # only the agent's own clicks (or keyboard) count as "opened", not set_record's updates
        self.tabs.tabBarClicked.connect(self._on_tab_clicked)
        self.tabs.currentChanged.connect(self._build_page)
        layout.addWidget(self.tabs, 1)

    # --- public API ---------------------------------------------------------------------------

    def opened_sections(self) -> frozenset[Section]:
        return frozenset(self._opened)

    def ensure_built(self, section: Section | None = None) -> None:
        """Build ``section``'s page now if it is still waiting (every waiting page when
        ``section`` is None): for code that reads a hidden tab's widgets, e.g.
        :attr:`action_buttons`, before the loop turn that would build it."""
        indexes = list(self._unbuilt) if section is None else [self.tab_index(section)]
        for index in indexes:
            self._build_page(index)

    def page_built(self, section: Section) -> bool:
        return self.tab_index(section) not in self._unbuilt

    def set_enabled_actions(self, kinds: frozenset[str]) -> None:
        self.enabled_actions = kinds
        self._shown.clear()
        self.action_buttons.clear()
        if self.record is not None:
            self.set_record(self.record)

    def _action(self, entry: EntryFrame, kind: ActionKind, target: int) -> None:
        if kind.value not in self.enabled_actions:
            return
        button = ActionButton(kind.label, kind.value, target)
        button.clicked.connect(lambda: self.action_requested.emit(kind.value, target))
        self.action_buttons[(kind.value, target)] = button
        entry.add_button(button)

    def clear(self) -> None:
        self.record = None
        self.action_notes.clear()
        self.action_buttons.clear()
        self.action_panel.hide()
        self._opened.clear()
        self._shown.clear()
        self.name_label.set_plain("")
        self.identity_label.set_plain("")
        self.address_label.set_plain("")
        self.alert_label.hide()
        self.outage_banner.set_outage(None)
        self.badges.clear()
        self._unbuilt.clear()
        for i, page in enumerate(self._pages):
            page.setWidget(QWidget())
            self.tabs.setTabText(i, self._tab_title(TAB_SECTIONS[i], None))
        self.tabs.setCurrentIndex(0)

    def set_record(self, record: CustomerRecord) -> None:
        """Show ``record``; called again as each section arrives, so only what changed since
        the last call is rebuilt (a section's tab is built once when it lands, not on every
        other section's update: on a ringing phone each rebuild delays the next one)."""
        self.renders += 1
        if self.record is None or self.record.customer.id != record.customer.id:
            self._opened.clear()
            self._shown.clear()
            self.action_buttons.clear()
            self._unbuilt.clear()
            self.tabs.setCurrentIndex(0)
        self.record = record
        self.outage_banner.set_outage(record.outage)
        if self._changed("header", (record.customer, record.contracts)):
            self._fill_header(record)
        badges = record_badges(record)
        if self._changed("badges", (*badges, record.pending)):
            self._fill_badges(record, badges)
        if self._changed("summary", (record.customer, record.match,
                                     *self._section_state(record, Section.INVOICES))):
            self._place(0, partial(self._summary_entries, record))
        builders: tuple[Callable[[CustomerRecord], list[QWidget]], ...] = (
            self._service_order_entries, self._invoice_entries, self._connection_entries,
            self._contract_entries, self._ticket_entries)
        for index, build in enumerate(builders, start=1):
            section = TAB_SECTIONS[index]
            assert section is not None
            if self._changed(section, self._section_state(record, section)):
                self._fill_section(index, section, record, build)

    @staticmethod
    def _section_state(record: CustomerRecord, section: Section) -> tuple[object, ...]:
        return (section in record.pending, record.errors.get(section),
                getattr(record, section.value))

    def _changed(self, key: object, state: tuple[object, ...]) -> bool:
        """Whether ``state`` differs from what ``key``'s part of the card shows (identity:
        an update replaces only the arriving section's tuple, the others are the same objects).
        """
        before = self._shown.get(key)
        if before is not None and len(before) == len(state) and all(
                a is b or (type(a) in _SCALARS and a == b) for a, b in zip(before, state,
                                                                            strict=True)):
            return False
        self._shown[key] = state
        return True

    def _fill_header(self, record: CustomerRecord) -> None:
        customer = record.customer
        self.name_label.set_plain(single_line(customer.name) or self.tr("(sem nome)"))
        identity = [mask_document(customer.cpf_cnpj)]
        if customer.trade_name and customer.trade_name != customer.name:
            identity.append(single_line(customer.trade_name))
        identity.append(self.tr("Código {id}").format(id=customer.id))
        self.identity_label.set_plain(" · ".join(p for p in identity if p))
        self.address_label.set_plain(customer.address.one_line())

        alerts = [customer.alerta.strip()] if customer.alerta.strip() else []
        alerts += [c.alert.strip() for c in record.contracts if c.alert.strip()]
        self.alert_label.set_plain("⚠ " + "\n".join(alerts) if alerts else "")
        self.alert_label.setVisible(bool(alerts))

    def _fill_badges(self, record: CustomerRecord, badges: Sequence[Badge]) -> None:
        self.badges.clear()
        for badge in badges:
            self.badges.addWidget(BadgeLabel(badge.tone, badge.text))
        if record.pending:
            loading = QLabel(self.tr("carregando: {sections}…").format(
                sections=", ".join(s.label for s in sorted(record.pending))))
            loading.setTextFormat(Qt.TextFormat.PlainText)
            loading.setEnabled(False)
            self.badges.addWidget(loading)
        self.badge_box.updateGeometry()

    def tab_index(self, section: Section) -> int:
        return TAB_SECTIONS.index(section)

    # --- tabs -------------------------------------------------------------------------------

    def _tab_title(self, section: Section | None, record: CustomerRecord | None) -> str:
        if section is None:
            return self.tr("Resumo")
        label = self.tr("OS") if section is Section.SERVICE_ORDERS else section.label
        if record is None or section in record.pending:
            return f"{label} …"
        if section in record.errors:
            return f"{label} ⚠"
        count = len(getattr(record, section.value))
        return f"{label} ({count})"

    def _on_tab_clicked(self, index: int) -> None:
        if 0 <= index < len(TAB_SECTIONS):
            section = TAB_SECTIONS[index]
            if section is not None and section not in self._opened:
                self._opened.add(section)
                self.section_opened.emit(section.value)

    def _place(self, index: int, entries: Callable[[], Sequence[QWidget]]) -> None:
        """Fill the tab on show now; a hidden one later (its previous page stays until then)."""
        if index == self.tabs.currentIndex():
            self._unbuilt.pop(index, None)
            self._fill(index, entries())
        else:
            self._unbuilt[index] = entries
            self._build_timer.start()

    def _build_page(self, index: int) -> None:
        entries = self._unbuilt.pop(index, None)
        if entries is not None:
            self._fill(index, entries())

    def _build_next_page(self) -> None:
        # one page per loop turn, so a paint or a click in between waits ~1 ms, not all of them
        if self._unbuilt:
            self._build_page(min(self._unbuilt))
        if self._unbuilt:
            self._build_timer.start()

    def _fill(self, index: int, entries: Sequence[QWidget]) -> None:
        container = QWidget()
        box = QVBoxLayout(container)
        box.setContentsMargins(4, 4, 4, 4)
        for entry in entries:
            box.addWidget(entry)
        box.addStretch(1)
        self._pages[index].setWidget(container)

    def _fill_section(self, index: int, section: Section, record: CustomerRecord,
                      build: Callable[[CustomerRecord], list[QWidget]]) -> None:
        self.tabs.setTabText(index, self._tab_title(section, record))
        self._place(index, partial(self._section_page, section, record, build))

    def _section_page(self, section: Section, record: CustomerRecord,
                      build: Callable[[CustomerRecord], list[QWidget]]) -> list[QWidget]:
        if section in record.pending:
            return [self._note(self.tr("Buscando no IXC…"))]
        if section in record.errors:
            return [self._note(record.errors[section])]
        return build(record) or [self._note(self.tr("Nada registrado."))]

    @staticmethod
    def _note(text: str) -> QWidget:
        label = PlainLabel(text, limit=500)
        label.setEnabled(False)
        return label

    def _open_ixc(self) -> None:
        if self.record is not None:
            self.open_in_ixc_requested.emit(self.record.customer.id)

    # --- entries ----------------------------------------------------------------------------

    def _summary_entries(self, record: CustomerRecord) -> list[QWidget]:
        customer = record.customer
        entries: list[QWidget] = []
        contact = EntryFrame(self.tr("Contato"))
        phones = [single_line(p) for p in customer.phones.values() if p.strip()]
        contact.add_line(" · ".join(dict.fromkeys(phones)))
        contact.add_line(single_line(customer.email))
        if record.match is not None:
            contact.add_line(self.tr("Encontrado por: {how} ({stored})").format(
                how=record.match.kind.label, stored=single_line(record.match.stored)))
        entries.append(contact)
        if Section.INVOICES not in record.pending and Section.INVOICES not in record.errors:
            money = EntryFrame(self.tr("Financeiro"))
            nxt = record.next_due
            if nxt is not None:
                money.add_line(self.tr("Próximo vencimento: {date} · {amount}").format(
                    date=format_date(nxt.due), amount=format_brl(nxt.amount_due)))
            last = record.last_payment
            if last is not None:
                money.add_line(self.tr("Último pagamento: {date} · {amount}").format(
                    date=format_date(last.paid_on), amount=format_brl(last.paid_amount
                                                                       or last.amount)))
            if record.overdue_invoices:
                money.add_line(self.tr("Em atraso: {amount} em {count} fatura(s)").format(
                    amount=format_brl(record.total_overdue), count=len(record.overdue_invoices)))
            if nxt is None and last is None and not record.overdue_invoices:
                money.add_line(self.tr("Nenhuma fatura."))
            entries.append(money)
        if customer.obs.strip():
            obs = EntryFrame(self.tr("Observações"))
            obs.add_line(customer.obs, limit=1000)
            entries.append(obs)
        return entries

    def _service_order_entries(self, record: CustomerRecord) -> list[QWidget]:
        orders = list(record.open_service_orders) + list(record.closed_service_orders)[:10]
        entries = [self._service_order(o) for o in orders]
        if ActionKind.SERVICE_ORDER.value in self.enabled_actions:
            new = EntryFrame(self.tr("Nova ordem de serviço"))
            self._action(new, ActionKind.SERVICE_ORDER, record.customer.id)
            entries.insert(0, new)
        return entries

    def _service_order(self, order: ServiceOrder) -> QWidget:
        title = f"OS {order.id} · {order.status.label}"
        if order.subject:
            title += f" · {single_line(order.subject)}"
        entry = EntryFrame(title, highlight=False)
        when = [self.tr("aberta {date}").format(date=format_datetime(order.opened))
                if order.opened else ""]
        if order.scheduled:
            when.append(self.tr("agendada {date}").format(date=format_datetime(order.scheduled)))
        if order.closed:
            when.append(self.tr("finalizada {date}").format(date=format_datetime(order.closed)))
        entry.add_line(" · ".join(w for w in when if w))
        if order.technician:
            entry.add_line(self.tr("Técnico: {name}").format(name=single_line(order.technician)))
        if order.protocol:
            entry.add_line(self.tr("Protocolo: {protocol}").format(protocol=order.protocol))
        entry.add_line(order.message)
        entry.add_line(order.closing_message)
        entry.add_copy(self.tr("Copiar protocolo"), order.protocol)
        return entry

    def _invoice_entries(self, record: CustomerRecord) -> list[QWidget]:
        open_ = list(record.open_invoices)
        paid = sorted((i for i in record.invoices if not i.is_open),
                      key=lambda i: (i.paid_on or i.due or record.today), reverse=True)[:6]
        return [self._invoice(i, record) for i in open_ + paid]

    def _invoice(self, invoice: Invoice, record: CustomerRecord) -> QWidget:
        overdue = invoice.is_overdue(record.today)
        title = self.tr("Vencimento {date} · {amount} · {status}").format(
            date=format_date(invoice.due) or "—",
            amount=format_brl(invoice.amount_due if invoice.is_open else invoice.amount),
            status=invoice.status.label)
        if overdue:
            title += " · " + self.tr("em atraso há {days} dia(s)").format(
                days=invoice.days_overdue(record.today))
        entry = EntryFrame(title, highlight=overdue)
        if invoice.paid_on:
            entry.add_line(self.tr("Pago em {date}: {amount}").format(
                date=format_date(invoice.paid_on), amount=format_brl(invoice.paid_amount)))
        if invoice.document:
            entry.add_line(self.tr("Documento: {doc}").format(doc=invoice.document))
        if invoice.is_open:
            entry.add_line(invoice.linha_digitavel)
            entry.add_copy(self.tr("Copiar linha digitável"), invoice.linha_digitavel)
            entry.add_copy(self.tr("Copiar link de pagamento"), invoice.gateway_link)
            # "Copiar PIX" used to copy pix_txid, a transaction id no bank app can pay: the
            # PIX action reads the real "copia e cola" from IXC
            self._action(entry, ActionKind.PIX, invoice.id)
            self._action(entry, ActionKind.BOLETO, invoice.id)
        return entry

    def _connection_entries(self, record: CustomerRecord) -> list[QWidget]:
        return [self._connection(c) for c in record.connections]

    def _connection(self, conn: Connection) -> QWidget:
        title = f"{single_line(conn.login)} · {conn.online.label}"
        if not conn.active:
            title += " · " + self.tr("login desativado")
        entry = EntryFrame(title, highlight=not conn.is_online)
        if conn.is_online and conn.last_connect:
            entry.add_line(self.tr("Conectado desde {date}").format(
                date=format_datetime(conn.last_connect)))
        if not conn.is_online and conn.last_disconnect:
            entry.add_line(self.tr("Desconectado desde {date}").format(
                date=format_datetime(conn.last_disconnect)))
        if conn.disconnect_reason:
            entry.add_line(self.tr("Motivo da última queda: {reason}").format(
                reason=single_line(conn.disconnect_reason)))
        details = [f"IP {conn.ip}" if conn.ip else "", f"MAC {conn.mac}" if conn.mac else ""]
        entry.add_line(" · ".join(d for d in details if d))
        for kind in (ActionKind.SESSIONS, ActionKind.ONU, ActionKind.DISCONNECT,
                     ActionKind.CLEAR_MAC):
            self._action(entry, kind, conn.id)
        return entry

    def _contract_entries(self, record: CustomerRecord) -> list[QWidget]:
        return [self._contract(c) for c in record.contracts]

    def _contract(self, contract: Contract) -> QWidget:
        title = self.tr("Contrato {id}").format(id=contract.id)
        if contract.plan_name:
            title += f" · {single_line(contract.plan_name)}"
        entry = EntryFrame(title, highlight=contract.is_blocked)
        entry.add_line(self.tr("Situação: {status} · Acesso: {access} · Velocidade: {speed}")
                       .format(status=contract.status.label, access=contract.access_status.label,
                               speed=contract.speed_status.label))
        dates = []
        if contract.activated:
            dates.append(self.tr("ativado {date}").format(date=format_date(contract.activated)))
        if contract.paid_until:
            dates.append(self.tr("pago até {date}").format(date=format_date(contract.paid_until)))
        if contract.last_automatic_block:
            dates.append(self.tr("último bloqueio automático {date}").format(
                date=format_datetime(contract.last_automatic_block)))
        entry.add_line(" · ".join(dates))
        if contract.trust_unlock_active:
            entry.add_line(self.tr("Desbloqueio de confiança ativo até {date}").format(
                date=format_date(contract.trust_unlock_until) or "—"))
        if contract.overdue_installments:
            entry.add_line(self.tr("Parcelas em atraso: {n}").format(
                n=contract.overdue_installments))
        if contract.is_blocked:
            self._action(entry, ActionKind.UNLOCK, contract.id)
            self._action(entry, ActionKind.TEMPORARY_RELEASE, contract.id)
        return entry

    def _ticket_entries(self, record: CustomerRecord) -> list[QWidget]:
        tickets = sorted(record.tickets, key=lambda t: (not t.is_open, -(t.id)))[:15]
        return [self._ticket(t) for t in tickets]

    def _ticket(self, ticket: Ticket) -> QWidget:
        title = f"{single_line(ticket.subject) or self.tr('Atendimento')} · {ticket.status.label}"
        entry = EntryFrame(title)
        meta = []
        if ticket.protocol:
            meta.append(self.tr("Protocolo: {protocol}").format(protocol=ticket.protocol))
        if ticket.opened:
            meta.append(self.tr("aberto {date}").format(date=format_datetime(ticket.opened)))
        entry.add_line(" · ".join(meta))
        entry.add_line(ticket.message)
        entry.add_copy(self.tr("Copiar protocolo"), ticket.protocol)
        return entry
