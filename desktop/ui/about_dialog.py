""""Sobre o Ramal": versions of Ramal and its parts, their licences, and where the sources are.

Everything is plain text: versions and source addresses come from package metadata and the
licence files, and Qt must not guess markup in any of them (table items and
:class:`PlainLabel`s; the licence viewer is a read-only ``QPlainTextEdit``). The data comes
from :func:`desktop.system.about.collect_about`; the app reads the licence texts and passes them in.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.system.about import AboutInfo
from desktop.ui.icons import app_icon
from desktop.ui.text_widgets import PlainLabel


class AboutDialog(QDialog):
    def __init__(self, info: AboutInfo, licence_texts: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        """``licence_texts``: licence file name (``Component.licence_file``) → its text."""
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(self.tr("Sobre o Ramal"))
        self.setWindowIcon(app_icon())
        self.resize(760, 620)
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        header.addWidget(icon)
        titles = QVBoxLayout()
        self.title = PlainLabel(f"{info.app_name} {info.app_version}", selectable=False)
        self.title.setStyleSheet("QLabel { font-size: 16pt; font-weight: bold; }")
        titles.addWidget(self.title)
        runtime = f"Python {info.python} — {info.platform}"
        if info.frozen:
            runtime += " " + self.tr("(pacote instalado)")
        self.runtime = PlainLabel(runtime)
        titles.addWidget(self.runtime)
        header.addLayout(titles, 1)
        layout.addLayout(header)

        self.components = QTableWidget(len(info.components), 4)
        self.components.setHorizontalHeaderLabels(
            [self.tr("Componente"), self.tr("Versão"), self.tr("Licença"),
             self.tr("Código-fonte")])
        self.components.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.components.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.components.verticalHeader().setVisible(False)
        header_view = self.components.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setStretchLastSection(True)
        for row, component in enumerate(info.components):
            for column, text in enumerate((component.name, component.version,
                                           component.licence, component.source)):
                self.components.setItem(row, column, QTableWidgetItem(text))
        layout.addWidget(self.components, 2)

        self.gpl_notice = PlainLabel(info.gpl_notice, limit=4000)
        self.gpl_notice.setObjectName("gplNotice")
        layout.addWidget(self.gpl_notice)

        chooser = QHBoxLayout()
        chooser.addWidget(PlainLabel(self.tr("Texto da licença:"), wrap=False, selectable=False))
        self.licence_choice = QComboBox()
        self.licence_texts = {name: text for name, text in licence_texts.items() if text}
        for name in sorted(self.licence_texts):
            self.licence_choice.addItem(name.removesuffix(".txt"), name)
        chooser.addWidget(self.licence_choice, 1)
        layout.addLayout(chooser)
        self.licence_view = QPlainTextEdit()
        self.licence_view.setReadOnly(True)
        self.licence_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.licence_view, 3)
        self.licence_choice.currentIndexChanged.connect(self._show_licence)
        first_gpl = self.licence_choice.findData("GPL-2.0.txt")
        self.licence_choice.setCurrentIndex(max(first_gpl, 0))
        self._show_licence()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fechar"))
        self.copy_button = QPushButton(self.tr("Copiar informações"))
        self.copy_button.setToolTip(self.tr("Copia versões e licenças, para enviar ao suporte"))
        self.copy_button.clicked.connect(self._copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show_licence(self) -> None:
        name = self.licence_choice.currentData()
        self.licence_view.setPlainText(self.licence_texts.get(name, "") if name else "")

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.info.as_text())
        self.copy_button.setText(self.tr("Copiado"))
