"""One pjsua2 Call: its commands, its callbacks turned into events, and how it ended.

The engine keeps each SipCall in a dict by its own call id until the call is DISCONNECTED (a
collected wrapper would hang the call up). Calls hold no reference to UI objects. Everything
here runs on the engine thread.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import pjsua2 as pj

from desktop.i18n import tr
from desktop.sip.caller_id import parse_headers, parse_name_addr, uri_user
from desktop.sip.errors import SipCommandError
from desktop.sip.events import (
    CallEnded,
    CallReplaced,
    CallState,
    CallStateChanged,
    DtmfReceived,
    OutgoingCallStarted,
    TransferResult,
)
from desktop.sip.outcome import CallFacts, classify, completed_elsewhere

if TYPE_CHECKING:
    from desktop.sip.engine import SipEngine

log = logging.getLogger(__name__)

_CONTEXT = "sip"
_DTMF_DIGITS = set("0123456789*#ABCDabcd")


def _uri_user(uri: str) -> str:
    return uri_user(parse_name_addr(uri).uri) or uri


def _command_error(text: str) -> Exception:
    return SipCommandError(text)


class SipCall(pj.Call):
    def __init__(
        self,
        engine: SipEngine,
        account: pj.Account,
        call_id: str,
        *,
        incoming: bool,
        pj_call_id: int = pj.PJSUA_INVALID_ID,
    ) -> None:
        super().__init__(account, pj_call_id)
        self.engine = engine
        self.account = account
        self.call_id = call_id
        self.incoming = incoming
        self.remote_number = ""
        self.answered = False
        self.disconnected = False
        self.declined_here = False
        self.cancelled_elsewhere = False
        self.answer_sent = False
        self.muted = False
        self.on_hold = False
        self.transfer_target = ""
        self._media: Any = None
        self._media_state: str = ""  # "", "active", "local_hold", "remote_hold"
        self._confirmed_at = 0.0

    # --- commands ----------------------------------------------------------------------------

    def ring(self) -> None:
        prm = pj.CallOpParam()
        prm.statusCode = 180
        self.answer(prm)
        engine, call_id = self.engine, self.call_id  # the timer holds no reference to the call
        engine.schedule(engine.ring_timeout_s, lambda: engine.ring_timed_out(call_id))

    def ring_timeout(self) -> None:
        """Rang too long with nobody answering or cancelling: end it as a missed call."""
        if self.answer_sent or self.answered or self.disconnected:
            return
        log.info("call %s rang for %.0f s unanswered: ending it (480)", self.call_id,
                 self.engine.ring_timeout_s)
        prm = pj.CallOpParam()
        prm.statusCode = 480  # Temporarily Unavailable: the PBX tries the queue or voicemail
        self.hangup(prm)

    def answer_call(self, mode: str) -> None:
        if mode == "companion":
            raise _command_error(tr(
                _CONTEXT, "No modo acompanhante o Ramal não atende: atenda no telefone da mesa."
            ))
        if not self.incoming or self.answer_sent:
            raise _command_error(tr(_CONTEXT, "Esta chamada não está tocando."))
        prm = pj.CallOpParam()
        prm.statusCode = 200
        self.answer(prm)
        self.answer_sent = True

    def decline(self) -> None:
        if not self.incoming or self.answer_sent:
            raise _command_error(tr(_CONTEXT, "Esta chamada não está tocando."))
        self.declined_here = True
        prm = pj.CallOpParam()
        prm.statusCode = 486  # Busy Here: 3CX moves on to voicemail or the next agent
        self.hangup(prm)

    def hangup_call(self) -> None:
        if not self.answered:
            self.declined_here = True
        prm = pj.CallOpParam()
        if self.incoming and not self.answer_sent:
            prm.statusCode = 486
        self.hangup(prm)

    def hold(self) -> None:
        self._require_answered()
        self.setHold(pj.CallOpParam(True))

    def resume(self) -> None:
        self._require_answered()
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        self.reinvite(prm)

    def set_mute(self, muted: bool) -> None:
        self._require_answered()
        self.muted = muted
        self._apply_mute()

    def send_dtmf(self, digits: str) -> None:
        self._require_answered()
        if not digits or any(d not in _DTMF_DIGITS for d in digits):
            raise _command_error(
                tr(_CONTEXT, "Dígitos DTMF inválidos: {digits!r}").format(digits=digits)
            )
        self.dialDtmf(digits)

    def blind_transfer(self, target_uri: str) -> None:
        self._require_answered()
        self.transfer_target = target_uri
        self.xfer(target_uri, pj.CallOpParam(True))
        self.engine.emit(CallStateChanged(self.call_id, "transferring"))

    def attended_transfer(self, other: SipCall) -> None:
        self._require_answered()
        other._require_answered()
        self.transfer_target = other.call_id
        self.xferReplaces(other, pj.CallOpParam(True))
        self.engine.emit(CallStateChanged(self.call_id, "transferring"))

    def shutdown_hangup(self) -> None:
        if self.disconnected:
            return
        try:
            if self.isActive():
                self.hangup(pj.CallOpParam())
        except pj.Error as exc:
            log.debug("hangup at shutdown: %s", exc.info())

    def release_media(self) -> None:
        if self._media is not None:
            self._media = None
            try:
                self.engine.media_handler.detach(self.call_id)
            except Exception:
                log.exception("media handler detach failed")

    def _require_answered(self) -> None:
        if not self.answered or self.disconnected:
            raise _command_error(tr(_CONTEXT, "A chamada ainda não foi atendida."))

    def _apply_mute(self) -> None:
        if self._media is not None:
            # tx = from the conference bridge into the call, i.e. what the customer hears of us
            self._media.adjustTxLevel(0.0 if self.muted else 1.0)

    # --- pjsua2 callbacks --------------------------------------------------------------------

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        try:
            self._on_call_state(prm)
        except Exception:
            log.exception("onCallState")

    def _on_call_state(self, prm: pj.OnCallStateParam) -> None:
        info = self.getInfo()
        self._note_cancel_reason(prm.e)
        state = info.state
        if state == pj.PJSIP_INV_STATE_EARLY and not self.incoming:
            self.engine.emit(CallStateChanged(self.call_id, "early"))
        elif state == pj.PJSIP_INV_STATE_CONFIRMED and not self.answered:
            self.answered = True
            self._confirmed_at = time.monotonic()
            self.engine.emit(CallStateChanged(self.call_id, "answered"))
        elif state == pj.PJSIP_INV_STATE_DISCONNECTED and not self.disconnected:
            self.disconnected = True
            self.release_media()
            duration = time.monotonic() - self._confirmed_at if self.answered else 0.0
            facts = CallFacts(
                incoming=self.incoming,
                answered=self.answered,
                last_code=int(info.lastStatusCode),
                cancelled_elsewhere=self.cancelled_elsewhere,
                declined_here=self.declined_here,
            )
            self.engine.emit(CallEnded(
                self.call_id, classify(facts), round(duration, 3),
                int(info.lastStatusCode), str(info.lastReason),
            ))
            self.engine.forget_call(self.call_id)

    def _note_cancel_reason(self, event: Any) -> None:
        """Remember a CANCEL saying "completed elsewhere" (another phone of ours answered)."""
        if self.cancelled_elsewhere or event.type != pj.PJSIP_EVENT_TSX_STATE:
            return
        src = event.body.tsxState.src
        if event.body.tsxState.type != pj.PJSIP_EVENT_RX_MSG:
            return
        message = src.rdata.wholeMsg
        if not message.startswith("CANCEL "):
            return
        reasons = parse_headers(message).get("reason", [])
        self.cancelled_elsewhere = any(completed_elsewhere(r) for r in reasons)

    def onCallTsxState(self, prm: pj.OnCallTsxStateParam) -> None:
        try:
            self._note_cancel_reason(prm.e)
        except Exception:
            log.exception("onCallTsxState")

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        try:
            self._on_media_state()
        except Exception:
            log.exception("onCallMediaState")

    def _on_media_state(self) -> None:
        info = self.getInfo()
        status = None
        index = -1
        for i, media in enumerate(info.media):
            if media.type == pj.PJMEDIA_TYPE_AUDIO:
                status, index = media.status, i
                break
        if status is None:
            return
        if status == pj.PJSUA_CALL_MEDIA_ACTIVE:
            new_state = "active"
        elif status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD:
            new_state = "local_hold"
        elif status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD:
            new_state = "remote_hold"
        else:
            new_state = ""
        previous, self._media_state = self._media_state, new_state
        if new_state == "active":
            if self._media is None:
                self._media = self.getAudioMedia(index)
                self._apply_mute()
                try:
                    self.engine.media_handler.attach(self.call_id, self._media)
                except Exception:
                    log.exception("media handler attach failed")
        else:
            self.release_media()
        event: CallState | None = None
        if new_state == "local_hold" and previous != "local_hold":
            event = "held"
        elif new_state == "remote_hold" and previous != "remote_hold":
            event = "remote_held"
        elif new_state == "active" and previous in ("local_hold", "remote_hold"):
            event = "resumed"
        if event:
            self.engine.emit(CallStateChanged(self.call_id, event))

    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        try:
            self.engine.emit(DtmfReceived(self.call_id, str(prm.digit)))
        except Exception:
            log.exception("onDtmfDigit")

    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        try:
            code = int(prm.statusCode)
            if prm.finalNotify or code >= 200:
                prm.cont = False
                success = 200 <= code < 300
                self.engine.emit(TransferResult(
                    self.call_id, self.transfer_target, success, code, str(prm.reason)
                ))
                if success and not self.disconnected:
                    # the customer is with the target now: our leg has nothing left to do
                    self.hangup(pj.CallOpParam())
        except Exception:
            log.exception("onCallTransferStatus")

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        """The far end transferred us (REFER): follow it with a call we track like any other."""
        try:
            new_id = self.engine.new_call_id()
            new_call = SipCall(self.engine, self.account, new_id, incoming=False)
            self.engine.register_call(new_call)
            prm.newCall = new_call
            self.engine.emit(OutgoingCallStarted(new_id, _uri_user(prm.dstUri), prm.dstUri))
            self.engine.emit(CallStateChanged(new_id, "calling"))
        except Exception:
            log.exception("onCallTransferRequest")

    def onCallReplaced(self, prm: pj.OnCallReplacedParam) -> None:
        """An attended transfer replaced this call with a new one from the transferee."""
        try:
            new_id = self.engine.new_call_id()
            new_call = SipCall(self.engine, self.account, new_id, incoming=True,
                               pj_call_id=prm.newCallId)
            new_call.remote_number = self.remote_number
            new_call.answer_sent = True
            self.engine.register_call(new_call)
            prm.newCall = new_call
            self.engine.emit(CallReplaced(self.call_id, new_id))
        except Exception:
            log.exception("onCallReplaced")
