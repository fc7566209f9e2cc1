"""The menu's support actions: "Exportar diagnóstico…" and "Sobre o Ramal".

Exporting asks where to save the zip, then, off the GUI thread's critical path, runs this
installation's own ``--self-test`` in a child process (a second pjsua2 endpoint cannot start in
this process: only one per process) and writes the zip in a worker thread
(:func:`desktop.system.diagnostics.export_diagnostics`: logs and configuration with the secrets
removed). Nothing here touches the network; the self-test binds 127.0.0.1 only. The agent then
sees where the file went, or why it could not be written, in pt-BR.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.i18n import tr
from desktop.settings.model import Settings
from desktop.system.about import collect_about, licence_text
from desktop.system.autostart import current_command
from desktop.system.diagnostics import default_export_name, export_diagnostics
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.qt_lifetime import dispose_later

log = logging.getLogger(__name__)
_CONTEXT = "support"

SELF_TEST_TIMEOUT_S = 30.0

# where to save: (parent window, suggested path) → chosen path, or None when cancelled
PathChooser = Callable[[QWidget, Path], Path | None]
SelfTest = Callable[[], Awaitable[str]]


def ask_zip_path(parent: QWidget, suggested: Path) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, tr(_CONTEXT, "Exportar diagnóstico"), str(suggested),
        tr(_CONTEXT, "Arquivo zip (*.zip)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip")


def self_test_command() -> list[str]:
    """This installation's ``--self-test``: the console executable on Windows (the windowed
    one has no stdout to read)."""
    command = current_command()
    if getattr(sys, "frozen", False) and sys.platform == "win32":
        cli = Path(command[0]).with_name("ramal-cli.exe")
        if cli.exists():
            command = [str(cli)]
    return [*command, "--self-test"]


async def run_self_test_child(timeout_s: float = SELF_TEST_TIMEOUT_S) -> str:
    """The self-test's report, as it would print in a terminal (or why there is none)."""
    command = self_test_command()
    try:
        proc = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    except OSError as exc:
        return f"self-test não iniciou ({' '.join(command)}): {exc}\n"
    try:
        output, _ = await asyncio.wait_for(proc.communicate(), timeout_s)
    except TimeoutError:
        return f"self-test não terminou em {timeout_s:.0f} s\n"
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
    return output.decode("utf-8", errors="replace") + f"(código de saída {proc.returncode})\n"


def _default_folder() -> Path:
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


class SupportActions(QObject):
    """Ramal → Exportar diagnóstico… / Sobre o Ramal. Signals are for tests."""

    exported = Signal(str)           # path of the zip written
    export_failed = Signal(str)      # the pt-BR message shown

    def __init__(self, window: QWidget, settings: Callable[[], Settings],
                 spawn: Callable[[Any], object], *, log_dir: Path | None = None,
                 choose_path: PathChooser = ask_zip_path,
                 self_test: SelfTest | None = run_self_test_child,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.settings = settings
        self.spawn = spawn
        self.log_dir = log_dir
        self.choose_path = choose_path
        self.self_test = self_test
        self.exporting = False
        self.about_dialog: AboutDialog | None = None
        self.result_box: QMessageBox | None = None

    # --- Exportar diagnóstico -----------------------------------------------------------------

    def export(self) -> None:
        if self.exporting:
            return
        path = self.choose_path(self.window, _default_folder() / default_export_name())
        if path is None:
            return
        self.exporting = True
        self.spawn(self._export_to(path))

    async def _export_to(self, path: Path) -> None:
        try:
            report = ""
            if self.self_test is not None:
                try:
                    report = await self.self_test()
                except Exception as exc:   # the zip is still worth having without it
                    log.warning("diagnostics: self-test failed to run: %s", exc)
                    report = f"self-test não rodou: {exc}\n"
            settings = self.settings()
            written = await asyncio.to_thread(export_diagnostics, path, settings,
                                              log_dir=self.log_dir, selftest_report=report)
        except OSError as exc:
            log.warning("diagnostics: export to %s failed: %s", path, exc)
            message = tr(_CONTEXT, "Não foi possível salvar o diagnóstico em {path}: "
                                   "{error}").format(path=path, error=exc.strerror or exc)
            self._tell(QMessageBox.Icon.Warning, message)
            self.export_failed.emit(message)
            return
        finally:
            self.exporting = False
        log.info("diagnostics exported to %s", written)
        self._tell(QMessageBox.Icon.Information,
                   tr(_CONTEXT, "Diagnóstico salvo em {path}. Envie este arquivo ao suporte: "
                                "ele não contém senhas nem tokens.").format(path=written))
        self.exported.emit(str(written))

    def _tell(self, icon: QMessageBox.Icon, text: str) -> None:
        # window-modal and opened, not exec'd: the calls and the popup keep running meanwhile
        if self.result_box is not None:
            self.result_box.close()
        box = QMessageBox(icon, tr(_CONTEXT, "Exportar diagnóstico"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_box = box
        box.open()

    # --- Sobre o Ramal ------------------------------------------------------------------------

    def show_about(self) -> AboutDialog:
        if self.about_dialog is not None:
            self.about_dialog.raise_()
            self.about_dialog.activateWindow()
            return self.about_dialog
        info = collect_about()
        texts = {c.licence_file: licence_text(c) for c in info.components if c.licence_file}
        dialog = AboutDialog(info, texts, self.window)
        dialog.finished.connect(self._about_closed)
        self.about_dialog = dialog
        dialog.show()
        return dialog

    def _about_closed(self) -> None:
        if self.about_dialog is not None:
            dispose_later(self.about_dialog)
        self.about_dialog = None

    def close(self) -> None:
        for widget in (self.about_dialog, self.result_box):
            if widget is not None:
                widget.close()
