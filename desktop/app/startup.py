"""Start-up and shut-down of the desk process: ``ramal gui`` and ``ramal demo``.

Order: application names → single instance (a second start hands over its argument and exits)
→ log file → settings → translator → asyncio on qasync → services → audio → :class:`RamalApp`
→ engine. Quitting (menu, tray, Ctrl+C, SIGTERM) runs the reverse: the app's shutdown, the
agent's last commands awaited, then the services' closers in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app.services import Services, build_services, engine_factory_for
from desktop.audio.desk_audio import DeskAudio
from desktop.i18n import tr
from desktop.settings.model import (
    ConfigError,
    Settings,
    default_config_path,
    load_settings,
    resolve_secrets,
)
from desktop.settings.toml_file import SecretStore
from desktop.store.database import DatabaseProblem, default_database_path
from desktop.store.database_recovery import (
    Choice,
    Opened,
    choice_label,
    consequences,
    open_with_recovery,
)
from desktop.system.autostart import Autostart
from desktop.ui.translations import install_translators

if TYPE_CHECKING:
    from desktop.app.ramal_app import RamalApp
    from desktop.system.logging_setup import SecretRedactor

_CONTEXT = "startup"


def _load(config_path: Path | None) -> tuple[Settings, str]:
    """Settings to start with, and the problem to show (first run: no file yet)."""
    try:
        return resolve_secrets(load_settings(config_path)), ""
    except ConfigError as exc:
        return Settings(source=config_path), exc.message




def configure_application(app: QCoreApplication) -> None:
    """Names that decide where Qt and the desktop look for Ramal's things.

    The desktop file name ties the windows to ``ramal.desktop`` (taskbar grouping, the icon on
    Wayland, notifications). Qt's per-app folders are ``<location>/<organisation>/<app>``: with
    no organisation they are ``~/.local/share/Ramal``, ``~/.config/Ramal`` and
    ``%LOCALAPPDATA%\\Ramal``, the folders ``platformdirs`` gives the config, database and logs
    (``appauthor=False``). An organisation name would move Qt's alone, so none is set.
    """
    from desktop import APP_NAME, __version__

    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("")
    app.setOrganizationDomain("")
    if isinstance(app, QGuiApplication):
        app.setDesktopFileName("ramal")


def run_app(settings: Settings, *, problem: str = "", database: Path | str | None = None,
            secret_store: SecretStore | None = None, config_path: Path | None = None,
            prepare: Callable[[RamalApp], None] | None = None, show_window: bool = True,
            autostart: Autostart | None = None, notice: str = "") -> int:
    """Run the desk until the agent quits (shared by ``ramal gui`` and ``ramal demo``).

    ``problem`` (a configuration problem) opens the settings; ``notice`` is only shown."""
    import qasync

    from desktop.audio.pulse_latency import prefer_low_latency_pulse

    prefer_low_latency_pulse(os.environ)  # before the first audio device opens
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    configure_application(app)
    app.setQuitOnLastWindowClosed(False)
    from desktop.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    install_translators(app, settings.ui.language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from desktop.app.ramal_app import RamalApp  # Qt widgets: loaded only when the desk starts

    opened = _open_services(settings, database)
    if opened is None:
        return EXIT_NO_DATABASE  # the agent chose to quit: the file is as it was
    services = opened.value
    # the devices live as long as the app (parented); they open only while needed
    audio = DeskAudio.build(settings, parent=app)
    ramal = RamalApp(settings, engine_factory_for(audio), services=services,
                     secret_store=secret_store, config_path=config_path, audio=audio,
                     autostart=autostart)
    if prepare is not None:
        prepare(ramal)
    quit_event = asyncio.Event()
    # Ctrl+C / SIGTERM (a session logout, `kill`) quit through the normal path: hang up,
    # unregister, stop the demo's helpers
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda _sig, _frame: loop.call_soon_threadsafe(ramal.quit))
    wake = QTimer(ramal)  # Python only runs signal handlers when it gets the CPU back
    wake.start(250)
    wake.timeout.connect(lambda: None)
    app.aboutToQuit.connect(ramal.shutdown)
    app.aboutToQuit.connect(quit_event.set)
    ramal.start(show_window=show_window or bool(problem) or bool(opened.notice))
    notices = "\n\n".join(n for n in (notice, opened.notice) if n)
    if notices:  # where the history/log went; not modal: the desk works meanwhile
        box = QMessageBox(QMessageBox.Icon.Information, "Ramal", notices,
                          QMessageBox.StandardButton.Ok, ramal.window)
        box.open()
    if os.environ.get(_CHOICE_HOOK):
        print("ramal-test: desk shown", file=sys.stderr, flush=True)
    if problem:
        QMessageBox.warning(ramal.window, "Ramal", problem)
        ramal.settings_flow.open()

    async def close_services() -> None:
        await ramal.finish_commands()
        for close in services.closers:
            with contextlib.suppress(Exception):
                result = close()
                if asyncio.iscoroutine(result):
                    await result

    with loop:
        loop.run_until_complete(quit_event.wait())
        ramal.shutdown()
        loop.run_until_complete(close_services())
    return 0


EXIT_NO_DATABASE = 1


def _open_services(settings: Settings, database: Path | str | None) -> Opened[Services] | None:
    """The services on the desk's database, asking the agent what to do when the file is
    damaged, the disk full, the folder read-only or the file locked (not a traceback)."""
    if database == ":memory:":
        return Opened(build_services(settings, database), "")
    path = Path(database) if database is not None else default_database_path()
    return open_with_recovery(path, lambda target: build_services(settings, target),
                              _ask_about_database, datetime.now)


def _ask_about_database(problem: DatabaseProblem, choices: list[Choice]) -> Choice:
    from desktop.ui.start_problem_dialog import StartProblemDialog

    dialog = StartProblemDialog(problem.message, consequences(problem),
                                [(c.value, choice_label(c)) for c in choices], problem.detail)
    hook = os.environ.get(_CHOICE_HOOK)  # tests: press this button as soon as the dialog shows
    if hook:
        QTimer.singleShot(0, lambda: _press(dialog, hook))
    return Choice(dialog.ask())


# the start-up test presses a button of the database dialog by its key (e.g. "move_aside")
_CHOICE_HOOK = "RAMAL_TEST_DATABASE_CHOICE"


def _press(dialog: QMessageBox, key: str) -> None:
    for button, button_key in getattr(dialog, "_keys", {}).items():
        if button_key == key:
            button.click()


# --- desktop integration (issue 7): single instance, dial links, log files ---------------------

def _launched_again(ramal: RamalApp, message: str) -> None:
    """Another ``ramal`` start handed us its argument: "" = show the desk, else a dial link."""
    from desktop.phone.dial_links import dial_target

    ramal.window.bring_to_front()
    target = dial_target(message) if message else None
    if target:
        ramal.call_desk.dial(target)


def run_gui(config_path: Path | None, *, minimized: bool = False) -> int:
    """``ramal gui``: the agent's desk with the settings in ``config_path`` (or the default);
    ``minimized`` (the login start): in the tray, the window closed."""
    from desktop.app.single_instance import SingleInstance
    from desktop.phone.dial_links import dial_link_in
    from desktop.system.autostart import login_command

    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)
    instance = SingleInstance()
    # a browser's tel:/sip:/callto: click starts "ramal <link>" (desktop/phone/dial_links.py)
    link = dial_link_in(sys.argv[1:])
    if not instance.try_primary():
        # a login start finding Ramal running leaves it alone; anything else shows it or dials
        if link or not minimized:
            instance.send(link or "")
        return 0
    # rotating log in the platform's log folder, secrets redacted (desktop/system/logging_setup.py)
    redactor, notice = _start_logging()
    settings, problem = _load(config_path)
    path = config_path or default_config_path()

    running: list[RamalApp] = []

    def prepare(ramal: RamalApp) -> None:
        running.append(ramal)
        # "Reiniciar agora" after a connection change (desktop/desk/settings_flow.py)
        ramal.settings_flow.restart = ramal.request_restart
        redactor.track(ramal.settings_source)
        instance.message_received.connect(lambda message: _launched_again(ramal, message))
        if link:
            QTimer.singleShot(0, lambda: _launched_again(ramal, link))

    del app
    code = run_app(settings, problem=problem, config_path=path, prepare=prepare,
                   show_window=not minimized, autostart=Autostart(login_command(config_path)),
                   notice=notice)
    if running and running[0].restart_requested:
        from desktop.app.restart import start_again

        instance.close()     # the new process must find no desk running
        if not start_again():
            logging.getLogger(__name__).error("restart: could not start Ramal again")
    return code


def _start_logging() -> tuple[SecretRedactor, str]:
    """The log file; when its folder cannot be written (a read-only HOME, a full disk) the
    desk still starts, logging to stderr, and says so in the window."""
    from desktop.system.logging_setup import SecretRedactor, default_log_dir, setup_logging

    try:
        return setup_logging(), ""
    except OSError as exc:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr)
        message = tr(_CONTEXT, "Não foi possível gravar o log em {folder} ({reason}); o Ramal "
                               "funciona sem arquivo de log.").format(
            folder=default_log_dir(), reason=exc.strerror or exc)
        print(message, file=sys.stderr)
        return SecretRedactor(), message
