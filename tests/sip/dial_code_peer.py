"""The far end of a 3CX queue dial code, on the test PBX: a plain UDP peer registered (digest) as
the code's "extension" (``*62``), which answers an INVITE with 200 + SDP, lets its "prompt" play
for a moment and hangs up with a BYE through the proxy, as 3CX does after "you are logged in".
It records what it saw, so a test checks the call at the far end.

One socket and one thread; the peer is stopped with :meth:`close` (or ``kill`` in ``running``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field

from desktop.demo.pbx import sdp_answer

HOST = "127.0.0.1"
_HEADER = re.compile(r"^([A-Za-z-]+)\s*:\s*(.*)$")


def _head(message: str) -> tuple[str, list[tuple[str, str]]]:
    lines = message.split("\r\n\r\n", 1)[0].split("\r\n")
    headers = []
    for line in lines[1:]:
        m = _HEADER.match(line)
        if m:
            headers.append((m.group(1).lower(), m.group(2).strip()))
    return lines[0], headers


def _one(headers: list[tuple[str, str]], name: str) -> str:
    return next((v for n, v in headers if n == name), "")


@dataclass
class Seen:
    invites: list[str] = field(default_factory=list)      # the request URIs' user parts
    callers: list[str] = field(default_factory=list)      # From of each INVITE
    answered: int = 0
    hung_up: int = 0                                      # BYEs the desk answered 200


class DialCodePeer:
    def __init__(self, pbx_port: int, code: str, password: str, *,
                 prompt_s: float = 0.5) -> None:
        self.pbx = (HOST, pbx_port)
        self.code = code
        self.password = password
        self.prompt_s = prompt_s
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((HOST, 0))
        self.port: int = self.sock.getsockname()[1]
        self.seen = Seen()
        self.registered = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    # --- registration (digest, as 3CX's phones do) ---------------------------------------------

    def _register(self, cseq: int, call_id: str, auth: str = "") -> str:
        uri = f"sip:{HOST}:{self.pbx[1]}"
        request = (
            f"REGISTER {uri} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP {HOST}:{self.port};branch=z9hG4bK{secrets.token_hex(6)};rport\r\n"
            f"From: <sip:{self.code}@{HOST}>;tag={secrets.token_hex(4)}\r\n"
            f"To: <sip:{self.code}@{HOST}>\r\n"
            f"Call-ID: {call_id}\r\nCSeq: {cseq} REGISTER\r\n"
            f"Contact: <sip:{self.code}@{HOST}:{self.port}>\r\nExpires: 300\r\n"
            + auth + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
        self.sock.sendto(request.encode(), self.pbx)
        self.sock.settimeout(5)
        data, _ = self.sock.recvfrom(65535)
        return data.decode("utf-8", "replace")

    def register(self) -> None:
        call_id = secrets.token_hex(8)
        reply = self._register(1, call_id)
        if reply.startswith("SIP/2.0 401"):
            _, headers = _head(reply)
            challenge = _one(headers, "www-authenticate")
            realm = re.search(r'realm="([^"]*)"', challenge)
            nonce = re.search(r'nonce="([^"]*)"', challenge)
            assert realm and nonce, challenge
            uri = f"sip:{HOST}:{self.pbx[1]}"
            ha1 = hashlib.md5(f"{self.code}:{realm[1]}:{self.password}".encode()).hexdigest()
            ha2 = hashlib.md5(f"REGISTER:{uri}".encode()).hexdigest()
            response = hashlib.md5(f"{ha1}:{nonce[1]}:{ha2}".encode()).hexdigest()
            auth = (f'Authorization: Digest username="{self.code}", realm="{realm[1]}", '
                    f'nonce="{nonce[1]}", uri="{uri}", response="{response}", '
                    'algorithm=MD5\r\n')
            reply = self._register(2, call_id, auth)
        if not reply.startswith("SIP/2.0 200"):
            raise AssertionError(f"{self.code} not registered: {reply.splitlines()[0]}")
        self.registered.set()

    # --- answering ------------------------------------------------------------------------------

    def start(self) -> DialCodePeer:
        self.register()
        self._thread = threading.Thread(target=self._serve, name=f"dial-code-{self.code}",
                                        daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self._closed.is_set():
            try:
                data, source = self.sock.recvfrom(65535)
            except (TimeoutError, OSError):
                continue
            message = data.decode("utf-8", "replace")
            if message.startswith("INVITE "):
                self._answer_and_hang_up(message, source)

    def _answer_and_hang_up(self, invite: str, source: tuple[str, int]) -> None:
        first, headers = _head(invite)
        user = re.match(r"^INVITE sips?:([^@;> ]+)@", first)
        self.seen.invites.append(user.group(1) if user else "")
        self.seen.callers.append(_one(headers, "from"))
        tag = secrets.token_hex(4)
        routes = [v for n, v in headers if n == "record-route"]
        lines = ["SIP/2.0 200 OK"]
        lines += [f"Via: {v}" for n, v in headers if n == "via"]
        lines += [f"Record-Route: {v}" for v in routes]
        lines += [f"From: {_one(headers, 'from')}", f"To: {_one(headers, 'to')};tag={tag}",
                  f"Call-ID: {_one(headers, 'call-id')}", f"CSeq: {_one(headers, 'cseq')}",
                  f"Contact: <sip:{self.code}@{HOST}:{self.port}>"]
        sdp = sdp_answer(invite, HOST, self.port + 1)
        lines += ["Content-Type: application/sdp", f"Content-Length: {len(sdp.encode())}", "",
                  sdp]
        ok = "\r\n".join(lines).encode()
        acked = False
        for _ in range(10):                     # 200 is retransmitted until the ACK
            self.sock.sendto(ok, source)
            if self._wait_for("ACK ", 0.5):
                acked = True
                break
        if not acked:
            return
        self.seen.answered += 1
        time.sleep(self.prompt_s)               # "you are now logged in to the queues"
        target = re.search(r"<([^>]+)>", _one(headers, "contact"))
        remote = target.group(1) if target else ""
        bye = [f"BYE {remote} SIP/2.0",
               f"Via: SIP/2.0/UDP {HOST}:{self.port};branch=z9hG4bK{secrets.token_hex(6)};rport"]
        bye += [f"Route: {v}" for v in routes]    # the UAS keeps the Record-Route order
        bye += [f"From: {_one(headers, 'to')};tag={tag}", f"To: {_one(headers, 'from')}",
                f"Call-ID: {_one(headers, 'call-id')}", "CSeq: 1 BYE", "Max-Forwards: 70",
                "Content-Length: 0", "", ""]
        self.sock.sendto("\r\n".join(bye).encode(), self.pbx)
        if self._wait_for("SIP/2.0 200", 5.0, cseq="BYE"):
            self.seen.hung_up += 1

    def _wait_for(self, start: str, seconds: float, cseq: str = "") -> bool:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                data, _ = self.sock.recvfrom(65535)
            except (TimeoutError, OSError):
                return False
            text = data.decode("utf-8", "replace")
            if text.startswith(start) and (not cseq or re.search(
                    rf"^CSeq:\s*\d+ {cseq}", text, re.M | re.I)):
                return True
        return False

    def close(self) -> None:
        self._closed.set()
        if self._thread is not None:
            self._thread.join(3)
        self.sock.close()

    def kill(self) -> None:  # sip_testbed.running() stops things with kill()
        self.close()
