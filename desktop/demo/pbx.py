"""The demo's stand-in for 3CX: a tiny SIP registrar on 127.0.0.1 (no Kamailio needed).

It accepts every REGISTER (no digest: there is no secret to protect on loopback) so the app's
real SIP engine registers exactly as it would with 3CX. The demo caller uses it as its outbound
proxy: requests that carry a ``Route`` to the PBX and are meant for someone else (the caller's
INVITE, CANCEL, ACK and BYE to the app's extension) are relayed statelessly, their responses
sent back along the ``Via`` path. The app therefore receives its calls from the PBX's address
and port, as from 3CX; an INVITE from anywhere else is refused (docs/sip.md).

INVITEs addressed to the PBX are what a transfer produces: the customer's phone, REFERred by
the app, calls the sector's queue. For the demo's sector extensions (``answering``) the PBX
plays the sector's phone: it answers 200 with an SDP answer (media to a socket that swallows
it), so the transfer really completes and the customer talks to "the sector" until it hangs
up. Any other extension gets 480, a failure the app must report as such.
Stateless and single-threaded: one UDP socket, one reply per request, in a daemon thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import socket
import threading

_HEADER = re.compile(r"^([A-Za-z-]+)\s*:\s*(.*)$")
_COMPACT = {"v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact", "l":
            "content-length"}


def _headers(lines: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for line in lines:
        if line[:1] in (" ", "\t") and out:       # folded continuation
            name, value = out[-1]
            out[-1] = (name, value + " " + line.strip())
            continue
        m = _HEADER.match(line)
        if m:
            name = m.group(1).lower()
            out.append((_COMPACT.get(name, name), m.group(2).strip()))
    return out


def request_user(request: str) -> str:
    """The user part of the request line's URI (``INVITE sip:801@host`` → ``801``)."""
    m = re.match(r"^[A-Z]+ sips?:([^@;> ]+)@", request)
    return m.group(1) if m else ""


def sdp_answer(offer: str, host: str, media_port: int) -> str:
    """An answer accepting the offer's first audio format (PCMU when offered)."""
    body = offer.split("\r\n\r\n", 1)[1] if "\r\n\r\n" in offer else ""
    m = re.search(r"^m=audio \d+ RTP/AVP ([\d ]+)", body, re.M)
    formats = m.group(1).split() if m else ["0"]
    chosen = "0" if "0" in formats else formats[0]
    rtpmap = re.search(rf"^a=rtpmap:{chosen} (\S+)", body, re.M)
    session = secrets.randbelow(10**9)
    lines = ["v=0", f"o=demo-pbx {session} {session} IN IP4 {host}", "s=Ramal demo",
             f"c=IN IP4 {host}", "t=0 0", f"m=audio {media_port} RTP/AVP {chosen}",
             f"a=rtpmap:{chosen} {rtpmap.group(1) if rtpmap else 'PCMU/8000'}", "a=sendrecv"]
    return "\r\n".join(lines) + "\r\n"


def build_response(request: str, source: tuple[str, int], code: int, reason: str,
                   contact: str = "", sdp: str = "") -> str | None:
    """A stateless response to ``request`` (None for ACK and responses, which get no reply)."""
    head = request.split("\r\n\r\n", 1)[0].split("\r\n")
    if not head or head[0].startswith("SIP/2.0") or len(head[0].split()) != 3:
        return None
    method = head[0].split()[0]
    if method == "ACK":
        return None
    headers = _headers(head[1:])
    lines = [f"SIP/2.0 {code} {reason}"]
    first_via = True
    for name, value in headers:
        if name == "via":
            if first_via:
                value += f";received={source[0]}"
                value = re.sub(r";rport(?=;|$)", f";rport={source[1]}", value)
                first_via = False
            lines.append(f"Via: {value}")
    for name, value in headers:
        if name == "from":
            lines.append(f"From: {value}")
        elif name == "to":
            if ";tag=" not in value and code != 100:
                value += f";tag={secrets.token_hex(4)}"
            lines.append(f"To: {value}")
        elif name in ("call-id", "cseq"):
            lines.append(f"{'Call-ID' if name == 'call-id' else 'CSeq'}: {value}")
    if method == "REGISTER" and code == 200:
        expires = next((v for n, v in headers if n == "expires"), "300")
        for name, value in headers:
            if name == "contact" and value != "*" and expires.strip() != "0":
                if "expires=" not in value:
                    value += f";expires={expires.strip()}"
                lines.append(f"Contact: {value}")
    if contact:
        lines.append(f"Contact: <{contact}>")
    lines.append("Server: Ramal demo PBX")
    if sdp:
        data = sdp.encode("utf-8")
        lines += ["Content-Type: application/sdp", f"Content-Length: {len(data)}", "", sdp]
        return "\r\n".join(lines)
    lines += ["Content-Length: 0", "", ""]
    return "\r\n".join(lines)


_VIA_LINE = re.compile(r"^(?:Via|v)\s*:\s*(.*)$", re.IGNORECASE)
_ROUTE_LINE = re.compile(r"^(?:Route)\s*:\s*(.*)$", re.IGNORECASE)
_HOSTPORT = re.compile(r"sips?:(?:[^@;>]*@)?([^;>:]+)(?::(\d+))?")


