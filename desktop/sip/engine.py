"""SipEngine: the one pjsua2 endpoint, on one thread that nothing else touches.

pjsua2 is not safe to call from several threads, and Python callbacks from pjsip's own worker
threads are fragile, so the engine runs pjsip with no worker threads (``threadCnt = 0``,
``mainThreadOnly``) on a dedicated thread that loops ``libHandleEvents(10)`` and, between two
calls, runs the commands other threads queued. An INVITE therefore becomes an event within one
poll of the socket, whatever the GUI is doing.

Every public method is thread-safe: it queues a command and returns a ``Future``. Events go to the
``on_event`` callback on the engine thread; the agent hops them onto asyncio with
``loop.call_soon_threadsafe`` and the desk through :mod:`desktop.ui.gui_thread`.
"""

from __future__ import annotations

import gc
import heapq
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pjsua2 as pj

from desktop import __version__
from desktop.i18n import tr
from desktop.retry.backoff import Backoff
from desktop.settings.model import Settings, SipSettings
from desktop.sip.backoff import REGISTRATION_BACKOFF
from desktop.sip.call_admission import MAX_ACTIVE_CALLS, PJSUA_CALL_SLOTS, RING_TIMEOUT_S
from desktop.sip.calls import SipCall
from desktop.sip.errors import SipCommandError
from desktop.sip.events import (
    CallRefused,
    CallStateChanged,
    EngineError,
    OutgoingCallStarted,
    RefusalReason,
    RegistrationChanged,
    RegistrationState,
    SipEvent,
)
from desktop.sip.log_file import RedactedLogFile
from desktop.sip.media import CallMediaHandler, NullMediaHandler
from desktop.sip.openssl_digests import load_openssl_digests
from desktop.sip.pj_log import PjLogBridge
from desktop.sip.pj_startup_log import pjlib_stdout_to_log
from desktop.sip.refused_call import RefusedCall
from desktop.sip.registration import SipAccount

log = logging.getLogger(__name__)

T = TypeVar("T")
EventCallback = Callable[[SipEvent], None]

_CONTEXT = "sip"
_POLL_MS = 10


class _Endpoint(pj.Endpoint):
    """The endpoint, for the one callback we need from it: a transport went down."""

    def __init__(self, engine: SipEngine) -> None:
        super().__init__()
        self._engine = engine

    def onTransportState(self, prm: pj.OnTransportStateParam) -> None:
        try:
            if prm.state == pj.PJSIP_TP_STATE_DISCONNECTED:
                self._engine.on_transport_lost()
        except Exception:
            log.exception("onTransportState")

    def onRejectedIncomingCall(self, prm: pj.OnRejectedIncomingCallParam) -> None:
        """pjsua refused an INVITE before Ramal saw it (all its call slots taken, ...)."""
        try:
            self._engine.on_rejected_by_stack(
                int(prm.statusCode), str(prm.reason), str(prm.remoteInfo),
                str(prm.rdata.srcAddress))
        except Exception:
            log.exception("onRejectedIncomingCall")


@dataclass
class _Timer:
    due: float
    seq: int
    action: Callable[[], None]

    def __lt__(self, other: _Timer) -> bool:
        return (self.due, self.seq) < (other.due, other.seq)


