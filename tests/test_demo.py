"""The demo's pieces: the loopback registrar answers like a PBX, the caller cycles scenarios.
(The whole demo path — real calls into the real desk — runs in tests/ui/test_desk_xvfb.py.)"""

from __future__ import annotations

import socket

import pytest

from desktop.demo.desk_demo import (
    DEMO_SECTORS,
    DemoBackends,
    DemoCaller,
    DemoForwarding,
    demo_calls,
    demo_settings,
    missed_call_number,
    with_demo_scenes,
)
from desktop.demo.pbx import DemoRegistrar, build_response
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS, build_seed
from desktop.settings.model import Settings, parse_settings

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


OFFER = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
         "m=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
         "a=rtpmap:101 telephone-event/8000\r\n")


def test_registrar_answers_a_sector_extension_like_a_phone() -> None:
    """A transfer's INVITE to a demo sector gets 200 with an SDP answer; others get 480."""
    invite = (REGISTER.replace("REGISTER sip:127.0.0.1", "INVITE sip:801@127.0.0.1")
              .replace("7 REGISTER", "1 INVITE").replace("Content-Length: 0\r\n\r\n", "")
              + f"Content-Type: application/sdp\r\nContent-Length: {len(OFFER)}\r\n\r\n"
              + OFFER)
    with DemoRegistrar(answering={"801"}) as pbx, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(3)
        sock.sendto(invite.encode(), ("127.0.0.1", pbx.port))
        reply = sock.recvfrom(65535)[0].decode()
        head, body = reply.split("\r\n\r\n", 1)
        assert head.startswith("SIP/2.0 200 OK")
        assert f"Contact: <sip:801@127.0.0.1:{pbx.port}>" in head
        assert f"Content-Length: {len(body.encode())}" in head
        media_port = pbx.media.getsockname()[1]
        assert f"m=audio {media_port} RTP/AVP 0\r\n" in body      # PCMU, one of the offered
        assert "a=rtpmap:0 PCMU/8000" in body
        assert pbx.answered == ["801"]
        sock.sendto(invite.replace("sip:801@", "sip:899@").encode(), ("127.0.0.1", pbx.port))
        assert sock.recvfrom(65535)[0].decode().startswith("SIP/2.0 480 ")


def test_demo_cycles_through_every_situation_and_its_settings_are_valid() -> None:
    calls = demo_calls()
    labels = " ".join(c.label for c in calls).lower()
    for word in ("bloqueio", "atraso", "os aberta", "não está no ixc", "família", "oculto",
                 "interna"):
        assert word in labels, word
    caller = DemoCaller(5060, "sip:1000@127.0.0.1:5070", calls)
    assert caller.upcoming == calls[0]
    forwarding = DemoForwarding(
        opa_url="http://127.0.0.1:8081", opa_token="t",
        webhooks={s.name: f"http://127.0.0.1:8082/api/webhooks/{n}/tok"
                  for n, s in enumerate(DEMO_SECTORS, 1)},
        departments={s.name: f"dep{n}" for n, s in enumerate(DEMO_SECTORS, 1)})
    settings = demo_settings("http://127.0.0.1:8080", "12:abc", 5060, 5070, forwarding)
    assert [s.name for s in settings.sectors] == ["Suporte Técnico", "Financeiro", "Comercial",
                                                  "Plantão"]
    assert all(s.transfer_to and s.ixc_ticket_sector and s.discord_webhook
               and s.opa_department for s in settings.sectors)
    # the demo's settings pass the same validation as a real ramal.toml
    sector_fields = ("name", "transfer_to", "ixc_ticket_sector", "opa_department",
                     "discord_webhook", "opa_template_id", "opa_template_variables")
    document = {
        "sip": {"server": settings.sip.server, "port": settings.sip.port,
                "extension": settings.sip.extension, "local_port": settings.sip.local_port},
        "ixc": {"url": settings.ixc.url, "token": settings.ixc.token},
        "opa": {"url": settings.opa.url, "token": settings.opa.token,
                "template_channel": settings.opa.template_channel},
        "sectors": [{f: getattr(s, f) for f in sector_fields} for s in settings.sectors],
    }
    parsed = parse_settings(document)
    assert parsed.sectors == settings.sectors and parsed.opa == settings.opa


