"""``ramal agent``: Ramal without a window, one JSON object per line on stdout for every event.

It is how an ISP's IT person checks a deployment (does the extension register? what caller ID
does 3CX send?) and a stable interface for integrations. Lines (keys may be added, never removed):

    {"event": "registration", "state": "registered", "code": 200, "reason": "OK"}
    {"event": "incoming_call", "call_id": "1", "number": "+5511987654321",
     "display_name": "Maria Silva", "anonymous": false, "internal": false}
    {"event": "call_state", "call_id": "1", "state": "answered"}
    {"event": "call_ended", "call_id": "1", "outcome": "missed", "duration_s": 0.0, "code": 487}

Exit codes: 0 after SIGTERM/SIGINT and a clean unregister, 2 bad configuration, 3 registration
refused (wrong extension/password: the agent stops instead of retrying).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.app.exit_codes import EXIT_BAD_CONFIG, EXIT_OK, EXIT_REGISTRATION_REFUSED
from desktop.i18n import tr
from desktop.ixc.record_json import lookup_to_json
from desktop.settings.model import (
    ConfigError,
    Settings,
    load_settings,
    redact,
    require_sip,
    resolve_secrets,
)
from desktop.system.background import BackgroundTasks

if TYPE_CHECKING:  # imported when IXC is configured: registration does not wait for httpx
    from desktop.ixc.session import IxcSession

log = logging.getLogger("desktop.app.agent")

_CONTEXT = "agent"
_SHUTDOWN_TIMEOUT_S = 3.0


def _json_channel() -> TextIO:
    """A private stdout for the JSON lines; file descriptor 1 then points at stderr.

    pjlib prints a few start-up lines straight to file descriptor 1 before any log setting
    applies; moving them to stderr keeps stdout pure JSON for whoever parses it.
    """
    sys.stdout.flush()
    json_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return open(json_fd, "w", encoding="utf-8", buffering=1, closefd=True)


def event_to_json(event: object) -> dict[str, Any] | None:
    """The agent's JSON shape of an engine event (None for events the agent does not print)."""
    from desktop.sip import events as ev

    if isinstance(event, ev.RegistrationChanged):
        line: dict[str, Any] = {"event": "registration", "state": event.state,
                                "code": event.code, "reason": event.reason}
        if event.retry_in_s is not None:
            line["retry_in_s"] = event.retry_in_s
        return line
    if isinstance(event, ev.IncomingCall):
        return {"event": "incoming_call", "call_id": event.call_id, "number": event.number,
                "display_name": event.display_name, "anonymous": event.anonymous,
                "internal": event.internal}
    if isinstance(event, ev.OutgoingCallStarted):
        return {"event": "outgoing_call", "call_id": event.call_id, "number": event.number}
    if isinstance(event, ev.CallStateChanged):
        return {"event": "call_state", "call_id": event.call_id, "state": event.state}
    if isinstance(event, ev.CallEnded):
        return {"event": "call_ended", "call_id": event.call_id, "outcome": event.outcome,
                "duration_s": event.duration_s, "code": event.code}
    if isinstance(event, ev.DtmfReceived):
        return {"event": "dtmf", "call_id": event.call_id, "digit": event.digit}
    if isinstance(event, ev.TransferResult):
        return {"event": "transfer", "call_id": event.call_id, "target": event.target,
                "success": event.success, "code": event.code}
    if isinstance(event, ev.CallReplaced):
        return {"event": "call_replaced", "call_id": event.new_call_id,
                "replaces": event.old_call_id}
    if isinstance(event, ev.CallRefused):
        return {"event": "call_refused", "from": event.number or event.raw_from,
                "reason": event.reason, "source": event.source, "code": event.code}
    if isinstance(event, ev.EngineError):
        return {"event": "error", "message": event.message}
    return None


