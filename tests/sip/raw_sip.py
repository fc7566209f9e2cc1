"""Crafted SIP requests sent from a plain UDP socket: a scanner, not a PBX.

SIP scanners on the internet send INVITEs straight to a phone's port; these helpers do the same
on loopback from a port that is not the PBX's, and collect whatever the phone answers.
"""

from __future__ import annotations

import secrets
import socket
import time

HOST = "127.0.0.1"


def invite(target: tuple[str, int], local_port: int, *, number: str = "+5511987654321",
           display_name: str = "Maria Silva", extension: str = "101") -> tuple[bytes, str]:
    """An INVITE with an SDP offer, as scanners send it; returns it and its Call-ID."""
    call_id = secrets.token_hex(8)
    sdp = ("v=0\r\no=scan 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
           "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
    name = display_name.replace("\\", "\\\\").replace('"', '\\"')
    head = (
        f"INVITE sip:{extension}@{target[0]}:{target[1]} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP {HOST}:{local_port};branch=z9hG4bK{secrets.token_hex(6)};rport\r\n"
        f"From: \"{name}\" <sip:{number}@{HOST}>;tag={secrets.token_hex(4)}\r\n"
        f"To: <sip:{extension}@{target[0]}:{target[1]}>\r\n"
        f"Call-ID: {call_id}\r\n"
        "CSeq: 1 INVITE\r\n"
        f"Contact: <sip:scanner@{HOST}:{local_port}>\r\n"
        "Max-Forwards: 70\r\n"
        "Content-Type: application/sdp\r\n"
        f"Content-Length: {len(sdp)}\r\n\r\n"
    )
    return (head + sdp).encode("utf-8"), call_id


class RawSender:
    """One UDP socket on a free loopback port; ``send`` a request, ``replies`` collects answers."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((HOST, 0))
        self.port: int = self.sock.getsockname()[1]

    def send(self, data: bytes, target: tuple[str, int]) -> None:
        self.sock.sendto(data, target)

    def replies(self, seconds: float) -> list[str]:
        """Every datagram received within ``seconds`` (status lines and all)."""
        out: list[str] = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                data, _ = self.sock.recvfrom(65535)
            except TimeoutError:
                break
            out.append(data.decode("utf-8", "replace"))
        return out

    def close(self) -> None:
        self.sock.close()

    def kill(self) -> None:  # sip_testbed.running() stops things with kill()
        self.close()


def status_codes(replies: list[str]) -> list[int]:
    return [int(r.split(" ", 2)[1]) for r in replies if r.startswith("SIP/2.0 ")]
