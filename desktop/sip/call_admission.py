"""Which INVITEs may ring: only those the PBX sends, and no more than the phone can hold (pure).

SIP scanners send INVITEs straight to a softphone's port all day long; a call that did not come
through the PBX is answered 403 and never rings, pops a card or looks a customer up. The PBX is
recognised by the *source* of the INVITE: the IP address of the configured server (and outbound
proxy) **and** its SIP port. 3CX sends calls to an extension from its own SIP port (5060 by
default) over UDP, and over TCP/TLS on the connection the extension opened to that port, so the
pair (IP, port) is what an honest PBX always shows and what a scanner on the same NAT'd address
(or on the same host, as in the tests) does not.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.settings.model import SipSettings
from desktop.sip.events import RefusalReason

log = logging.getLogger(__name__)

# pjsua's compile-time PJSUA_MAX_CALLS in the pjsua2-python wheel is 4 (asking for more in
# EpConfig is silently capped); see docs/sip.md.
PJSUA_CALL_SLOTS = 4
# calls Ramal lets ring or talk at once: a call, one waiting and an attended-transfer
# consultation. The last pjsua slot stays free so that an INVITE past the limit still reaches
# Ramal and is answered 486 Busy Here on purpose (the PBX then sends the caller to the queue or
# voicemail), with a ``call_refused`` event, instead of pjsua refusing it unseen.
MAX_ACTIVE_CALLS = PJSUA_CALL_SLOTS - 1
# how long an unanswered call may ring before Ramal ends it as missed (3CX gives up after
# 20-40 s on its own; this only matters when nobody cancels: a lost CANCEL, a broken PBX)
RING_TIMEOUT_S = 60.0

Address = tuple[str, int]
Resolver = Callable[[str, int], Iterable[str]]


def parse_source(address: str) -> Address | None:
    """``"10.0.0.5:5060"`` / ``"[2001:db8::1]:5060"`` (pjsua's ``srcAddress``) → (ip, port)."""
    address = address.strip()
    if address.startswith("["):
        host, _, rest = address[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port_text = address.rpartition(":")
    if not host or not port_text.isdigit():
        return None
    return host.lower(), int(port_text)


def host_and_port(target: str, default_port: int) -> tuple[str, int]:
    """The host and port of ``pbx.example.com``, ``sip:1.2.3.4:5070;lr`` or ``sip:[::1]:5060``."""
    text = target.strip()
    for prefix in ("sips:", "sip:"):
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
    text = text.split(";", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1].strip("<> ")
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    else:
        host, port_text = text, ""
    return host, int(port_text) if port_text.isdigit() else default_port


def _getaddrinfo(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_UDP)
    return [str(info[4][0]) for info in infos]


def pbx_sources(sip: SipSettings, resolve: Resolver = _getaddrinfo) -> frozenset[Address]:
    """Every (ip, port) a call from the PBX may come from: the server's and the proxy's."""
    targets = [(sip.server, sip.port)]
    if sip.registrar:
        targets.append(host_and_port(sip.registrar, sip.port))
    found: set[Address] = set()
    for host, port in targets:
        if not host:
            continue
        try:
            found.update((ip.lower(), port) for ip in resolve(host, port))
        except OSError as exc:
            # e.g. a server name only the outbound proxy resolves: the proxy's address counts
            log.info("cannot resolve %s to check where calls come from: %s", host, exc)
    return frozenset(found)


@dataclass(frozen=True)
class CallAdmission:
    """Decides, before anything rings, whether an incoming INVITE is refused and why."""

    pbx: frozenset[Address]
    max_active_calls: int = MAX_ACTIVE_CALLS

    def refusal(self, source: str, active_calls: int) -> RefusalReason | None:
        address = parse_source(source)
        if address is None or address not in self.pbx:
            return "not_from_pbx"
        if active_calls >= self.max_active_calls:
            return "too_many_calls"
        return None