class Agent:
    def __init__(self, settings: Settings, auto_answer_s: float | None, out: TextIO) -> None:
        self.settings = settings
        self.auto_answer_s = auto_answer_s
        self.out = out
        self.exit_code = EXIT_OK
        self._stop = asyncio.Event()
        self._tasks = BackgroundTasks(log, "agent background work")
        self._ixc: IxcSession | None = None
        # lines come from the engine thread (call events) and the loop (customer records)
        self._out_lock = threading.Lock()
        self.reader_gone = False

    def emit(self, line: dict[str, Any]) -> None:
        text = redact(json.dumps(line, ensure_ascii=False, separators=(", ", ": ")),
                      self.settings) + "\n"
        with self._out_lock:
            if self.reader_gone:
                return
            try:
                self.out.write(text)
                self.out.flush()
            except OSError:  # EPIPE: `ramal agent | head -1` and the reader has exited
                self._drop_output()

    def _drop_output(self) -> None:
        """The reader of stdout went away: keep registering, looking up and answering.

        The emit runs on the engine thread inside its event callback, so an exception here
        would also skip the agent's reaction to that event (auto-answer, lookup). The lines
        are discarded from now on; the unwritten rest of the buffer goes with the old file.
        """
        self.reader_gone = True
        old, self.out = self.out, open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        with contextlib.suppress(OSError, ValueError):
            old.close()
        print(tr(_CONTEXT, "A saída padrão foi fechada (quem lia os eventos saiu); o agente "
                           "continua registrado e atendendo sem imprimir eventos."),
              file=sys.stderr)

    async def run(self) -> int:
        from desktop.sip.engine import SipEngine

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._stop.set)
        pj_log = os.environ.get("RAMAL_SIP_LOG", "")
        def on_event(event: object) -> None:  # on the engine thread
            # the line is printed here, in the engine's order, without waiting for a thread hop
            # (an integration reading our stdout sees the ring as early as the engine does);
            # what the agent does about the event runs on the asyncio loop
            line = event_to_json(event)
            if line is not None:
                self.emit(line)
            loop.call_soon_threadsafe(self._handle, event)

        engine = SipEngine(
            on_event,
            pj_log_level=5 if pj_log else 0, pj_log_file=pj_log,
        )
        self.engine = engine
        try:
            await asyncio.wrap_future(engine.start(self.settings))
        except Exception as exc:
            # the transport could not be created: address/port in use or not ours
            print(tr(_CONTEXT, "Não foi possível iniciar o SIP: {reason}").format(
                reason=_pj_reason(exc)), file=sys.stderr)
            await loop.run_in_executor(None, engine.shutdown, 2.0)
            return EXIT_BAD_CONFIG
        self.ixc_start()
        await self._stop.wait()
        await loop.run_in_executor(None, engine.shutdown, _SHUTDOWN_TIMEOUT_S)
        await self.ixc_close()
        await asyncio.sleep(0)  # let the engine's last call_soon_threadsafe callbacks land
        return self.exit_code

    def _handle(self, event: object) -> None:
        from desktop.sip import events as ev
        from desktop.sip.backoff import is_refusal

        if isinstance(event, ev.RegistrationChanged) and event.state == "failed" \
                and event.retry_in_s is None and is_refusal(event.code):
            print(tr(_CONTEXT, "O PBX recusou o registro ({code} {reason}): confira ramal, "
                               "ID de autenticação e senha.").format(
                code=event.code, reason=event.reason), file=sys.stderr)
            self.exit_code = EXIT_REGISTRATION_REFUSED
            self._stop.set()
        elif isinstance(event, ev.IncomingCall):
            if not event.internal and not event.anonymous:
                self._lookup_customer(event)
            if self.auto_answer_s is not None:
                asyncio.get_running_loop().call_later(
                    max(0.0, self.auto_answer_s), self._answer, event.call_id)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coro)

    def _lookup_customer(self, call: Any) -> None:
        """Look the caller up in IXC without blocking the loop that also carries call events."""
        if self.settings.ixc.url and self.settings.ixc.token:
            self._spawn(self._emit_customer_record(call))

    def _ixc_session(self) -> IxcSession:
        from desktop.ixc.session import IxcSession

        if self._ixc is None:
            self._ixc = IxcSession(self.settings.ixc, outage=self.settings.outage)
        return self._ixc

    def ixc_start(self) -> None:
        """Warm up IXC (reference tables, phone index) in the background, never delaying SIP."""
        if self.settings.ixc.url and self.settings.ixc.token:
            self._ixc_session().start()

    async def ixc_close(self) -> None:
        if self._ixc is not None:
            session, self._ixc = self._ixc, None
            await session.aclose()

    async def _emit_customer_record(self, call: Any) -> None:
        from desktop.ixc.errors import IxcError

        try:
            result = await self._ixc_session().lookup(call.number)
        except IxcError as exc:
            self.emit({"event": "customer_record", "call_id": call.call_id,
                       "number": call.number, "matches": [], "error": exc.message})
            return
        self.emit({"event": "customer_record", "call_id": call.call_id, **lookup_to_json(result)})

    def _answer(self, call_id: str) -> None:
        self._spawn(self._answer_now(call_id))

    async def _answer_now(self, call_id: str) -> None:
        try:
            await asyncio.wrap_future(self.engine.answer(call_id))
        except Exception as exc:  # the caller hung up first, or companion mode
            self.emit({"event": "error", "call_id": call_id,
                       "message": tr(_CONTEXT, "Não atendeu: {reason}").format(reason=exc)})


def _pj_reason(exc: BaseException) -> str:
    info = getattr(exc, "info", None)  # pjsua2.Error carries its text in info()
    return str(info() if callable(info) else exc)


def run_agent(config_path: Path | None, auto_answer_s: float | None = None) -> int:
    from desktop.system.logging_setup import log_level_from_env

    level, problem = log_level_from_env(os.environ.get("RAMAL_LOG_LEVEL"), logging.WARNING)
    if problem:
        print(problem, file=sys.stderr)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = resolve_secrets(load_settings(config_path))
        require_sip(settings)
    except ConfigError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_BAD_CONFIG
    out = _json_channel()
    agent = Agent(settings, auto_answer_s, out)
    try:
        return asyncio.run(agent.run())
    finally:
        with contextlib.suppress(OSError, ValueError):  # the reader may be gone
            agent.out.flush()
