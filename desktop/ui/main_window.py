"""The main window: dial pad and current calls, history, customer search.

Closing it only hides it (Ramal stays in the tray). The answer/decline/hang-up shortcuts live
here as application-wide actions, so they work from any Ramal window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ixc.models import CustomerRecord
from desktop.settings.model import Sector
from desktop.ui.call_panel import CallPanel
from desktop.ui.customer_card import CustomerCard
from desktop.ui.customer_picker import CustomerSearchBox
from desktop.ui.dial_pad import DialPad
from desktop.ui.history_view import HistoryView
from desktop.ui.icons import STATE_COLORS, app_icon
from desktop.ui.outage_banner import OutageBanner
from desktop.ui.performance_view import PerformanceView
from desktop.ui.queue_status import QueueStatusWidget
from desktop.ui.ring_popup import ANSWER_SHORTCUT, DECLINE_SHORTCUT, HANGUP_SHORTCUT
from desktop.ui.text_widgets import PlainLabel
from desktop.ui.view_models import LineState


class MainWindow(QMainWindow):
    settings_requested = Signal()
    diagnostics_requested = Signal()     # Ramal → Exportar diagnóstico…
    about_requested = Signal()           # Ramal → Sobre o Ramal
    quit_requested = Signal()
    dnd_toggled = Signal(bool)
    simulate_call_requested = Signal()   # demo only: the "Simular chamada" button
    answer_shortcut = Signal()
    decline_shortcut = Signal()
    hangup_shortcut = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ramal")
        self.setWindowIcon(app_icon())
        self.keep_in_tray = True
        self.resize(900, 640)

        central = QWidget()
        outer = QVBoxLayout(central)
        top = QHBoxLayout()
        self.line_label = PlainLabel(limit=200, selectable=False)
        self.line_label.setObjectName("lineState")
        top.addWidget(self.line_label, 1)
        self.demo_button: QPushButton | None = None
        self.dnd_box = QCheckBox(self.tr("Não perturbe"))
        self.dnd_box.toggled.connect(self.dnd_toggled)
        top.addWidget(self.dnd_box)
        self.queue_status = QueueStatusWidget()     # queue login/logout (3CX)
        top.addWidget(self.queue_status)
        outer.addLayout(top)
        self.top_bar = top
        # the outages seen on this desk's calls, while they last (desk/outage_desk.py)
        self.outage_banner = OutageBanner(actions=False)
        outer.addWidget(self.outage_banner)

        self.tabs = QTabWidget()
        phone = QSplitter(Qt.Orientation.Horizontal)
        self.dial_pad = DialPad()
        self.calls = CallPanel()
        phone.addWidget(self.dial_pad)
        phone.addWidget(self.calls)
        phone.setStretchFactor(1, 1)
        self.tabs.addTab(phone, self.tr("Telefone"))
        self.history = HistoryView()
        self.tabs.addTab(self.history, self.tr("Histórico"))
        customers = QSplitter(Qt.Orientation.Horizontal)
        self.search = CustomerSearchBox()
        self.card = CustomerCard()
        customers.addWidget(self.search)
        customers.addWidget(self.card)
        customers.setStretchFactor(1, 1)
        self.tabs.addTab(customers, self.tr("Clientes"))
        self.performance = PerformanceView()        # "Meu desempenho": figures and charts
        self.tabs.addTab(self.performance, self.tr("Meu desempenho"))
        outer.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        menu = self.menuBar().addMenu(self.tr("&Ramal"))
        settings = QAction(self.tr("&Configurações…"), self)
        settings.triggered.connect(self.settings_requested)
        menu.addAction(settings)
        self.diagnostics_action = QAction(self.tr("Exportar &diagnóstico…"), self)
        self.diagnostics_action.setToolTip(self.tr("Salva um .zip com os registros e a "
                                                   "configuração, sem senhas, para o suporte"))
        self.diagnostics_action.triggered.connect(self.diagnostics_requested)
        menu.addAction(self.diagnostics_action)
        self.about_action = QAction(self.tr("S&obre o Ramal"), self)
        self.about_action.triggered.connect(self.about_requested)
        menu.addAction(self.about_action)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Sair"), self)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(quit_action)
        calls_menu = self.menuBar().addMenu(self.tr("&Chamada"))
        for text, key, signal in (
            (self.tr("Atender"), ANSWER_SHORTCUT, self.answer_shortcut),
            (self.tr("Recusar"), DECLINE_SHORTCUT, self.decline_shortcut),
            (self.tr("Desligar"), HANGUP_SHORTCUT, self.hangup_shortcut),
        ):
            action = QAction(text, self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(signal)
            calls_menu.addAction(action)
        self.set_line_state(LineState.OFFLINE)

    def enable_demo(self) -> None:
        """Add the demo's "Simular chamada" button (only ``ramal demo`` calls this)."""
        button = QPushButton(self.tr("Simular chamada"))
        button.setToolTip(self.tr("O chamador de demonstração liga para este ramal"))
        button.clicked.connect(self.simulate_call_requested)
        self.top_bar.insertWidget(1, button)
        self.demo_button = button

    def set_demo_next(self, label: str) -> None:
        if self.demo_button is not None:
            self.demo_button.setToolTip(self.tr("Próxima chamada: {label}").format(label=label))

    def set_line_state(self, state: LineState, detail: str = "") -> None:
        texts = {
            LineState.OFFLINE: self.tr("Desconectado"),
            LineState.REGISTERING: self.tr("Registrando o ramal…"),
            LineState.REGISTERED: self.tr("Ramal registrado"),
            LineState.FAILED: self.tr("Falha no registro"),
        }
        text = "● " + texts[state] + (f" — {detail}" if detail else "")
        self.line_label.set_plain(text)
        self.line_label.setStyleSheet(f"QLabel {{ color: {STATE_COLORS[state]}; "
                                      "font-weight: bold; }")

    def set_dnd(self, on: bool) -> None:
        self.dnd_box.blockSignals(True)
        self.dnd_box.setChecked(on)
        self.dnd_box.blockSignals(False)

    def set_sectors(self, sectors: Sequence[Sector]) -> None:
        self.calls.set_sectors(sectors)

    def show_customer(self, record: CustomerRecord) -> None:
        self.card.set_record(record)
        self.tabs.setCurrentIndex(2)

    def bring_to_front(self) -> None:
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.keep_in_tray:
            event.ignore()
            self.hide()
        else:
            super().closeEvent(event)
