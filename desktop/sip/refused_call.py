"""An INVITE Ramal answers with an error at once (403 not from the PBX, 486 too many calls).

pjsua has already made it a call (there is no earlier hook in pjsua2 that can refuse an INVITE);
this wrapper only sends the final response, without a 180, and lives until pjsua reports the
call DISCONNECTED (a wrapper collected earlier would hang up a call pjsua still tracks). The
engine thread handles one INVITE at a time, so the pjsua slot such a call takes is free again
before the next INVITE is read: a flood of spoofed INVITEs never fills the phone.
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

import pjsua2 as pj

if TYPE_CHECKING:
    from desktop.sip.engine import SipEngine

log = logging.getLogger(__name__)

_keys = itertools.count(1)


class RefusedCall(pj.Call):
    def __init__(self, engine: SipEngine, account: pj.Account, pj_call_id: int) -> None:
        super().__init__(account, pj_call_id)
        self.engine = engine
        self.key = next(_keys)

    def refuse(self, code: int) -> None:
        self.engine.keep_refused(self)
        prm = pj.CallOpParam()
        prm.statusCode = code
        try:
            self.hangup(prm)
        except pj.Error as exc:
            log.warning("could not refuse an incoming call with %s: %s", code, exc.info())
            self.engine.forget_refused(self.key)

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        try:
            if self.getInfo().state == pj.PJSIP_INV_STATE_DISCONNECTED:
                self.engine.forget_refused(self.key)
        except Exception:
            log.exception("onCallState (refused call)")
