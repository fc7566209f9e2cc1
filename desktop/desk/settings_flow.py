"""The "Configurações" dialog's flow: open it, test a connection, save.

Saving writes the TOML file and the secrets to the keyring (:mod:`desktop.settings.toml_file`) after
setting "Iniciar com o sistema" first, so a refused login start saves nothing and keeps the
dialog open with the reason. Once saved, the desk's :class:`~desktop.settings.source.SettingsSource`
holds the new value (the forwarding services read sectors, webhooks and OPA departments from it
at use time, the desk ``[attendance]`` and the checklist rules) and ``settings_changed(old, new)``
lets the desk apply what applies at once (sectors, audio, the protocol's bar on open popups).
The connections (PBX, IXC, OPA) and the language are built at start: changing them needs a
restart, which ``notice`` tells the agent and a box offers ("Reiniciar agora") when the app can
restart itself (:attr:`SettingsFlow.restart`). "Testar conexão" runs
:mod:`desktop.desk.connection_tests` on the loop and shows the answer in the dialog.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import tr
from desktop.settings.model import Settings
from desktop.settings.source import SettingsSource
from desktop.settings.toml_file import SecretStore, SecretStoreError, save_settings_document
from desktop.system.autostart import Autostart
from desktop.ui.qt_lifetime import dispose_later
from desktop.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)
_CONTEXT = "app"   # the strings' translation context from before they moved here


class SettingsFlow(QObject):
    settings_changed = Signal(object, object)   # old Settings, new Settings (saved)
    notice = Signal(str)                        # for the status bar and the tray

    def __init__(self, settings: Settings | SettingsSource, window: QWidget,
                 secret_store: SecretStore, config_path: Path, spawn: Callable[[Any], object], *,
                 autostart: Autostart | None = None, restart: Callable[[], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = settings if isinstance(settings, SettingsSource) else SettingsSource(settings)
        self.window = window
        self.secret_store = secret_store
        self.config_path = config_path
        self.spawn = spawn                 # runs a coroutine on the loop, cancelled at shut-down
        # "Iniciar com o sistema"; None = not offered (the demo, whose settings are throw-away)
        self.autostart = autostart
        self.dialog: SettingsDialog | None = None
        # quits and starts Ramal again; None = not offered (the demo, tests)
        self.restart = restart
        self.restart_box: QMessageBox | None = None

    @property
    def settings(self) -> Settings:
        return self.source()

    def open(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = SettingsDialog(self.settings, self.window, autostart=self._autostart_enabled())
        dialog.save_requested.connect(self._save)
        dialog.test_sip_requested.connect(lambda s: self._run_test("sip", s))
        dialog.test_ixc_requested.connect(lambda s: self._run_test("ixc", s))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.show()

    def _autostart_enabled(self) -> bool | None:
        if self.autostart is None:
            return None
        try:
            return self.autostart.is_enabled()
        except OSError:
            log.exception("autostart: is_enabled")
            return False

    def _apply_autostart(self, wanted: bool | None) -> str:
        """Start at login as the checkbox says; the problem in pt-BR, or ""."""
        if wanted is None or self.autostart is None or wanted == self._autostart_enabled():
            return ""
        try:
            self.autostart.set_enabled(wanted)
        except OSError as exc:
            log.warning("autostart: set_enabled(%s) failed: %s", wanted, exc)
            return tr(_CONTEXT, "Não foi possível mudar o início com o sistema: {error}").format(
                error=exc.strerror or exc)
        return ""

    def _closed(self) -> None:
        if self.dialog is not None:
            dispose_later(self.dialog)
        self.dialog = None

    def _save(self, document: dict[str, Any]) -> None:
        dialog = self.dialog
        # login start first: when it fails, nothing is saved and the dialog stays open
        problem = self._apply_autostart(dialog.autostart_wanted() if dialog is not None else None)
        if problem:
            if dialog is not None:
                dialog.show_save_error(problem)
            return
        try:
            save_settings_document(document, self.config_path, self.secret_store)
        except (SecretStoreError, OSError) as exc:
            if dialog is not None:
                dialog.show_save_error(str(exc))
            return
        old = self.settings
        if dialog is not None and dialog.parsed is not None:
            # the dialog's parse carries the secrets just stored in the keyring
            self.source.replace(dataclasses.replace(dialog.parsed, source=self.config_path))
        self.settings_changed.emit(old, self.settings)
        if dialog is not None:
            dialog.accept()
        needs = restart_needed_for(old, self.settings)
        if needs:
            text = tr(_CONTEXT, "Configurações salvas. Reinicie o Ramal para aplicar {what}.")
            text = text.format(what=", ".join(needs))
            self.notice.emit(text)
            self._offer_restart(text)

    def _offer_restart(self, text: str) -> None:
        if self.restart is None:
            return
        if self.restart_box is not None:
            self.restart_box.close()
        box = QMessageBox(QMessageBox.Icon.Information, tr(_CONTEXT, "Reiniciar o Ramal"), text,
                          QMessageBox.StandardButton.NoButton, self.window)
        now = box.addButton(tr(_CONTEXT, "Reiniciar agora"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr(_CONTEXT, "Depois"), QMessageBox.ButtonRole.RejectRole)
        restart = self.restart
        now.clicked.connect(restart)
        box.finished.connect(lambda _result: self._restart_box_closed(box))
        self.restart_box = box
        box.open()    # not modal: a call may be ringing

    def _restart_box_closed(self, box: QMessageBox) -> None:
        if self.restart_box is box:
            self.restart_box = None
        dispose_later(box)

    def _run_test(self, target: str, settings: Settings) -> None:
        from desktop.desk.connection_tests import check_ixc, check_sip

        async def run() -> None:
            if target == "sip":
                ok, message = await check_sip(settings)
            else:
                ok, message = await check_ixc(settings.ixc)
            if self.dialog is not None:
                self.dialog.show_test_result(target, ok, message)

        self.spawn(run())


def restart_needed_for(old: Settings, new: Settings) -> list[str]:
    """What changed that is only read at start (the connections the services were built with,
    the translator), named for the agent; [] when everything applies at once."""
    needs: list[str] = []
    if old.sip != new.sip:
        needs.append(tr(_CONTEXT, "a nova conexão com o PBX (3CX)"))
    if old.ixc != new.ixc:
        needs.append(tr(_CONTEXT, "a nova conexão com o IXC"))
    # the OPA client holds its address and token; the template channel is read per forward
    if (old.opa.url, old.opa.token, old.opa.verify_tls) != (new.opa.url, new.opa.token,
                                                            new.opa.verify_tls):
        needs.append(tr(_CONTEXT, "a nova conexão com o OPA"))
    # the XAPI client and the "Supervisão" tab are built at start; dial codes, the shift and
    # the recording window are read at use
    if (old.threecx.url, old.threecx.client_id, old.threecx.client_secret,
            old.threecx.verify_tls, old.threecx.supervisor) != (
            new.threecx.url, new.threecx.client_id, new.threecx.client_secret,
            new.threecx.verify_tls, new.threecx.supervisor):
        needs.append(tr(_CONTEXT, "a nova conexão com o 3CX"))
    if old.ui.language != new.ui.language:
        needs.append(tr(_CONTEXT, "o novo idioma"))
    return needs