class SipEngine:
    def __init__(
        self,
        on_event: EventCallback,
        media_handler: CallMediaHandler | None = None,
        *,
        backoff: Backoff | None = None,
        pj_log_level: int = 0,
        pj_log_file: str = "",
        ring_timeout_s: float = RING_TIMEOUT_S,
        max_active_calls: int = MAX_ACTIVE_CALLS,
    ) -> None:
        self._on_event = on_event
        self.media_handler: CallMediaHandler = media_handler or NullMediaHandler()
        self.backoff = backoff or REGISTRATION_BACKOFF
        self._pj_log_level = pj_log_level
        self._pj_log_file = pj_log_file
        self.ring_timeout_s = ring_timeout_s
        self.max_active_calls = min(max_active_calls, MAX_ACTIVE_CALLS)
        self._pj_log_writer: RedactedLogFile | None = None
        self._commands: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = (
            queue.SimpleQueue()
        )
        self._timers: list[_Timer] = []
        self._timer_seq = itertools.count()
        self._call_seq = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._thread_lock = threading.Lock()
        self._stop = False
        self._finished = threading.Event()
        # owned by the engine thread only
        self._ep: Any = None
        self._account: SipAccount | None = None
        self._calls: dict[str, SipCall] = {}
        self._to_drop: list[str] = []
        self._refused: dict[int, RefusedCall] = {}
        self._refused_to_drop: list[int] = []
        self.sip: SipSettings = SipSettings()

    # --- public API (any thread) --------------------------------------------------------------

    def start(self, settings: Settings | SipSettings) -> Future[None]:
        """Create the endpoint, the transport and the account; registration follows as events."""
        sip = settings.sip if isinstance(settings, Settings) else settings
        with self._thread_lock:
            if self._thread is not None:
                failed: Future[None] = Future()
                failed.set_exception(SipCommandError("engine already started"))
                return failed
            future: Future[None] = Future()
            self._commands.put((lambda: self._do_start(sip), future))
            self._thread = threading.Thread(target=self._run, name="sip-engine", daemon=True)
            self._thread.start()
        return future

    def answer(self, call_id: str) -> Future[None]:
        return self._submit(lambda: self._call(call_id).answer_call(self.sip.mode))

    def decline(self, call_id: str) -> Future[None]:
        return self._submit(lambda: self._call(call_id).decline())

    def hangup(self, call_id: str) -> Future[None]:
        return self._submit(lambda: self._call(call_id).hangup_call())

    def hold(self, call_id: str) -> Future[None]:
        return self._submit(lambda: self._call(call_id).hold())

    def resume(self, call_id: str) -> Future[None]:
        return self._submit(lambda: self._call(call_id).resume())

    def set_mute(self, call_id: str, muted: bool) -> Future[None]:
        return self._submit(lambda: self._call(call_id).set_mute(muted))

    def send_dtmf(self, call_id: str, digits: str) -> Future[None]:
        return self._submit(lambda: self._call(call_id).send_dtmf(digits))

    def blind_transfer(self, call_id: str, target: str) -> Future[None]:
        return self._submit(lambda: self._call(call_id).blind_transfer(self.target_uri(target)))

    def attended_transfer(self, call_id: str, other_call_id: str) -> Future[None]:
        return self._submit(
            lambda: self._call(call_id).attended_transfer(self._call(other_call_id))
        )

    def call(self, number: str) -> Future[str]:
        """Dial ``number`` (an extension, a queue or a phone number); resolves to the call id."""
        return self._submit(lambda: self._do_call(number))

    def network_changed(self) -> Future[None]:
        """The PC changed network (Wi-Fi, VPN, resume): re-create transports and re-register."""
        return self._submit(self._do_network_changed)

    def call_ids(self) -> Future[list[str]]:
        return self._submit(lambda: list(self._calls))

    def shutdown(self, timeout: float = 2.0) -> bool:
        """Hang up, unregister and destroy the endpoint; True when it finished within ``timeout``.

        Safe to call twice, before start, or from the ``on_event`` callback's thread-hopping
        consumers; never blocks longer than ``timeout``.
        """
        with self._thread_lock:
            thread = self._thread
            if thread is None:
                return True
            self._stop = True
        if thread is threading.current_thread():
            return False  # called from inside a callback: the loop ends after this callback
        thread.join(timeout)
        return not thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop

    # --- engine thread -----------------------------------------------------------------------

    def _submit(self, action: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        if self._thread is None or self._stop or self._finished.is_set():
            future.set_exception(SipCommandError(tr(_CONTEXT, "O telefone não está ligado.")))
            return future
        self._commands.put((action, future))
        return future

    def emit(self, event: SipEvent) -> None:
        try:
            self._on_event(event)
        except Exception:  # a consumer's bug must not kill the telephony thread
            log.exception("on_event callback failed for %r", event)

    def schedule(self, delay_s: float, action: Callable[[], None]) -> None:
        """Run ``action`` on the engine thread after ``delay_s`` seconds."""
        heapq.heappush(
            self._timers, _Timer(time.monotonic() + delay_s, next(self._timer_seq), action)
        )

    def cancel_timers(self) -> None:
        self._timers.clear()

    def _run(self) -> None:
        try:
            while not self._stop:
                if self._ep is not None:
                    self._ep.libHandleEvents(_POLL_MS)
                else:
                    time.sleep(_POLL_MS / 1000)
                self._run_commands()
                self._run_timers()
                self._drop_finished_calls()
        except Exception:
            log.exception("SIP engine loop crashed")
            self.emit(EngineError(tr(_CONTEXT, "O motor SIP parou por um erro interno.")))
        finally:
            self._teardown()
            self._fail_pending()
            self._finished.set()

    def _run_commands(self) -> None:
        while True:
            try:
                action, future = self._commands.get_nowait()
            except queue.Empty:
                return
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(action())
            except Exception as exc:
                future.set_exception(exc)

    def _run_timers(self) -> None:
        now = time.monotonic()
        while self._timers and self._timers[0].due <= now:
            timer = heapq.heappop(self._timers)
            try:
                timer.action()
            except Exception:
                log.exception("SIP engine timer failed")

    def _fail_pending(self) -> None:
        while True:
            try:
                _, future = self._commands.get_nowait()
            except queue.Empty:
                return
            if future.set_running_or_notify_cancel():
                future.set_exception(SipCommandError(tr(_CONTEXT, "O telefone foi desligado.")))

    # --- commands (engine thread) ------------------------------------------------------------

    def _do_start(self, sip: SipSettings) -> None:
        self.sip = sip
        load_openssl_digests()
        ep = _Endpoint(self)
        with pjlib_stdout_to_log():   # pjlib's start-up lines, before consoleLevel applies
            ep.libCreate()
        self._ep = ep
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.uaConfig.userAgent = f"Ramal/{__version__}"
        # the wheel's pjsua caps this at its compile-time PJSUA_MAX_CALLS (4): ask for what it
        # really gives, and let Ramal's own limit (MAX_ACTIVE_CALLS) keep one slot spare
        cfg.uaConfig.maxCalls = PJSUA_CALL_SLOTS
        if sip.stun:
            cfg.uaConfig.stunServer.append(sip.stun)
            cfg.uaConfig.stunIgnoreFailure = True
        # pjsip's errors and warnings (levels 1-2: a dropped oversized INVITE, a refused call)
        # go to Ramal's log through the bridge; pjlib's own console writer would print to
        # stdout, which is the agent's JSON channel. The file (RAMAL_SIP_LOG) gets everything.
        cfg.logConfig.level = max(self._pj_log_level, PjLogBridge.LEVEL)
        cfg.logConfig.consoleLevel = PjLogBridge.LEVEL
        cfg.logConfig.writer = PjLogBridge.create()
        if self._pj_log_file:
            # not logConfig.filename: pjsip would write the REGISTER's digest in clear; with a
            # writer, pjsua hands it every line up to consoleLevel instead of printing them
            self._pj_log_writer = RedactedLogFile(Path(self._pj_log_file))
            cfg.logConfig.writer = self._pj_log_writer
            cfg.logConfig.consoleLevel = self._pj_log_level
        cfg.medConfig.noVad = True
        # keep the (null) sound device, i.e. the conference bridge's clock, running: pjsua closes
        # an idle one after 1 s, and with it stop RFC 2833 digits and the audio bridge's frames
        cfg.medConfig.sndAutoCloseTime = -1
        ep.libInit(cfg)
        ep.audDevManager().setNullDev()  # no sound backend in the wheel: the bridge is ours
        tcfg = pj.TransportConfig()
        tcfg.port = sip.local_port
        if sip.bind_address:
            tcfg.boundAddress = sip.bind_address
        kind = {
            "udp": pj.PJSIP_TRANSPORT_UDP,
            "tcp": pj.PJSIP_TRANSPORT_TCP,
            "tls": pj.PJSIP_TRANSPORT_TLS,
        }[sip.transport]
        self._transport_id = ep.transportCreate(kind, tcfg)
        ep.libStart()
        self._account = SipAccount(self, sip)
        self._account.open()

    def _do_call(self, number: str) -> str:
        account = self._require_account()
        call_id = self.new_call_id()
        target = self.target_uri(number)
        call = SipCall(self, account, call_id, incoming=False)
        self._calls[call_id] = call
        prm = pj.CallOpParam(True)
        try:
            call.makeCall(target, prm)
        except pj.Error as exc:
            del self._calls[call_id]
            raise SipCommandError(exc.info()) from None
        self.emit(OutgoingCallStarted(call_id, number, target))
        self.emit(CallStateChanged(call_id, "calling"))
        return call_id

    def on_transport_lost(self) -> None:
        if self._account is not None:
            self._account.on_transport_lost()

    def _do_network_changed(self) -> None:
        if self._ep is None:
            return
        self._ep.handleIpChange(pj.IpChangeParam())

    # --- helpers used by the account and the calls (engine thread) ---------------------------

    def new_call_id(self) -> str:
        return str(next(self._call_seq))

    def register_call(self, call: SipCall) -> None:
        self._calls[call.call_id] = call

    def forget_call(self, call_id: str) -> None:
        """Drop our reference after the current callback returns (pjsua2 may still be in it)."""
        self._to_drop.append(call_id)

    def active_calls(self) -> list[SipCall]:
        return list(self._calls.values())

    def active_call_count(self) -> int:
        return sum(1 for call in self._calls.values() if not call.disconnected)

    def keep_refused(self, call: RefusedCall) -> None:
        self._refused[call.key] = call

    def forget_refused(self, key: int) -> None:
        self._refused_to_drop.append(key)

    def ring_timed_out(self, call_id: str) -> None:
        call = self._calls.get(call_id)
        if call is not None:
            call.ring_timeout()

    def on_rejected_by_stack(self, code: int, reason: str, remote: str, source: str) -> None:
        from desktop.sip.caller_id import parse_name_addr, uri_user

        number = uri_user(parse_name_addr(remote).uri) or remote
        log.warning("incoming call from %r refused by pjsua with %s %s (source %s)",
                    number, code, reason, source)
        kind: RefusalReason = "too_many_calls" if code == 486 else "sip_stack"
        self.emit(CallRefused(number, kind, source, code, remote))

    def _drop_finished_calls(self) -> None:
        while self._to_drop:
            self._calls.pop(self._to_drop.pop(), None)
        while self._refused_to_drop:
            self._refused.pop(self._refused_to_drop.pop(), None)

    def _call(self, call_id: str) -> SipCall:
        call = self._calls.get(call_id)
        if call is None or call.disconnected:
            raise SipCommandError(
                tr(_CONTEXT, "Chamada {call_id} não existe ou já terminou.").format(
                    call_id=call_id
                )
            )
        return call

    def _require_account(self) -> SipAccount:
        if self._account is None:
            raise SipCommandError(tr(_CONTEXT, "O telefone não está ligado."))
        return self._account

    def target_uri(self, target: str) -> str:
        """``101``/``+5511…``/``sip:…`` → a SIP URI on the PBX, with the configured transport."""
        target = target.strip()
        if target.startswith(("sip:", "sips:")):
            return target
        user = "".join(ch for ch in target if ch.isalnum() or ch in "+*#")
        if not user:
            raise SipCommandError(
                tr(_CONTEXT, "Número inválido: {number!r}").format(number=target)
            )
        return f"sip:{user}@{self.sip.server}:{self.sip.port}{self.transport_param()}"

    def transport_param(self) -> str:
        return "" if self.sip.transport == "udp" else f";transport={self.sip.transport}"

    @property
    def endpoint(self) -> Any:
        return self._ep

    # --- shutdown (engine thread) ------------------------------------------------------------

    def _pump(self, seconds: float, until: Callable[[], bool]) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not until():
            self._ep.libHandleEvents(_POLL_MS)
            self._drop_finished_calls()

    def _hang_up_all(self) -> None:
        for call in list(self._calls.values()):
            call.shutdown_hangup()
        self._pump(0.3, lambda: all(c.disconnected for c in self._calls.values()))
        for call in list(self._calls.values()):
            call.release_media()

    def _unregister(self) -> RegistrationState:
        account = self._account
        if account is None:
            return "unregistered"
        account.close()
        self._pump(0.4, lambda: not account.unregister_pending)
        account.shutdown()
        return account.state

    def _teardown(self) -> None:
        """The order pjsua2 needs: calls, account, our references, GC, then the library."""
        ep = self._ep
        if ep is None:
            return
        self.cancel_timers()
        last_state: RegistrationState = "unregistered"
        try:
            self._hang_up_all()
            last_state = self._unregister()
        except Exception:
            log.exception("error while shutting the SIP engine down")
        self._calls.clear()
        self._to_drop.clear()
        self._refused.clear()
        self._refused_to_drop.clear()
        self._account = None
        # no SipCall/SipAccount may survive libDestroy (their C++ destructors would call into a
        # destroyed pjsua and abort): no local variable here may hold one, and cycles go now
        gc.collect()
        try:
            ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
        except Exception:
            log.exception("libDestroy failed")
        self._ep = None
        if self._pj_log_writer is not None:
            self._pj_log_writer.close()
        if last_state != "unregistered":
            self.emit(RegistrationChanged("unregistered", 0, "shutdown"))
