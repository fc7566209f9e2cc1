"""The demo's stand-in for 3CX: a tiny SIP registrar on 127.0.0.1 (no Kamailio needed).

It accepts every REGISTER (no digest: there is no secret to protect on loopback) so the app's
real SIP engine registers exactly as it would with 3CX, and it refuses INVITEs addressed to it
with 480 (the demo has no sector phones, so a transfer to a sector fails honestly). The demo
caller sends its INVITEs straight to the app's extension, whose SIP port the demo chooses.
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


def build_response(request: str, source: tuple[str, int], code: int, reason: str) -> str | None:
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
    lines += ["Server: Ramal demo PBX", "Content-Length: 0", "", ""]
    return "\r\n".join(lines)


class DemoRegistrar:
    """``with DemoRegistrar() as pbx: pbx.port``: serves until closed."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, port))
        self.sock.settimeout(0.2)
        self.host, self.port = self.sock.getsockname()
        self.registered: dict[str, tuple[str, int]] = {}   # AOR user → source address
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