def test_demo_backends_seed_a_webhook_and_an_opa_department_per_sector() -> None:
    backends = DemoBackends.start()
    try:
        settings = backends.settings(5070)
        assert settings.sip.port == backends.pbx.port
        # the sectors' phones, and the missed caller's phone (the callback from "Retornar")
        assert backends.pbx.answering == {*(s.transfer_to for s in DEMO_SECTORS),
                                          missed_call_number()}
        for sector in settings.sectors:
            assert sector.discord_webhook.startswith(backends.discord.url + "/api/webhooks/")
            assert backends.discord.messages(sector.discord_webhook) == []
            assert sector.opa_department in backends.forwarding.departments.values()
        assert settings.opa.url == backends.opa.url
    finally:
        backends.stop()


def test_the_demo_enables_the_complete_attendance_scenes() -> None:
    """Issue 16's "done when" in the demo: the protocol opened on answer, the checklist rules,
    an unknown caller offered as a new contact; the settings pass a ramal.toml's validation."""
    settings = with_demo_scenes(demo_settings("http://127.0.0.1:8080", "12:abc", 5060, 5070))
    assert settings.attendance.open_ticket == "auto"
    assert settings.attendance.unknown_caller == "lead_opa"
    subjects = {row["assunto"] for row in build_seed()["su_oss_assunto"]}
    assert {rule.subject for rule in settings.checklist_rules} <= subjects
    parsed = parse_settings({
        "attendance": {"open_ticket": settings.attendance.open_ticket,
                       "unknown_caller": settings.attendance.unknown_caller},
        "checklist_rules": [{"subject": r.subject, "requires": r.requires}
                            for r in settings.checklist_rules]})
    assert parsed.attendance == settings.attendance
    assert parsed.checklist_rules == settings.checklist_rules


def test_the_demo_calls_include_a_missed_call_and_an_unknown_number_twice() -> None:
    calls = demo_calls()
    # a known customer's call that rings out before anyone answers: "Retornar"
    [missed] = [c for c in calls if c.ring_s < 15]
    assert missed.number == missed_call_number()
    assert missed.number in {d.number for d in DEMO_NUMBERS.values() if d.customer_ids}
    assert "Retornar" in missed.label
    # the unknown number calls twice in a row: attached on the first, the card on the second
    unknown = DEMO_NUMBERS["desconhecido"].number
    positions = [n for n, c in enumerate(calls) if c.number == unknown]
    assert len(positions) == 2 and positions[1] == positions[0] + 1
    assert all(c.ring_s >= 30 for c in calls if c is not missed)   # time to answer the others


def test_run_demo_starts_the_app_with_the_scenes(monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.app.startup as startup
    from desktop.demo.desk_demo import run_demo

    seen: list[Settings] = []

    def fake_run_app(settings: Settings, **_kw: object) -> int:
        seen.append(settings)
        return 0

    monkeypatch.setattr(startup, "run_app", fake_run_app)
    assert run_demo() == 0
    [settings] = seen
    assert settings.attendance.open_ticket == "auto"
    assert settings.attendance.unknown_caller == "lead_opa"
    assert settings.checklist_rules


def test_the_demo_with_threecx_configures_it_and_seeds_only_past_calls() -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from desktop.demo.threecx_demo import past_calls
    from desktop.settings.model import secret_key_threecx

    now = datetime(2026, 3, 6, 16, 30, tzinfo=ZoneInfo("America/Sao_Paulo"))
    backends = DemoBackends.start(with_threecx=True, now=now)
    try:
        assert backends.threecx is not None
        settings = backends.settings(5070)
        threecx = settings.threecx
        assert threecx.url == backends.threecx.url and threecx.supervisor
        assert (threecx.queue_login_code, threecx.queue_logout_code) == ("*62", "*63")
        store = backends.secret_store(settings)
        assert store.values == {secret_key_threecx(threecx): threecx.client_secret}
        # what the demo writes passes the same validation as a ramal.toml (secret apart)
        section = {k: getattr(threecx, k) for k in (
            "queue_login_code", "queue_logout_code", "shift_start", "url", "client_id",
            "supervisor")}
        assert parse_settings({"threecx": section}).threecx == \
            threecx.__class__(**section)
        assert backends.threecx.user("1000")["QueueStatus"] == "LoggedOut"
        calls = backends.past_calls
        assert calls == past_calls(now)           # the same schedule for the same "now"
        assert all(c.ended_at <= now - timedelta(minutes=15) for c in calls)
        assert {c.started_at.date() for c in calls} == {
            (now - timedelta(days=d)).date() for d in range(5)}
    finally:
        backends.stop()
