"""The outbox as the agent sees it: every IXC ticket, Discord message and OPA call, and its state.

pendente (stored, waiting or retrying, with the last error and the next attempt), enviando,
enviado (with the protocol or message id) and falhou (with the reason and "Tentar de novo").
A disabled Discord webhook (404) is shown on top with its sector, until the agent retries.

The view never reads the database: the controller gives it items (:meth:`OutboxView.set_items`)
and each change the worker reports (:meth:`OutboxView.update_item`); "Tentar de novo" emits
:attr:`OutboxView.retry_requested`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.store.outbox import DisabledTarget, OutboxItem, OutboxState
from desktop.ui.attendance_dialog import StateLabel
from desktop.ui.customer_badges import Tone
from desktop.ui.formatting import single_line
from desktop.ui.qt_lifetime import dispose_later
from desktop.ui.text_widgets import ALERT_COLORS, PlainLabel

STATE_TONES: dict[OutboxState, Tone] = {
    OutboxState.PENDING: Tone.WARN,
    OutboxState.SENDING: Tone.INFO,
    OutboxState.SENT: Tone.GOOD,
    OutboxState.FAILED: Tone.BAD,
}


def state_text(widget: QWidget, state: OutboxState) -> str:
    return {
        OutboxState.PENDING: widget.tr("pendente"),
        OutboxState.SENDING: widget.tr("enviando"),
        OutboxState.SENT: widget.tr("enviado"),
        OutboxState.FAILED: widget.tr("falhou"),
    }[state]


def destination_text(widget: QWidget, item: OutboxItem) -> str:
    """Where the item goes, in the agent's words: "Discord · Suporte Técnico"."""
    kinds = {
        "ixc_ticket": widget.tr("Atendimento no IXC"),
        "discord": widget.tr("Discord"),
        "opa_note": widget.tr("OPA (observação no atendimento)"),
        "opa_notify": widget.tr("OPA (aviso aos atendentes)"),
    }
    kind = kinds.get(item.kind, item.kind)
    if item.kind == "ixc_ticket" or not item.target or item.target == "ixc":
        return kind
    return f"{kind} · {single_line(item.target)}"


def detail_text(widget: QWidget, item: OutboxItem) -> str:
    """The reason (pendente/falhou) or what the remote side answered (enviado)."""
    result = item.result
    if item.state is OutboxState.SENT:
        if item.kind == "ixc_ticket" and result.get("protocol"):
            return widget.tr("Protocolo {protocol}").format(protocol=result["protocol"])
        if item.kind == "discord" and result.get("message_id"):
            return widget.tr("Mensagem {id} publicada no canal").format(id=result["message_id"])
        if result.get("action") == "observacao":
            return widget.tr("Observação no atendimento {protocol} do OPA").format(
                protocol=result.get("protocol") or result.get("attendance_id", ""))
        if result.get("action") == "template":
            return widget.tr("Modelo de WhatsApp enviado para abrir o atendimento")
        if result.get("action") == "notificacao":
            return widget.tr("{n} atendente(s) avisado(s)").format(n=result.get("users", 0))
        return ""
    if item.state is OutboxState.FAILED:
        return item.last_error or widget.tr("motivo desconhecido")
    if item.last_error:
        return widget.tr("{error} Nova tentativa às {when}.").format(
            error=item.last_error, when=item.next_attempt_at.astimezone().strftime("%H:%M:%S"))
    return widget.tr("aguardando envio") if item.state is OutboxState.PENDING else ""


