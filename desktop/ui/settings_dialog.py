"""Settings for everything in ramal.toml, validated as the agent types.

The form builds the same TOML document the file holds and runs it through
:func:`desktop.settings.model.parse_settings` on every change: the first problem is shown with the
message the CLI would print, on the field it names, and "Salvar" waits until there is none.
Saving, the keyring and "Testar conexão" are the app's job: the dialog only emits the document.
The sectors and the subjects' checklist rules are tables (one row per ``[[sectors]]`` /
``[[checklist_rules]]``, a wrong cell marked); ``[outage]`` and ``[actions]`` have no page and
are carried as they are.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from typing import Any, Literal, get_args, get_origin

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.settings.model import (
    AttendanceSettings,
    ChecklistRule,
    ConfigError,
    IxcSettings,
    OpaSettings,
    Sector,
    Settings,
    SipSettings,
    ThreecxSettings,
    UiSettings,
    parse_settings,
)
from desktop.ui.text_widgets import PlainLabel

SECRET_FIELDS = {("sip", "password"), ("ixc", "token"), ("opa", "token"),
                 ("threecx", "client_secret")}
SECTOR_FIELDS = [f.name for f in dataclasses.fields(Sector)]
RULE_FIELDS = [f.name for f in dataclasses.fields(ChecklistRule)]    # subject, requires
# the sections the form has no page for: carried into the document as they are, so the parse
# (the value the running desk is given on save) keeps them instead of falling back to the
# defaults; saving leaves their text in the file alone (desktop/settings/toml_file.py)
CARRIED_SECTIONS = ("outage", "actions")
ERROR_STYLE = "border: 2px solid #c62828;"

FieldWidget = QLineEdit | QSpinBox | QDoubleSpinBox | QCheckBox | QComboBox


class SettingsDialog(QDialog):
    save_requested = Signal(object)          # the TOML document (dict), secrets included
    test_sip_requested = Signal(object)      # Settings
    test_ixc_requested = Signal(object)      # Settings

    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 autostart: bool | None = None) -> None:
        """``autostart``: whether Ramal starts at login now (None: the platform cannot, so the
        checkbox is not offered). It is not part of ramal.toml: the app applies it on save."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Configurações do Ramal"))
        self.resize(640, 560)
        self.original = settings
        self.fields: dict[str, FieldWidget] = {}
        self.error: ConfigError | None = None
        self.parsed: Settings | None = settings
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        _, sip_form = self._page(self.tr("PBX (SIP)"))
        self._add_fields(sip_form, "sip", SipSettings, settings.sip)
        self.test_sip_button = QPushButton(self.tr("Testar conexão"))
        self.test_sip_button.clicked.connect(self._test_sip)
        self.sip_result = PlainLabel("")
        sip_form.addRow(self.test_sip_button, self.sip_result)

        _, ixc_form = self._page(self.tr("IXC"))
        self._add_fields(ixc_form, "ixc", IxcSettings, settings.ixc)
        self.test_ixc_button = QPushButton(self.tr("Testar conexão"))
        self.test_ixc_button.clicked.connect(self._test_ixc)
        self.ixc_result = PlainLabel("")
        ixc_form.addRow(self.test_ixc_button, self.ixc_result)

        _, opa_form = self._page(self.tr("OPA Suite"))
        self._add_fields(opa_form, "opa", OpaSettings, settings.opa)

        sectors_page = QWidget()
        sectors_box = QVBoxLayout(sectors_page)
        self.sectors = QTableWidget(0, len(SECTOR_FIELDS))
        self.sectors.setHorizontalHeaderLabels(self._sector_headers())
        self.sectors.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sectors.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for sector in settings.sectors:
            self._append_sector(sector)
        self.sectors.itemChanged.connect(self._validate)
        sectors_box.addWidget(self.sectors, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Adicionar setor"))
        add.clicked.connect(self._add_sector)
        remove = QPushButton(self.tr("Remover setor"))
        remove.clicked.connect(self._remove_sector)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        sectors_box.addLayout(row)
        self.tabs.addTab(sectors_page, self.tr("Setores"))

        self._build_attendance_page(settings)

        # the audio engineer's page (devices, volumes, ringtone, test); its values join the
        # document like every other field
        from desktop.ui.audio_settings_page import AudioSettingsPage

        self.audio_page = AudioSettingsPage(settings.audio)
        self.audio_page.changed.connect(self._validate)
        self.tabs.addTab(self.audio_page, self.tr("Áudio"))

        # [threecx]: queue dial codes and the shift (any licence), XAPI (Enterprise, a
        # supervisor's secret: an agent's page leaves the last three fields empty)
        _, threecx_form = self._page(self.tr("3CX"))
        self._add_fields(threecx_form, "threecx", ThreecxSettings, settings.threecx)

        _, ui_form = self._page(self.tr("Interface"))
        self._add_fields(ui_form, "ui", UiSettings, settings.ui)
        self.autostart_box = QCheckBox(self.tr("Iniciar com o sistema"))
        self.autostart_box.setObjectName("autostart")
        self.autostart_box.setToolTip(self.tr("Abre o Ramal na bandeja ao entrar na sessão, "
                                              "sem mostrar a janela"))
        self.autostart_box.setChecked(bool(autostart))
        self.autostart_box.setVisible(autostart is not None)
        self.autostart_offered = autostart is not None
        ui_form.addRow("", self.autostart_box)

        self.error_label = PlainLabel("")
        self.error_label.setObjectName("settingsError")
        self.error_label.setStyleSheet("QLabel { color: #c62828; font-weight: bold; }")
        layout.addWidget(self.error_label)
        note = PlainLabel(self.tr("Senhas e tokens são guardados no chaveiro do sistema, "
                                  "não no arquivo."), selectable=False)
        note.setEnabled(False)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Salvar"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._validate()

    # --- building the form ------------------------------------------------------------------

    def _page(self, title: str) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return page, form

    def _labels(self) -> dict[str, str]:
        return {
            "sip.server": self.tr("Servidor (PBX)"), "sip.port": self.tr("Porta"),
            "sip.transport": self.tr("Transporte"), "sip.extension": self.tr("Ramal"),
            "sip.auth_id": self.tr("ID de autenticação"), "sip.password": self.tr("Senha"),
            "sip.display_name": self.tr("Nome de exibição"),
            "sip.registrar": self.tr("Registrar (opcional)"), "sip.stun": self.tr("STUN"),
            "sip.mode": self.tr("Modo"), "sip.bind_address": self.tr("Endereço local"),
            "sip.local_port": self.tr("Porta local (0 = qualquer)"),
            "sip.keepalive_s": self.tr("Keep-alive (s)"),
            "sip.register_expires_s": self.tr("Validade do registro (s)"),
            "ixc.url": self.tr("Endereço do IXC"), "ixc.token": self.tr("Token"),
            "ixc.verify_tls": self.tr("Verificar TLS (true, false ou arquivo CA)"),
            "ixc.max_concurrency": self.tr("Consultas simultâneas"),
            "ixc.timeout_s": self.tr("Tempo limite (s)"),
            "opa.url": self.tr("Endereço do OPA"), "opa.token": self.tr("Token"),
            "opa.verify_tls": self.tr("Verificar TLS (true, false ou arquivo CA)"),
            "threecx.queue_login_code": self.tr("Código para entrar nas filas"),
            "threecx.queue_logout_code": self.tr("Código para sair das filas"),
            "threecx.shift_start": self.tr("Início do turno (HH:MM)"),
            "threecx.url": self.tr("Endereço do 3CX (API, Enterprise)"),
            "threecx.client_id": self.tr("Client ID da API"),
            "threecx.client_secret": self.tr("Chave da API (supervisor)"),
            "threecx.verify_tls": self.tr("Verificar TLS (true, false ou arquivo CA)"),
            "threecx.supervisor": self.tr("Mostrar a supervisão (filas e agentes)"),
            "threecx.match_window_s": self.tr("Tolerância das gravações (s)"),
            "ui.language": self.tr("Idioma"), "ui.popup_on_ring": self.tr("Mostrar a ficha "
                                                                         "ao tocar"),
            "attendance.open_ticket": self.tr("Abrir protocolo na ligação"),
            "attendance.unknown_caller": self.tr("Quem ligou e não é cliente"),
            "attendance.open_subject_id": self.tr("Assunto do protocolo (id no IXC, vazio = o "
                                                  "primeiro)"),
            "attendance.open_ticket_sector_id": self.tr("Setor do protocolo (id no IXC, vazio "
                                                        "= o primeiro)"),
        }

    def _choices(self) -> dict[str, dict[str, str]]:
        """What a choice field shows for each value (the file's word in brackets, for the IT
        person who reads both); a field not here shows its values as they are."""
        return {
            "attendance.open_ticket": {
                "auto": self.tr("Ao atender, sozinho (auto)"),
                "click": self.tr("Com o botão “Abrir protocolo” (click)"),
                "off": self.tr("Não abrir: o chamado é criado ao registrar (off)"),
            },
            "attendance.unknown_caller": {
                "lead_opa": self.tr("Oferecer cadastro como contato no OPA (lead_opa)"),
                "lead_ixc": self.tr("Oferecer cadastro como lead no IXC (lead_ixc)"),
                "off": self.tr("Não oferecer (off)"),
            },
        }

    def _build_attendance_page(self, settings: Settings) -> None:
        """[attendance] (the protocol opened on the call, unknown callers) and the subjects'
        [[checklist_rules]], in a table like the sectors'."""
        page = QWidget()
        box = QVBoxLayout(page)
        form = QFormLayout()
        box.addLayout(form)
        self._add_fields(form, "attendance", AttendanceSettings, settings.attendance)
        # a destination for unknown callers that is not configured: allowed (it may be filled
        # in later), but the popup would offer nothing, so the page says why
        self.lead_warning = PlainLabel("", selectable=False)
        self.lead_warning.setObjectName("leadWarning")
        self.lead_warning.setWordWrap(True)
        self.lead_warning.setStyleSheet("QLabel { color: #e65100; }")
        self.lead_warning.hide()
        form.addRow("", self.lead_warning)
        title = PlainLabel(self.tr("Verificações exigidas por assunto"), selectable=False)
        title.setStyleSheet("QLabel { font-weight: bold; }")
        box.addWidget(title)
        hint = PlainLabel(self.tr(
            "Ao registrar um atendimento com um destes assuntos, o Ramal pede um motivo se a "
            "ficha não mostrou as seções exigidas. Seções, separadas por vírgula: os, "
            "financeiro, conexao."), selectable=False)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        box.addWidget(hint)
        self.rules = QTableWidget(0, len(RULE_FIELDS))
        self.rules.setObjectName("checklist_rules")
        self.rules.setHorizontalHeaderLabels(self._rule_headers())
        self.rules.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for rule in settings.checklist_rules:
            self._append_rule(rule)
        self.rules.itemChanged.connect(self._validate)
        box.addWidget(self.rules, 1)
        row = QHBoxLayout()
        self.add_rule_button = QPushButton(self.tr("Adicionar regra"))
        self.add_rule_button.clicked.connect(self._add_rule)
        self.remove_rule_button = QPushButton(self.tr("Remover regra"))
        self.remove_rule_button.clicked.connect(self._remove_rule)
        row.addWidget(self.add_rule_button)
        row.addWidget(self.remove_rule_button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Atendimento"))

    def _rule_headers(self) -> list[str]:
        return [self.tr("Assunto"), self.tr("Exige verificar")]

    def _sector_headers(self) -> list[str]:
        return [self.tr("Nome"), self.tr("Transferir para"), self.tr("Setor no IXC"),
                self.tr("Departamento OPA"), self.tr("Webhook Discord"),
                self.tr("Cargo Discord")]

    def _add_fields(self, form: QFormLayout, section: str, cls: type[Any], value: Any) -> None:
        hints = typing.get_type_hints(cls)
        labels = self._labels()
        choices = self._choices()
        for f in dataclasses.fields(cls):
            key = f"{section}.{f.name}"
            current = getattr(value, f.name)
            widget = self._widget_for(hints[f.name], current, (section, f.name) in SECRET_FIELDS,
                                      choices.get(key, {}))
            widget.setObjectName(key)
            self.fields[key] = widget
            form.addRow(labels.get(key, f.name), widget)

    def _widget_for(self, tp: Any, current: Any, secret: bool,
                    choices: Mapping[str, str]) -> FieldWidget:
        if get_origin(tp) is Literal:
            # the item's data is the file's value; its text what the agent reads
            combo = QComboBox()
            for v in get_args(tp):
                combo.addItem(choices.get(str(v), str(v)), str(v))
            combo.setCurrentIndex(max(combo.findData(str(current)), 0))
            combo.currentIndexChanged.connect(self._validate)
            return combo
        if tp is bool:
            box = QCheckBox()
            box.setChecked(bool(current))
            box.toggled.connect(self._validate)
            return box
        if tp is int:
            spin = QSpinBox()
            spin.setRange(-1, 1_000_000)
            spin.setValue(int(current))
            spin.valueChanged.connect(self._validate)
            return spin
        if tp is float:
            dspin = QDoubleSpinBox()
            dspin.setRange(-1.0, 1_000.0)
            dspin.setDecimals(2)
            dspin.setValue(float(current))
            dspin.valueChanged.connect(self._validate)
            return dspin
        edit = QLineEdit(str(current).lower() if isinstance(current, bool) else str(current))
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.textChanged.connect(self._validate)
        return edit

    def _append_sector(self, sector: Sector) -> None:
        row = self.sectors.rowCount()
        self.sectors.blockSignals(True)
        self.sectors.insertRow(row)
        for column, name in enumerate(SECTOR_FIELDS):
            self.sectors.setItem(row, column, QTableWidgetItem(getattr(sector, name)))
        self.sectors.blockSignals(False)

    def _add_sector(self) -> None:
        self._append_sector(Sector(name=""))
        self._validate()

    def _remove_sector(self) -> None:
        rows = sorted({i.row() for i in self.sectors.selectedIndexes()}, reverse=True)
        for row in rows:
            self.sectors.removeRow(row)
        self._validate()

    def _append_rule(self, rule: ChecklistRule) -> None:
        row = self.rules.rowCount()
        self.rules.blockSignals(True)
        self.rules.insertRow(row)
        for column, name in enumerate(RULE_FIELDS):
            self.rules.setItem(row, column, QTableWidgetItem(getattr(rule, name)))
        self.rules.blockSignals(False)

    def _add_rule(self) -> None:
        self._append_rule(ChecklistRule(subject=""))
        self.rules.setCurrentCell(self.rules.rowCount() - 1, 0)
        self._validate()

    def _remove_rule(self) -> None:
        rows = sorted({i.row() for i in self.rules.selectedIndexes()}, reverse=True)
        for row in rows:
            self.rules.removeRow(row)
        self._validate()

    # --- the document and its validation ----------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The TOML document the form describes (secrets included; the app moves them out)."""
        doc: dict[str, Any] = {}
        for key, widget in self.fields.items():
            section, name = key.split(".")
            value: Any
            if isinstance(widget, QComboBox):
                value = widget.currentData()
            elif isinstance(widget, QCheckBox):
                value = widget.isChecked()
            elif isinstance(widget, QSpinBox | QDoubleSpinBox):
                value = widget.value()
            else:
                value = widget.text().strip()
                if name == "verify_tls":
                    value = {"true": True, "false": False, "": True}.get(value.lower(), value)
            doc.setdefault(section, {})[name] = value
        sectors = []
        for row in range(self.sectors.rowCount()):
            entry = {}
            for column, name in enumerate(SECTOR_FIELDS):
                item = self.sectors.item(row, column)
                text = item.text().strip() if item is not None else ""
                if text or name == "name":
                    entry[name] = text
            sectors.append(entry)
        if sectors:
            doc["sectors"] = sectors
        doc["audio"] = dataclasses.asdict(self.audio_page.settings())
        rules = [{name: _cell_text(self.rules, row, column)
                  for column, name in enumerate(RULE_FIELDS)}
                 for row in range(self.rules.rowCount())]
        if rules:
            doc["checklist_rules"] = rules
        for section in CARRIED_SECTIONS:
            doc[section] = dataclasses.asdict(getattr(self.original, section))
        return doc

    def _validate(self) -> None:
        # colouring cells emits itemChanged, which would validate again: no signals meanwhile
        tables = (self.sectors, self.rules)
        for table in tables:
            table.blockSignals(True)
        try:
            self._validate_now()
        finally:
            for table in tables:
                table.blockSignals(False)

    def _validate_now(self) -> None:
        for widget in self.fields.values():
            widget.setStyleSheet("")
        for table in (self.sectors, self.rules):
            for row in range(table.rowCount()):
                for column in range(table.columnCount()):
                    item = table.item(row, column)
                    if item is not None:
                        item.setData(Qt.ItemDataRole.BackgroundRole, None)
                        item.setData(Qt.ItemDataRole.ForegroundRole, None)
        try:
            self.parsed = parse_settings(self.document(), source=self.original.source)
            self.error = None
            self.error_label.set_plain("")
        except ConfigError as exc:
            self.parsed = None
            self.error = exc
            self.error_label.set_plain(exc.message)
            self._mark(exc.key)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.error is None)
        warning = self._lead_warning(self.parsed)
        self.lead_warning.set_plain(warning)
        self.lead_warning.setVisible(bool(warning))
        for button in (self.test_sip_button, self.test_ixc_button):
            button.setEnabled(self.error is None)

    def _lead_warning(self, parsed: Settings | None) -> str:
        """Why the popup would not offer to register an unknown caller, or ""."""
        if parsed is None:
            return ""
        where = parsed.attendance.unknown_caller
        if where == "lead_opa" and not parsed.opa.url:
            return self.tr("O OPA não está configurado (aba OPA Suite): o cadastro de quem "
                           "ligou não será oferecido até que esteja.")
        if where == "lead_ixc" and not (parsed.ixc.url and parsed.ixc.token):
            return self.tr("O IXC não está configurado (aba IXC): o cadastro de quem ligou "
                           "não será oferecido até que esteja.")
        return ""

    def _mark(self, key: str) -> None:
        widget = self.fields.get(key)
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE)
            return
        if key.startswith("sectors["):
            row = int(key[len("sectors["):].split("]")[0])
            for column in range(self.sectors.columnCount()):
                _mark_cell(self.sectors.item(row, column))
        elif key.startswith("checklist_rules["):
            # "checklist_rules[1].requires": the cell at fault, not the whole rule
            index, _, name = key[len("checklist_rules["):].partition("].")
            columns = ([RULE_FIELDS.index(name)] if name in RULE_FIELDS
                       else range(self.rules.columnCount()))
            for column in columns:
                _mark_cell(self.rules.item(int(index), column))

    # --- actions ----------------------------------------------------------------------------

    def _save(self) -> None:
        if self.error is None:
            self.save_requested.emit(self.document())

    def _test_sip(self) -> None:
        if self.parsed is not None:
            self.sip_result.set_plain(self.tr("Testando…"))
            self.test_sip_button.setEnabled(False)
            self.test_sip_requested.emit(self.parsed)

    def _test_ixc(self) -> None:
        if self.parsed is not None:
            self.ixc_result.set_plain(self.tr("Testando…"))
            self.test_ixc_button.setEnabled(False)
            self.test_ixc_requested.emit(self.parsed)

    def show_test_result(self, target: str, ok: bool, message: str) -> None:
        label = self.sip_result if target == "sip" else self.ixc_result
        button = self.test_sip_button if target == "sip" else self.test_ixc_button
        button.setEnabled(self.error is None)
        label.set_plain(("✓ " if ok else "✗ ") + message)
        label.setStyleSheet("QLabel { color: %s; }" % ("#2e7d32" if ok else "#c62828"))

    def show_save_error(self, message: str) -> None:
        self.error_label.set_plain(message)

    def autostart_wanted(self) -> bool | None:
        """The checkbox's state (None when it is not offered)."""
        return self.autostart_box.isChecked() if self.autostart_offered else None

    def field(self, key: str) -> FieldWidget:
        return self.fields[key]


def _cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def _mark_cell(item: QTableWidgetItem | None) -> None:
    if item is not None:
        item.setBackground(QColor("#ffcdd2"))
        item.setForeground(QColor("#000000"))