def _via_target(via: str) -> tuple[str, int]:
    """Where a response goes for this Via value (received/rport win over sent-by)."""
    sent_by = via.split(None, 1)[1].split(";", 1)[0].strip() if " " in via else ""
    host, _, port = sent_by.partition(":")
    received = re.search(r";received=([^;,\s]+)", via)
    rport = re.search(r";rport=(\d+)", via)
    return (received.group(1) if received else host,
            int(rport.group(1)) if rport else int(port or 5060))


def relay_request(text: str, source: tuple[str, int], me: tuple[str, int]
                  ) -> tuple[bytes, tuple[str, int]] | None:
    """A request routed through us for someone else, ready to relay (None: it is ours)."""
    head, sep, body = text.partition("\r\n\r\n")
    lines = head.split("\r\n")
    routes = [i for i, ln in enumerate(lines) if _ROUTE_LINE.match(ln)]
    target = _HOSTPORT.search(lines[0].split()[1]) if len(lines[0].split()) == 3 else None
    if not routes or target is None:
        return None
    destination = (target.group(1), int(target.group(2) or 5060))
    if destination == me:
        return None
    del lines[routes[0]]  # a loose route naming us (the only kind the demo caller sends)
    vias = [i for i, ln in enumerate(lines) if _VIA_LINE.match(ln)]
    if vias:
        first = _VIA_LINE.match(lines[vias[0]])
        assert first is not None
        value = first.group(1) + f";received={source[0]}"
        value = re.sub(r";rport(?=;|$)", f";rport={source[1]}", value)
        lines[vias[0]] = f"Via: {value}"
        # stateless: the same branch for an INVITE, its CANCEL and its ACK (RFC 3261 16.11)
        branch = re.search(r";branch=([^;,\s]+)", first.group(1))
        seed = branch.group(1) if branch else value
    else:
        seed = secrets.token_hex(8)
    ours = "z9hG4bKdemo" + hashlib.sha1(seed.encode()).hexdigest()[:16]
    lines.insert(1, f"Via: SIP/2.0/UDP {me[0]}:{me[1]};branch={ours}")
    return ("\r\n".join(lines) + sep + body).encode("utf-8"), destination


def relay_response(text: str, me: tuple[str, int]) -> tuple[bytes, tuple[str, int]] | None:
    """A response to a request we relayed, with our Via removed, and where it goes."""
    head, sep, body = text.partition("\r\n\r\n")
    lines = head.split("\r\n")
    vias = [i for i, ln in enumerate(lines) if _VIA_LINE.match(ln)]
    if len(vias) < 2 or "branch=z9hG4bKdemo" not in lines[vias[0]] \
            or f"{me[0]}:{me[1]}" not in lines[vias[0]]:
        return None
    del lines[vias[0]]
    nxt = _VIA_LINE.match(lines[vias[0]])
    assert nxt is not None
    return ("\r\n".join(lines) + sep + body).encode("utf-8"), _via_target(nxt.group(1))


class DemoRegistrar:
    """``with DemoRegistrar() as pbx: pbx.port``: serves until closed."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0,
                 answering: frozenset[str] | set[str] = frozenset()) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, port))
        self.sock.settimeout(0.2)
        self.host, self.port = self.sock.getsockname()
        self.answering = frozenset(answering)    # sector extensions the PBX answers itself
        # where the "sector phone" receives RTP: bound so nothing bounces, never read
        self.media = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.media.bind((host, 0))
        self.registered: dict[str, tuple[str, int]] = {}   # AOR user → source address
        self.answered: list[str] = []                      # extensions of the calls answered
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="demo-pbx", daemon=True)

    def start(self) -> DemoRegistrar:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(2)
        self.sock.close()
        self.media.close()

    def __enter__(self) -> DemoRegistrar:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, source = self.sock.recvfrom(65535)
            except TimeoutError:
                continue
            except OSError:
                return
            text = data.decode("utf-8", "replace")
            me = (self.host, self.port)
            relayed = (relay_response(text, me) if text.startswith("SIP/2.0 ")
                       else relay_request(text, source, me))
            if relayed is not None or text.startswith("SIP/2.0 "):
                if relayed is not None:
                    with contextlib.suppress(OSError):
                        self.sock.sendto(*relayed)
                continue
            method = text.split(" ", 1)[0]
            if method == "REGISTER":
                user = re.search(r"^(?:To|t)\s*:.*?sips?:([^@;>]+)@", text, re.M | re.I)
                if user:
                    self.registered[user.group(1)] = source
                reply = build_response(text, source, 200, "OK")
            elif method == "INVITE" and request_user(text) in self.answering:
                extension = request_user(text)
                self.answered.append(extension)
                reply = build_response(
                    text, source, 200, "OK", contact=f"sip:{extension}@{self.host}:{self.port}",
                    sdp=sdp_answer(text, self.host, self.media.getsockname()[1]))
            elif method == "INVITE":
                reply = build_response(text, source, 480, "Setor de demonstracao sem atendentes")
            elif method in ("OPTIONS", "BYE", "CANCEL"):
                reply = build_response(text, source, 200, "OK")
            else:
                reply = build_response(text, source, 501, "Not Implemented")
            if reply is not None:
                try:
                    self.sock.sendto(reply.encode("utf-8"), source)
                except OSError:
                    continue
