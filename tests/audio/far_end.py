"""A real far end for the audio tests: a second pjsua2 process on loopback.

It calls (``--call URI``) or answers (``--answer-after S``), plays a WAV into the call in a loop
(``AudioMediaPlayer``) and records what it hears (``AudioMediaRecorder``), all on pjsua2's null
device. With ``--register`` it registers an extension first (companion-mode tests use it as the
"desk phone" of the same extension). It prints one JSON object per line: ``ready``,
``registered``, ``incoming``, ``confirmed``, ``disconnected``, ``exit``.

Usage: python far_end.py --registrar 127.0.0.1:PORT [--register EXT --password PW]
           [--call URI | --answer-after S] [--play WAV] [--record WAV] [--hangup-after S]
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from typing import Any

import pjsua2 as pj

HOST = "127.0.0.1"


def say(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


class Peer:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.call: Call | None = None
        self.confirmed_at: float | None = None
        self.answer_at: float | None = None
        self.done = False
        self.player: Any = None
        self.recorder: Any = None


class Call(pj.Call):
    def __init__(self, peer: Peer, acc: pj.Account, call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(acc, call_id)
        self.peer = peer

    def onCallState(self, prm: Any) -> None:
        info = self.getInfo()
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED:
            self.peer.confirmed_at = time.monotonic()
            say("confirmed")
        elif info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            say("disconnected", code=int(info.lastStatusCode), reason=str(info.lastReason))
            self.peer.done = True

    def onCallMediaState(self, prm: Any) -> None:
        info = self.getInfo()
        for i, media in enumerate(info.media):
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                audio = self.getAudioMedia(i)
                peer = self.peer
                if peer.args.play and peer.player is None:
                    peer.player = pj.AudioMediaPlayer()
                    peer.player.createPlayer(peer.args.play, 0)  # 0 = loop
                    peer.player.startTransmit(audio)
                if peer.args.record and peer.recorder is None:
                    peer.recorder = pj.AudioMediaRecorder()
                    peer.recorder.createRecorder(peer.args.record)
                    audio.startTransmit(peer.recorder)
                say("media_active")


class Account(pj.Account):
    def __init__(self, peer: Peer) -> None:
        super().__init__()
        self.peer = peer

    def onRegState(self, prm: Any) -> None:
        say("registered" if prm.code // 100 == 2 else "register_failed", code=int(prm.code))

    def onIncomingCall(self, prm: Any) -> None:
        call = Call(self.peer, self, prm.callId)
        if self.peer.call is not None or self.peer.args.answer_after is None:
            op = pj.CallOpParam()
            op.statusCode = 486
            call.hangup(op)
            return
        self.peer.call = call
        op = pj.CallOpParam()
        op.statusCode = 180
        call.answer(op)
        self.peer.answer_at = time.monotonic() + self.peer.args.answer_after
        say("incoming")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--registrar", required=True)
    ap.add_argument("--register", default="")
    ap.add_argument("--password", default="")
    ap.add_argument("--call", default="")
    ap.add_argument("--answer-after", type=float, default=None)
    ap.add_argument("--play", default="")
    ap.add_argument("--record", default="")
    ap.add_argument("--hangup-after", type=float, default=None)
    ap.add_argument("--cancel-after", type=float, default=None,
                    help="give up (CANCEL) this many seconds after calling, if not answered")
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()
    peer = Peer(args)
    stop = {"flag": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(flag=True))

    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = cfg.logConfig.consoleLevel = 0
    cfg.medConfig.noVad = True
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    tcfg = pj.TransportConfig()
    tcfg.boundAddress = HOST
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
    ep.libStart()

    acfg = pj.AccountConfig()
    if args.register:
        acfg.idUri = f"sip:{args.register}@{HOST}"
        acfg.regConfig.registrarUri = f"sip:{args.registrar}"
        acfg.regConfig.retryIntervalSec = 0
        acfg.sipConfig.authCreds.append(
            pj.AuthCredInfo("digest", "*", args.register, 0, args.password))
    else:
        acfg.idUri = f"sip:farend@{HOST}"
        acfg.regConfig.registrarUri = ""
    acfg.mediaConfig.transportConfig.boundAddress = HOST
    acfg.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
    acfg.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
    acc = Account(peer)
    acc.create(acfg)
    say("ready")

    called_at = time.monotonic()
    if args.call:
        # held by peer only: a local would keep the Call alive past libDestroy, and its C++
        # destructor then aborts the process (pjsua_call_set_user_data assertion, core dump)
        peer.call = Call(peer, acc)
        peer.call.makeCall(args.call, pj.CallOpParam(True))

    deadline = time.monotonic() + args.timeout
    rc = 1
    try:
        while time.monotonic() < deadline and not stop["flag"]:
            ep.libHandleEvents(10)
            now = time.monotonic()
            if peer.answer_at is not None and now >= peer.answer_at and peer.call is not None:
                peer.answer_at = None
                op = pj.CallOpParam()
                op.statusCode = 200
                peer.call.answer(op)
            if (args.hangup_after is not None and peer.confirmed_at is not None
                    and now - peer.confirmed_at >= args.hangup_after and peer.call is not None
                    and not peer.done):
                peer.call.hangup(pj.CallOpParam(True))
                peer.confirmed_at = None
            if (args.cancel_after is not None and peer.call is not None and not peer.done
                    and peer.confirmed_at is None and now - called_at >= args.cancel_after):
                args.cancel_after = None
                peer.call.hangup(pj.CallOpParam(True))
                say("cancelled")
            if peer.done:
                rc = 0
                for _ in range(20):
                    ep.libHandleEvents(10)
                break
    finally:
        if peer.call is not None and not peer.done:
            ep.hangupAllCalls()
            for _ in range(20):
                ep.libHandleEvents(10)
        # the recorder writes its WAV header when destroyed: before libDestroy
        peer.recorder = None
        peer.player = None
        peer.call = None
        acc.shutdown()
        del acc
        for _ in range(10):
            ep.libHandleEvents(10)
        ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
    say("exit", rc=rc)
    return rc


if __name__ == "__main__":
    sys.exit(main())
