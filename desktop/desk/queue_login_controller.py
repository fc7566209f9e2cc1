"""Queue login/logout from the window and the tray, by the admin's dial codes or by XAPI.

Dial codes: the desk dials the code as an ordinary call (3CX answers with its prompt and hangs
up); the state becomes the one asked for when that call ends normally, and goes back with a
pt-BR notice when it fails. XAPI (when ``[threecx]`` has a URL, a client ID and a secret): the
user's ``QueueStatus`` is written, then read back, and read at start so the state is known.
At the start of a shift (``shift_start``) an agent not known to be in the queues is warned once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.i18n import tr
from desktop.settings.model import Settings
from desktop.threecx.client import XapiClient
from desktop.threecx.errors import XapiError
from desktop.threecx.models import QueueStatus
from desktop.threecx.queue_login import (
    QueueState,
    can_change,
    dial_code,
    shift_warning_due,
    state_of,
    uses_xapi,
)

log = logging.getLogger(__name__)

_CONTEXT = "queues"

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


class QueueLoginController(QObject):
    state_changed = Signal(str)        # a QueueState value
    available_changed = Signal(bool)   # dial codes or XAPI configured: the buttons show
    notice = Signal(str)
    shift_warning = Signal(str)

    def __init__(self, settings: Callable[[], Settings], dial: Callable[[str], Future[str]],
                 post: Callable[[Callable[[], None]], None], spawn: Spawn, *,
                 xapi: Callable[[], XapiClient | None] = lambda: None,
                 now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._dial = dial
        self._post = post
        self._spawn = spawn
        self._xapi = xapi
        self._now = now
        self.state = QueueState.UNKNOWN
        self._before = QueueState.UNKNOWN
        self._pending: dict[str, QueueState] = {}    # dial-code call id → state it asks for
        self._warned_on = ""
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.check_shift)

    def announce(self) -> None:
        """Say whether queue login/logout is configured (at start, after each settings save)."""
        self.available_changed.emit(can_change(self._settings().threecx))

    def start(self) -> None:
        self.announce()
        if uses_xapi(self._settings().threecx):
            self._spawn(self._read_from_xapi())
        self._timer.start()
        self.check_shift()

    def _set(self, state: QueueState) -> None:
        self.state = state
        self.state_changed.emit(state.value)

    # --- commands -----------------------------------------------------------------------------

    def request(self, log_in: bool) -> None:
        settings = self._settings().threecx
        wanted = QueueState.LOGGED_IN if log_in else QueueState.LOGGED_OUT
        client = self._xapi() if uses_xapi(settings) else None
        if client is not None:
            self._before = self.state
            self._set(QueueState.CHANGING)
            self._spawn(self._write_to_xapi(client, wanted))
            return
        code = dial_code(settings, log_in)
        if not code:
            self.notice.emit(tr(_CONTEXT, "Nenhum código de discagem configurado para entrar e "
                                          "sair das filas ([threecx] queue_login_code e "
                                          "queue_logout_code)."))
            return
        self._before = self.state
        self._set(QueueState.CHANGING)

        def placed(future: Future[str]) -> None:
            exc = future.exception()
            if exc is not None:
                self._post(lambda: self._failed(str(exc)))
            else:
                call_id = future.result()
                self._post(lambda: self._pending.__setitem__(call_id, wanted))

        self._dial(code).add_done_callback(placed)

    def call_ended(self, call_id: str, outcome: str) -> None:
        """From the desk: a call ended; a dial-code call that 3CX answered did its job."""
        wanted = self._pending.pop(call_id, None)
        if wanted is None:
            return
        if outcome == "completed":
            self._set(wanted)
            self.notice.emit(tr(_CONTEXT, "Você entrou nas filas.") if wanted is
                             QueueState.LOGGED_IN else tr(_CONTEXT, "Você saiu das filas."))
        else:
            self._failed(tr(_CONTEXT, "o 3CX não atendeu o código"))

    def _failed(self, why: str) -> None:
        self._set(self._before)
        self.notice.emit(tr(_CONTEXT, "Não foi possível mudar o estado nas filas: {why}.")
                         .format(why=why))

    # --- XAPI ---------------------------------------------------------------------------------

    async def _read_from_xapi(self) -> None:
        client = self._xapi()
        if client is None:
            return
        try:
            user = await client.user(self._settings().sip.extension)
        except XapiError as exc:
            self.notice.emit(str(exc))
            return
        except asyncio.CancelledError:
            raise
        self._set(state_of(user.queue_status))
        self.check_shift()

    async def _write_to_xapi(self, client: XapiClient, wanted: QueueState) -> None:
        status = (QueueStatus.LOGGED_IN if wanted is QueueState.LOGGED_IN
                  else QueueStatus.LOGGED_OUT)
        try:
            user = await client.user(self._settings().sip.extension)
            await client.set_queue_status(user.id, status)
            user = await client.user(self._settings().sip.extension)
        except XapiError as exc:
            self._failed(str(exc))
            return
        self._set(state_of(user.queue_status))

    # --- shift start --------------------------------------------------------------------------

    def check_shift(self) -> None:
        now = self._now()
        if shift_warning_due(now, self._settings().threecx, self.state, self._warned_on):
            self._warned_on = now.date().isoformat()
            self.shift_warning.emit(tr(_CONTEXT, "Seu turno começou e você não está nas filas "
                                                 "de atendimento. Entre nas filas para receber "
                                                 "ligações."))
