"""The floor for bench/sip_latency.py: the least a pjsua2 user agent can do.

Registers one extension and prints ``registered <time.time()>`` and, from inside
``onIncomingCall``, ``incoming <time.time()>`` for each INVITE, then rings (180). No engine
thread, no parsing, no events: pjsua2's own main loop (libHandleEvents(10)) in the main thread.
Usage: sip_bare_ua.py HOST:PORT EXTENSION PASSWORD
"""

from __future__ import annotations

import signal
import sys
import time

import pjsua2 as pj

calls: list[pj.Call] = []


class Account(pj.Account):
    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        if prm.code == 200 and prm.expiration > 0:
            print(f"registered {time.time():.6f}", flush=True)

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        now = time.time()
        call = pj.Call(self, prm.callId)
        calls.append(call)
        print(f"incoming {now:.6f}", flush=True)
        op = pj.CallOpParam()
        op.statusCode = 180
        call.answer(op)


def main() -> int:
    registrar, extension, password = sys.argv[1:4]
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = cfg.logConfig.consoleLevel = 0
    cfg.uaConfig.maxCalls = 512  # calls are kept (never collected) for the whole run
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    tcfg = pj.TransportConfig()
    tcfg.boundAddress = "127.0.0.1"
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
    ep.libStart()
    acfg = pj.AccountConfig()
    acfg.idUri = f"sip:{extension}@127.0.0.1"
    acfg.regConfig.registrarUri = f"sip:{registrar}"
    acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", extension, 0, password))
    acfg.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
    acc = Account()
    acc.create(acfg)
    while not stop:
        ep.libHandleEvents(10)
    calls.clear()
    acc.shutdown()  # un-REGISTER: a stale contact would make the registrar fork to a dead UA
    del acc
    deadline = time.monotonic() + 0.3
    while time.monotonic() < deadline:
        ep.libHandleEvents(10)
    ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
    return 0


if __name__ == "__main__":
    sys.exit(main())
