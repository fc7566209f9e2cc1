"""The demo's pieces: the loopback registrar answers like a PBX, the caller cycles scenarios.
(The whole demo path — real calls into the real desk — runs in tests/ui/test_desk_xvfb.py.)"""

from __future__ import annotations

import socket

from desktop.config import parse_settings
from desktop.demo import DemoCaller, demo_calls, demo_settings
from desktop.demo_pbx import DemoRegistrar, build_response

REGISTER = (
    "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKabc\r\n"
    "Max-Forwards: 70\r\n"
    'From: "Agente" <sip:1000@127.0.0.1>;tag=111\r\n'
    "To: <sip:1000@127.0.0.1>\r\n"
    "Call-ID: reg-1@127.0.0.1\r\n"
    "CSeq: 7 REGISTER\r\n"
    "Contact: <sip:1000@127.0.0.1:5070;ob>\r\n"
    "Expires: 300\r\n"
    "Content-Length: 0\r\n\r\n"
)


def test_register_gets_a_200_with_contact_and_echoed_dialog_headers() -> None:
    reply = build_response(REGISTER, ("127.0.0.1", 5070), 200, "OK")
    assert reply is not None
    lines = reply.split("\r\n")
    assert lines[0] == "SIP/2.0 200 OK"
    assert "Via: SIP/2.0/UDP 127.0.0.1:5070;rport=5070;branch=z9hG4bKabc;received=127.0.0.1" \
        in lines
    assert "Call-ID: reg-1@127.0.0.1" in lines and "CSeq: 7 REGISTER" in lines
    assert any(ln.startswith("To: <sip:1000@127.0.0.1>;tag=") for ln in lines)
    assert "Contact: <sip:1000@127.0.0.1:5070;ob>;expires=300" in lines
    assert build_response("ACK sip:x SIP/2.0\r\n\r\n", ("127.0.0.1", 1), 200, "OK") is None


def test_registrar_answers_over_udp_and_remembers_the_extension() -> None:
    with DemoRegistrar() as pbx, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(3)
        sock.sendto(REGISTER.encode(), ("127.0.0.1", pbx.port))
        data, _ = sock.recvfrom(65535)
        assert data.decode().startswith("SIP/2.0 200 OK")
        assert pbx.registered["1000"] == sock.getsockname()
        invite = REGISTER.replace("REGISTER sip:127.0.0.1", "INVITE sip:2000@127.0.0.1") \
            .replace("7 REGISTER", "1 INVITE")
        sock.sendto(invite.encode(), ("127.0.0.1", pbx.port))
        data, _ = sock.recvfrom(65535)
        assert data.decode().startswith("SIP/2.0 480 ")


def test_demo_cycles_through_every_situation_and_its_settings_are_valid() -> None:
    calls = demo_calls()
    labels = " ".join(c.label for c in calls).lower()
    for word in ("bloqueio", "atraso", "os aberta", "não está no ixc", "família", "oculto",
                 "interna"):
        assert word in labels, word
    caller = DemoCaller(5060, "sip:1000@127.0.0.1:5070", calls)
    assert caller.upcoming == calls[0]
    settings = demo_settings("http://127.0.0.1:8080", "12:abc", 5060, 5070)
    # the demo's settings pass the same validation as a real ramal.toml
    document = {
        "sip": {"server": settings.sip.server, "port": settings.sip.port,
                "extension": settings.sip.extension, "local_port": settings.sip.local_port},
        "ixc": {"url": settings.ixc.url, "token": settings.ixc.token},
        "sectors": [{"name": s.name, "transfer_to": s.transfer_to} for s in settings.sectors],
    }
    assert parse_settings(document).sectors == settings.sectors
