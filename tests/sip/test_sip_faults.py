"""SIP from outside the PBX, and more calls than the phone holds (issue #11).

Spoofed INVITEs come from a plain UDP socket on loopback (a scanner: on the same host as the
PBX in these tests, but not on the PBX's port); PBX calls come through our Kamailio from SIPp,
or from a UDP socket that *is* the configured PBX (server and port), so a burst arrives at once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from conftest import EngineHarness, EventLog, sip_settings
from raw_sip import HOST, RawSender, invite, status_codes
from sip_testbed import AgentProcess, Pbx, Sipp, free_port, running, wait_until, write_config

from desktop.settings.model import SipSettings
from desktop.sip.call_admission import MAX_ACTIVE_CALLS
from desktop.sip.events import (
    CallEnded,
    CallRefused,
    CallStateChanged,
    IncomingCall,
    RegistrationChanged,
)


def _engine_behind(fake_pbx: RawSender, engines: EngineHarness, **kwargs: Any
                   ) -> tuple[Any, EventLog, tuple[str, int]]:
    """An engine whose configured PBX is the socket ``fake_pbx`` (its REGISTER goes unanswered)."""
    port = free_port()
    settings = SipSettings(server=HOST, port=fake_pbx.port, extension="101", password="x",
                           bind_address=HOST, local_port=port, keepalive_s=0)
    engine, log = engines.start(settings, **kwargs)
    return engine, log, (HOST, port)


def test_spoofed_invites_get_403_without_ringing_and_pbx_calls_still_ring(
        pbx: Pbx, engines: EngineHarness, tmp_path: Path) -> None:
    port = free_port()
    _, log = engines.start(sip_settings(pbx, local_port=port))
    log.wait_for(RegistrationChanged, state="registered")
    scanner = RawSender()
    flood = 3 * (MAX_ACTIVE_CALLS + 1)  # more than pjsua's call slots
    with running(scanner):
        for _ in range(flood):
            scanner.send(invite((HOST, port), scanner.port)[0], (HOST, port))
        wait_until(lambda: len(log.of(CallRefused)) >= flood, 20)
        codes = status_codes(scanner.replies(0.5))
    assert len(log.of(CallRefused)) == flood, log.events[-5:]
    assert 180 not in codes and 403 in codes, codes
    assert not log.of(IncomingCall) and not log.of(CallStateChanged)
    first = log.of(CallRefused)[0]
    assert (first.reason, first.code, first.number) == ("not_from_pbx", 403, "+5511987654321")
    assert first.source == f"{HOST}:{scanner.port}"
    # the flood took no call slot: the PBX's own call rings, and is missed when cancelled
    sipp = Sipp(tmp_path, pbx, "caller_cancel", extra=["-d", "300"])
    call = log.wait_for(IncomingCall)
    assert log.wait_for(CallEnded, call_id=call.call_id).outcome == "missed"
    assert sipp.wait() == 0, sipp.report()


def test_a_burst_from_the_pbx_past_the_limit_gets_486_busy_with_an_event(
        engines: EngineHarness) -> None:
    fake_pbx = RawSender()
    with running(fake_pbx):
        _, log, phone = _engine_behind(fake_pbx, engines)
        burst = MAX_ACTIVE_CALLS + 3  # pjsua itself would ring 4 and refuse the rest unseen
        for _ in range(burst):
            fake_pbx.send(invite(phone, fake_pbx.port)[0], phone)
        wait_until(lambda: len(log.of(IncomingCall)) + len(log.of(CallRefused)) >= burst, 20)
        codes = status_codes(fake_pbx.replies(0.5))
    assert len(log.of(IncomingCall)) == MAX_ACTIVE_CALLS
    refused = log.of(CallRefused)
    assert len(refused) == burst - MAX_ACTIVE_CALLS
    assert {(r.reason, r.code) for r in refused} == {("too_many_calls", 486)}
    assert codes.count(180) == MAX_ACTIVE_CALLS and codes.count(486) >= len(refused), codes


def test_a_call_nobody_answers_or_cancels_ends_as_missed_after_the_ring_timeout(
        engines: EngineHarness) -> None:
    fake_pbx = RawSender()
    ring_timeout_s = 1.0  # the default is 60 s; the PBX here never sends a CANCEL
    with running(fake_pbx):
        _, log, phone = _engine_behind(fake_pbx, engines, ring_timeout_s=ring_timeout_s)
        fake_pbx.send(invite(phone, fake_pbx.port)[0], phone)
        call = log.wait_for(IncomingCall)
        ended = log.wait_for(CallEnded, call_id=call.call_id, timeout=20 * ring_timeout_s)
        codes = status_codes(fake_pbx.replies(0.5))
    assert (ended.outcome, ended.code) == ("missed", 480)
    assert 480 in codes, codes


def test_an_oversized_invite_is_logged_in_ramals_words(
        engines: EngineHarness, caplog: pytest.LogCaptureFixture) -> None:
    fake_pbx = RawSender()
    with running(fake_pbx), caplog.at_level(logging.WARNING, logger="desktop.sip"):
        _, log, phone = _engine_behind(fake_pbx, engines)
        fake_pbx.send(invite(phone, fake_pbx.port, display_name="A" * 8192)[0], phone)
        found = wait_until(lambda: [r for r in caplog.records if "4000" in r.getMessage()
                                    and "dropped" in r.getMessage()], 10)
    assert found, [r.getMessage() for r in caplog.records]
    text = found[0].getMessage()
    assert f"{HOST}:{fake_pbx.port}" in text and "caller name" in text
    assert not log.of(IncomingCall)


def test_agent_prints_call_refused_for_a_spoofed_invite(pbx: Pbx, tmp_path: Path) -> None:
    port = free_port()
    config = write_config(tmp_path / "ramal.toml", pbx, "101", extra=f"local_port = {port}\n")
    agent = AgentProcess(config)
    scanner = RawSender()
    with running(agent, scanner):
        agent.wait_for(event="registration", state="registered")
        scanner.send(invite((HOST, port), scanner.port, number="11987654321")[0], (HOST, port))
        line = agent.wait_for(event="call_refused")
        assert agent.stop() == 0
    assert line["reason"] == "not_from_pbx"
    assert line["source"] == f"{HOST}:{scanner.port}"
    assert line["from"] == "+5511987654321" and line["code"] == 403
    assert not [e for e in agent.events if e["event"] == "incoming_call"]
    assert "refused with 403 (not_from_pbx)" in agent.read_stderr()
