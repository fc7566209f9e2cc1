"""The extension's pjsua2 Account: registration with back-off, and incoming calls.

pjsua's own retry timer is switched off (``retryIntervalSec = 0``) because it retries at a fixed
interval and, on TCP, only notices a dead registrar by chance; this class decides instead:
transient failures (408, 5xx, 6xx, transport errors, the TCP connection to the registrar
dropping) retry with exponential back-off until the registrar answers again; refusals (401/403,
404, 407) stop at once and are reported, because 3CX blocks IP addresses that keep failing.
All methods run on the engine thread.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import TYPE_CHECKING

import pjsua2 as pj

from desktop.sip.backoff import is_refusal
from desktop.sip.call_admission import CallAdmission, pbx_sources
from desktop.sip.caller_id import parse_caller_id
from desktop.sip.calls import SipCall
from desktop.sip.events import (
    CallRefused,
    CallStateChanged,
    IncomingCall,
    RegistrationChanged,
    RegistrationState,
)
from desktop.sip.refused_call import RefusedCall

if TYPE_CHECKING:
    from desktop.settings.model import SipSettings
    from desktop.sip.engine import SipEngine

log = logging.getLogger(__name__)


def account_config(sip: SipSettings, transport_param: str) -> pj.AccountConfig:
    acfg = pj.AccountConfig()
    acfg.idUri = f"sip:{sip.extension}@{sip.server}"
    if sip.display_name:
        acfg.idUri = f'"{_quoted(sip.display_name)}" <{acfg.idUri}>'
    acfg.regConfig.registrarUri = f"sip:{sip.server}:{sip.port}{transport_param}"
    acfg.regConfig.timeoutSec = sip.register_expires_s
    acfg.regConfig.retryIntervalSec = 0       # we retry ourselves, with back-off
    acfg.regConfig.registerOnAdd = True
    acfg.regConfig.dropCallsOnFail = False    # a registrar hiccup must not cut a customer
    if sip.registrar:
        proxy = sip.registrar
        if transport_param and "transport=" not in proxy:
            proxy += transport_param
        if ";lr" not in proxy:
            proxy += ";lr"
        acfg.sipConfig.proxies.append(proxy)
    acfg.sipConfig.authCreds.append(
        pj.AuthCredInfo("digest", "*", sip.effective_auth_id, 0, sip.password)
    )
    acfg.natConfig.udpKaIntervalSec = sip.keepalive_s
    stun = pj.PJSUA_STUN_USE_DEFAULT if sip.stun else pj.PJSUA_STUN_USE_DISABLED
    acfg.natConfig.sipStunUse = stun
    acfg.natConfig.mediaStunUse = stun
    if sip.bind_address:
        acfg.mediaConfig.transportConfig.boundAddress = sip.bind_address
    acfg.callConfig.timerUse = pj.PJSUA_SIP_TIMER_OPTIONAL
    return acfg


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


class SipAccount(pj.Account):
    def __init__(self, engine: SipEngine, sip: SipSettings) -> None:
        super().__init__()
        self.engine = engine
        self.sip = sip
        self.state: RegistrationState = "unregistered"
        self.refused = False
        self.closing = False
        self.unregister_pending = False
        self._failures = 0
        self._retry_due = False
        self.admission = CallAdmission(frozenset())

    # --- lifecycle ---------------------------------------------------------------------------

    def open(self) -> None:
        self.refresh_pbx_addresses()
        self._set_state("registering")
        self.create(account_config(self.sip, self.engine.transport_param()))

    def close(self) -> None:
        """Send the un-REGISTER; :attr:`unregister_pending` clears when it is answered."""
        self.closing = True
        if self.state == "registered":
            try:
                self.unregister_pending = True
                self.setRegistration(False)
            except pj.Error as exc:
                self.unregister_pending = False
                log.warning("unregister failed: %s", exc.info())

    def reregister(self) -> None:
        """Register again now (the registrar came back, or the network changed)."""
        if self.closing or self.refused:
            return
        self._retry_due = False
        try:
            self.setRegistration(True)
        except pj.Error as exc:
            # e.g. the TCP connection cannot be opened yet: treat like a transient failure
            self._transient_failure(503, exc.reason or exc.info())

    def refresh_pbx_addresses(self) -> None:
        """Resolve the server and proxy again (at start and on every successful REGISTER)."""
        self.admission = CallAdmission(
            pbx_sources(self.sip), max_active_calls=self.engine.max_active_calls)
        if not self.admission.pbx:
            log.warning("the PBX address (%s) does not resolve: every incoming call will be "
                        "refused until it does", self.sip.server)

    # --- pjsua2 callbacks ----------------------------------------------------------------------

    def onRegStarted(self, prm: pj.OnRegStartedParam) -> None:
        try:
            if prm.renew and self.state != "registered" and not self.closing:
                self._set_state("registering")
        except Exception:
            log.exception("onRegStarted")

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        try:
            self._on_reg_state(int(prm.code), str(prm.reason), int(prm.expiration))
        except Exception:
            log.exception("onRegState")

    def _on_reg_state(self, code: int, reason: str, expiration: int) -> None:
        log.debug("registration answer %s %s (expires %s)", code, reason, expiration)
        if self.closing:
            self.unregister_pending = False
            self._set_state("unregistered", code, reason)
            return
        if 200 <= code < 300 and expiration > 0:
            self._failures = 0
            self.refresh_pbx_addresses()  # the PBX's DNS name may point elsewhere by now
            self._set_state("registered", code, reason)
        elif 200 <= code < 300:
            self._set_state("unregistered", code, reason)
        elif is_refusal(code):
            self.refused = True
            self.engine.emit(RegistrationChanged("failed", code, reason, None))
            self.state = "failed"
            # make sure pjsua does not refresh on its own with the same bad credentials
            with contextlib.suppress(pj.Error):
                self.setRegistration(False)
        else:
            self._transient_failure(code, reason)

    def _transient_failure(self, code: int, reason: str) -> None:
        if self._retry_due:
            return  # one retry already planned
        self._failures += 1
        delay = self.engine.backoff.delay(self._failures)
        self._retry_due = True
        self.state = "failed"
        self.engine.emit(RegistrationChanged("failed", code, reason, round(delay, 2)))
        self.engine.schedule(delay, self.reregister)

    def on_transport_lost(self) -> None:
        """The connection to the registrar broke (TCP/TLS): it may be restarting."""
        if self.closing or self.refused:
            return
        # (the new connection has a new local port while pjsua's Contact keeps naming the old
        # one: like 3CX, the registrar must answer over the connection the REGISTER came on)
        if not self._retry_due:
            self._transient_failure(503, "connection to the registrar lost")

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        received_at = time.time()
        try:
            if self._refused(prm):
                return
        except Exception:
            log.exception("onIncomingCall (admission)")
        call_id = self.engine.new_call_id()
        call = SipCall(self.engine, self, call_id, incoming=True, pj_call_id=prm.callId)
        self.engine.register_call(call)
        try:
            caller = parse_caller_id(prm.rdata.wholeMsg)
            call.remote_number = caller.number
            log.debug("INVITE caller headers: From=%r PAI=%r RPID=%r Diversion=%r",
                      caller.raw_from, caller.raw_pai, caller.raw_rpid, caller.raw_diversion)
            self.engine.emit(IncomingCall(
                call_id=call_id,
                number=caller.number,
                display_name=caller.display_name,
                anonymous=caller.anonymous,
                internal=caller.internal,
                raw_from=caller.raw_from,
                raw_pai=caller.raw_pai,
                raw_rpid=caller.raw_rpid,
                raw_diversion=caller.raw_diversion,
                received_at=received_at,
            ))
            # the card first, then the 180: sending it costs a few hundred microseconds
            call.ring()
            self.engine.emit(CallStateChanged(call_id, "ringing"))
        except Exception:
            log.exception("onIncomingCall")

    def _refused(self, prm: pj.OnIncomingCallParam) -> bool:
        """Answer 403/486 at once, without ringing, when this INVITE must not ring; say so."""
        source = str(prm.rdata.srcAddress)
        reason = self.admission.refusal(source, self.engine.active_call_count())
        if reason is None:
            return False
        code = 403 if reason == "not_from_pbx" else 486
        caller = parse_caller_id(prm.rdata.wholeMsg)
        RefusedCall(self.engine, self, prm.callId).refuse(code)
        log.warning("incoming call from %r refused with %s (%s): it came from %s",
                    caller.number or caller.raw_from, code, reason, source)
        self.engine.emit(CallRefused(caller.number, reason, source, code, caller.raw_from))
        return True

    # --- state -------------------------------------------------------------------------------

    def _set_state(self, state: RegistrationState, code: int = 0, reason: str = "") -> None:
        if state == self.state and state != "registered":
            return
        if state == "registered" and self.state == "registered":
            return  # a refresh: nothing new to tell
        self.state = state
        self.engine.emit(RegistrationChanged(state, code, reason))