class OutboxItemRow(QFrame):
    """One item: state pill, destination, when, detail, and "Tentar de novo" when it failed."""

    retry_requested = Signal(int)

    def __init__(self, item: OutboxItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.item = item
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.state_label = StateLabel()
        texts = QVBoxLayout()
        self.destination_label = PlainLabel(limit=200)
        self.detail_label = PlainLabel(limit=600)
        texts.addWidget(self.destination_label)
        texts.addWidget(self.detail_label)
        self.retry_button = QPushButton(self.tr("Tentar de novo"))
        self.retry_button.clicked.connect(self._retry)
        layout.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        self.set_item(item)

    def set_item(self, item: OutboxItem) -> None:
        self.item = item
        self.state_label.show_state(STATE_TONES[item.state], state_text(self, item.state))
        when = item.created_at.astimezone().strftime("%d/%m %H:%M")
        self.destination_label.set_plain(f"{destination_text(self, item)} · {when}")
        detail = detail_text(self, item)
        self.detail_label.set_plain(detail)
        self.detail_label.setVisible(bool(detail))
        # pending with an error: the agent may ask for an attempt now instead of the backoff
        retryable = item.state is OutboxState.FAILED or (
            item.state is OutboxState.PENDING and bool(item.last_error))
        self.retry_button.setText(self.tr("Tentar de novo") if item.state is OutboxState.FAILED
                                  else self.tr("Tentar agora"))
        self.retry_button.setVisible(retryable)
        self.retry_button.setEnabled(True)

    def _retry(self) -> None:
        self.retry_button.setEnabled(False)
        self.retry_requested.emit(self.item.id)


class OutboxView(QWidget):
    retry_requested = Signal(int)       # outbox item id
    refresh_requested = Signal()

    FILTERS: tuple[tuple[OutboxState, ...], ...] = (
        (),
        (OutboxState.PENDING, OutboxState.SENDING),
        (OutboxState.FAILED,),
        (OutboxState.SENT,),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[int, OutboxItemRow] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter_combo = QComboBox()
        for label in (self.tr("Todos"), self.tr("Pendentes"), self.tr("Com falha"),
                      self.tr("Enviados")):
            self.filter_combo.addItem(label)
        self.filter_combo.currentIndexChanged.connect(self._apply_filter)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        refresh = QPushButton(self.tr("Atualizar"))
        refresh.clicked.connect(self.refresh_requested)
        top.addWidget(self.filter_combo)
        top.addWidget(self.counts_label, 1)
        top.addWidget(refresh)
        layout.addLayout(top)

        self.disabled_label = PlainLabel(limit=2000)
        self.disabled_label.setObjectName("disabledTargets")
        bg, fg, border = ALERT_COLORS
        self.disabled_label.setStyleSheet(
            f"QLabel {{ background: {bg}; color: {fg}; border: 2px solid {border}; "
            "border-radius: 4px; padding: 6px; }")
        self.disabled_label.hide()
        layout.addWidget(self.disabled_label)

        self.empty_label = QLabel(self.tr("Nada enviado ainda."))
        self.empty_label.setEnabled(False)
        layout.addWidget(self.empty_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        container = QWidget()
        self.list_layout = QVBoxLayout(container)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.addStretch(1)
        scroll.setWidget(container)
        layout.addWidget(scroll, 1)

    # --- public API ---------------------------------------------------------------------------

    def set_items(self, items: Sequence[OutboxItem]) -> None:
        """Replace the list (newest first)."""
        for row in self.rows.values():
            dispose_later(row)
        self.rows.clear()
        for item in sorted(items, key=lambda i: i.id, reverse=True):
            self._add_row(item, at_top=False)
        self._refresh_summary()

    def update_item(self, item: OutboxItem) -> None:
        """One item changed (or is new): update its row in place."""
        row = self.rows.get(item.id)
        if row is None:
            self._add_row(item, at_top=True)
        else:
            row.set_item(item)
            row.setVisible(self._visible(item))
        self._refresh_summary()

    def set_disabled_targets(self, targets: Sequence[DisabledTarget]) -> None:
        text = "\n".join(f"⚠ {t.reason}" for t in targets)
        self.disabled_label.set_plain(text)
        self.disabled_label.setVisible(bool(targets))

    def item_state(self, item_id: int) -> OutboxState | None:
        row = self.rows.get(item_id)
        return row.item.state if row else None

    # --- internals ----------------------------------------------------------------------------

    def _add_row(self, item: OutboxItem, *, at_top: bool) -> None:
        row = OutboxItemRow(item)
        row.retry_requested.connect(self.retry_requested)
        self.rows[item.id] = row
        # the stretch is the last entry: new items go first, a full load appends in order
        self.list_layout.insertWidget(0 if at_top else self.list_layout.count() - 1, row)
        row.setVisible(self._visible(item))

    def _visible(self, item: OutboxItem) -> bool:
        states = self.FILTERS[max(0, self.filter_combo.currentIndex())]
        return not states or item.state in states

    def _apply_filter(self) -> None:
        for row in self.rows.values():
            row.setVisible(self._visible(row.item))

    def _refresh_summary(self) -> None:
        counts = {state: 0 for state in OutboxState}
        for row in self.rows.values():
            counts[row.item.state] += 1
        waiting = counts[OutboxState.PENDING] + counts[OutboxState.SENDING]
        self.counts_label.setText(self.tr("{waiting} pendente(s) · {failed} com falha · "
                                          "{sent} enviado(s)").format(
            waiting=waiting, failed=counts[OutboxState.FAILED], sent=counts[OutboxState.SENT]))
        self.empty_label.setVisible(not self.rows)
