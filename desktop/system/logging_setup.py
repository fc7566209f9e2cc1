"""Ramal's log files: the platform's log folder, rotated, with every configured secret removed.

Where: ``platformdirs.user_log_dir("Ramal")`` — ``~/.local/state/Ramal/log`` on Linux,
``%LOCALAPPDATA%\\Ramal\\Logs`` on Windows. ``ramal.log`` rotates at 2 MB and keeps 5 old files
(12 MB at most), enough for a day of calls at debug level and small enough for a diagnostic zip.

Privacy: the folder is 0700 and the files 0600 (they hold customers' names and phones), see
:mod:`desktop.privacy.files`.

Secrets: a :class:`RedactingFilter` on every handler passes each record's final text, traceback
included, through :func:`desktop.settings.model.redact` with the current settings, plus the
HTTP Basic form of the IXC token (``base64("id:hash")``), which an httpx debug log could
otherwise show,
and then by pattern (:mod:`desktop.privacy.redaction`: any Discord webhook token, Basic/Bearer
credentials, ``token=`` values), because a URL httpx logs is rarely spelled byte for byte as the
agent configured it.
The settings arrive after logging starts (and change when the agent edits them), so the filter
reads them from a :class:`SecretRedactor` the app updates.
"""

from __future__ import annotations

import base64
import io
import logging
import logging.handlers
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs

from desktop import APP_NAME, __version__
from desktop.i18n import tr
from desktop.privacy.files import (
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    narrow_mode,
)
from desktop.privacy.redaction import redact_patterns
from desktop.settings.model import Settings, redact

LOG_FILE_NAME = "ramal.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"

# marks the handlers this module installed, so a second setup replaces them instead of doubling
_OURS = "_ramal_handler"
_CONTEXT = "logging"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class SecretRedactor:
    """Holds the secrets to hide; thread-safe, because pjsua2 and httpx log from other threads."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._lock = threading.Lock()
        self._settings: Settings | None = None
        self._extra: tuple[str, ...] = ()
        self._provider: Callable[[], Settings | None] | None = None
        if settings is not None:
            self.update(settings)

    def track(self, provider: Callable[[], Settings | None]) -> None:
        """Follow the settings ``provider`` returns (e.g. ``lambda: ramal.settings``), so an edit
        in the settings dialog is redacted from the next log line on, without a notification."""
        self._provider = provider

    def update(self, settings: Settings) -> None:
        extra = []
        token = settings.ixc.token
        if token:
            # IXC's webservice takes the token as HTTP Basic credentials
            extra.append(base64.b64encode(token.encode()).decode())
        with self._lock:
            self._settings = settings
            self._extra = tuple(s for s in extra if len(s) >= 4)

    def __call__(self, text: str) -> str:
        if self._provider is not None:
            current = self._provider()
            if current is not None and current is not self._settings:
                self.update(current)
        with self._lock:
            settings, extra = self._settings, self._extra
        if settings is None:
            return redact_patterns(text)
        text = redact(text, settings)
        for secret in extra:
            text = text.replace(secret, "***")
        return text


class RedactingFilter(logging.Filter):
    """Rewrites a record so that its message and traceback no longer contain secrets."""

    def __init__(self, redactor: SecretRedactor) -> None:
        super().__init__()
        self.redactor = redactor
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redactor(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redactor(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redactor(record.stack_info)
        return True


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level_from_env(value: str | None, default: int) -> tuple[int, str]:
    """The level named in ``RAMAL_LOG_LEVEL`` (any case), or ``default`` and a pt-BR sentence
    saying which names exist: a typo must not cost the agent its start (logging raises)."""
    if not value or not value.strip():
        return default, ""
    name = value.strip().upper()
    if name in LOG_LEVELS:
        return int(logging.getLevelName(name)), ""
    return default, tr(_CONTEXT, "RAMAL_LOG_LEVEL={value} não é um nível de log; use {levels}. "
                                 "Seguindo com {default}.").format(
        value=value, levels=", ".join(LOG_LEVELS), default=logging.getLevelName(default))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the current one and each new one after a rollover) is
    created 0600, whatever the umask."""

    def _open(self) -> io.TextIOWrapper:
        def opener(path: str, flags: int) -> int:
            fd = os.open(path, flags, PRIVATE_FILE_MODE)
            narrow_mode(Path(path))  # a log written by an older Ramal was 0644
            return fd

        stream = open(self.baseFilename, self.mode, encoding=self.encoding,  # noqa: SIM115
                      errors=self.errors, opener=opener)
        assert isinstance(stream, io.TextIOWrapper)  # text mode ("a"), as FileHandler opens it
        return stream


def setup_logging(
    level: int = logging.INFO,
    log_dir: Path | None = None,
    redactor: SecretRedactor | None = None,
    console: bool | None = None,
) -> SecretRedactor:
    """Send the root logger to the rotating file (and stderr when there is a terminal).

    Returns the redactor: call ``redactor.update(settings)`` once settings are loaded and after
    each change. Calling this again replaces the handlers it installed before.
    """
    redactor = redactor or SecretRedactor()
    folder = log_dir or default_log_dir()
    ensure_private_dir(folder)
    for old in log_files(folder):
        narrow_mode(old)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()

    handlers: list[logging.Handler] = [
        PrivateRotatingFileHandler(
            folder / LOG_FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
            encoding="utf-8", delay=True,
        )
    ]
    if console is None:
        console = sys.stderr is not None and sys.stderr.isatty()
    if console and sys.stderr is not None:  # a windowed Windows exe has no stderr at all
        handlers.append(logging.StreamHandler(sys.stderr))
    formatter = logging.Formatter(_FORMAT)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter(redactor))
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    logging.getLogger("ramal").info(
        "%s %s, Python %s, %s; logs em %s", APP_NAME, __version__, sys.version.split()[0],
        sys.platform, folder)
    return redactor


def log_files(log_dir: Path | None = None) -> list[Path]:
    """The current log and its rotated predecessors, newest first."""
    folder = log_dir or default_log_dir()
    current = folder / LOG_FILE_NAME
    rotated = [folder / f"{LOG_FILE_NAME}.{i}" for i in range(1, BACKUP_COUNT + 1)]
    return [p for p in [current, *rotated] if p.is_file()]
