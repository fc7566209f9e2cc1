"""Start-up check of the SIP stack for ``ramal --self-test``: does pjsua2 load and run here?

A frozen bundle can miss pjsua2's lazily imported SWIG module or one of the wheel's bundled
libraries (OpenSSL, Kerberos), and a Windows PC can miss the MSVC runtime: all of these only show
when the binding is imported and an endpoint is started. This module does exactly that, on the
null audio device and a UDP transport bound to 127.0.0.1 on a free port, then tears it down. It
sends nothing on the network.

It creates its own ``Endpoint``: pjsua2 allows one per process, so call it from a process that has
no running SIP engine (the self-test is its own process).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from desktop.sip.pj_startup_log import pjlib_stdout_to_log


@dataclass(frozen=True)
class SipStackCheck:
    pjproject_version: str       # as the loaded library reports it ("2.15.1")
    codecs: tuple[str, ...]      # codec ids the endpoint offers ("PCMU/8000/1", ...)
    sip_port: int                # the UDP port the transport got


def check_sip_stack() -> SipStackCheck:
    """Import pjsua2, start a null-audio endpoint with a loopback UDP transport, destroy it.

    Raises ``ImportError`` (binding or a native library missing) or ``RuntimeError`` with the
    pjsua2 error text (the endpoint would not start).
    """
    import pjsua2 as pj

    ep = pj.Endpoint()
    try:
        with pjlib_stdout_to_log():
            ep.libCreate()
        cfg = pj.EpConfig()
        # no pjsip worker threads: everything runs in this thread, as in the app
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.logConfig.level = 0
        cfg.logConfig.consoleLevel = 0
        ep.libInit(cfg)
        # the wheel has no sound backend: the null device clocks the conference bridge
        ep.audDevManager().setNullDev()
        transport_cfg = pj.TransportConfig()
        transport_cfg.boundAddress = "127.0.0.1"
        transport_cfg.port = 0
        transport_id = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport_cfg)
        ep.libStart()
        ep.libHandleEvents(10)
        port = int(ep.transportGetInfo(transport_id).localName.rsplit(":", 1)[1])
        codecs = tuple(str(c.codecId) for c in ep.codecEnum2())
        version = str(ep.libVersion().full)
    except pj.Error as exc:
        raise RuntimeError(str(exc.info())) from None
    finally:
        # destroying a half-created library may itself fail: there is nothing left to free
        with suppress(Exception):
            ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
    return SipStackCheck(pjproject_version=version, codecs=codecs, sip_port=port)
