"""The demo's stand-in for 3CX: a tiny SIP registrar on 127.0.0.1 (no Kamailio needed).

It accepts every REGISTER (no digest: there is no secret to protect on loopback) so the app's
real SIP engine registers exactly as it would with 3CX. The demo caller sends its INVITEs
straight to the app's extension, whose SIP port the demo chooses.

INVITEs addressed to the PBX are what a transfer produces: the customer's phone, REFERred by
the app, calls the sector's queue. For the demo's sector extensions (``answering``) the PBX
plays the sector's phone: it answers 200 with an SDP answer (media to a socket that swallows
it), so the transfer really completes and the customer talks to "the sector" until it hangs
up. Any other extension gets 480, a failure the app must report as such.
Stateless and single-threaded: one UDP socket, one reply per request, in a daemon thread.
"""

from __future__ import annotations

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
