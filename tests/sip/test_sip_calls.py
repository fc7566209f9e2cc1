"""Calls with real peers: SIPp callers through our Kamailio to the engine in this process.

Each test also checks SIPp's own verdict and the engine's view (SIPp's exit code alone once
passed a call that ended without BYE).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EngineHarness, EventLog, sip_settings
from sip_testbed import SCENARIOS, Pbx, Sipp

from desktop.sip.events import (
    CallEnded,
    CallStateChanged,
    IncomingCall,
    RegistrationChanged,
)

Phone = tuple[Any, EventLog]


def test_answered_call_completes_when_caller_hangs_up(phone: Phone, pbx: Pbx,
                                                      tmp_path: Path) -> None:
    engine, log = phone
    sipp = Sipp(tmp_path, pbx, "caller_talk", extra=["-d", "500"])
    call = log.wait_for(IncomingCall)
    assert (call.number, call.display_name, call.anonymous, call.internal) == (
        "+5511987654321", "Maria Silva", False, False)
    assert "Maria Silva" in call.raw_pai
    log.wait_for(CallStateChanged, call_id=call.call_id, state="ringing")
    engine.answer(call.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=call.call_id, state="answered")
    ended = log.wait_for(CallEnded, call_id=call.call_id)
    assert ended.outcome == "completed"
    assert 0.3 < ended.duration_s < 10
    assert sipp.wait() == 0, sipp.report()


def test_missed_when_caller_cancels(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    _, log = phone
    sipp = Sipp(tmp_path, pbx, "caller_cancel", extra=["-d", "300"])
    call = log.wait_for(IncomingCall)
    ended = log.wait_for(CallEnded, call_id=call.call_id)
    assert (ended.outcome, ended.code, ended.duration_s) == ("missed", 487, 0.0)
    assert sipp.wait() == 0, sipp.report()


def test_declined_call_is_rejected_with_486(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    engine, log = phone
    sipp = Sipp(tmp_path, pbx, "caller_rejected")
    call = log.wait_for(IncomingCall)
    engine.decline(call.call_id).result(5)
    assert log.wait_for(CallEnded, call_id=call.call_id).outcome == "rejected"
    assert sipp.wait() == 0, sipp.report()  # the scenario requires exactly 486


def test_hold_resume_mute_and_hangup(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    engine, log = phone
    sipp = Sipp(tmp_path, pbx, "caller_hold")
    call = log.wait_for(IncomingCall)
    engine.answer(call.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=call.call_id, state="answered")
    engine.set_mute(call.call_id, True).result(5)
    engine.hold(call.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=call.call_id, state="held")
    engine.resume(call.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=call.call_id, state="resumed")
    engine.hangup(call.call_id).result(5)
    assert log.wait_for(CallEnded, call_id=call.call_id).outcome == "completed"
    assert sipp.wait() == 0, sipp.report()
    # the scenario demands exactly a hold re-INVITE then a resume re-INVITE; check their offers
    messages = sipp.messages.read_text()
    assert messages.count("INVITE sip:caller@") == 2
    assert "a=sendonly" in messages


def test_call_waiting_two_calls_at_once(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    engine, log = phone
    first = Sipp(tmp_path, pbx, "caller_hold")
    one = log.wait_for(IncomingCall)
    engine.answer(one.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=one.call_id, state="answered")
    second = Sipp(tmp_path, pbx, "caller_wait_bye")
    two = log.wait_for(IncomingCall, where=lambda e: e.call_id != one.call_id)
    engine.hold(one.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=one.call_id, state="held")
    engine.answer(two.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=two.call_id, state="answered")
    assert sorted(engine.call_ids().result(5)) == sorted([one.call_id, two.call_id])
    engine.hangup(two.call_id).result(5)
    engine.resume(one.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=one.call_id, state="resumed")
    engine.hangup(one.call_id).result(5)
    for c in (one, two):
        assert log.wait_for(CallEnded, call_id=c.call_id).outcome == "completed"
    assert first.wait() == 0, first.report()
    assert second.wait() == 0, second.report()


def test_commands_on_unknown_or_wrong_state_calls_fail(phone: Phone, pbx: Pbx,
                                                       tmp_path: Path) -> None:
    from desktop.sip.engine import SipCommandError

    engine, log = phone
    with pytest.raises(SipCommandError):
        engine.answer("999").result(5)
    sipp = Sipp(tmp_path, pbx, "caller_cancel", extra=["-d", "1500"])
    call = log.wait_for(IncomingCall)
    with pytest.raises(SipCommandError):
        engine.hold(call.call_id).result(5)   # not answered yet
    with pytest.raises(SipCommandError):
        engine.send_dtmf(call.call_id, "1").result(5)
    log.wait_for(CallEnded, call_id=call.call_id)
    assert sipp.wait() == 0, sipp.report()


def test_shutdown_with_a_call_up(pbx: Pbx, engines: EngineHarness, tmp_path: Path) -> None:
    import time

    engine, log = engines.start(sip_settings(pbx))
    log.wait_for(RegistrationChanged, state="registered")
    sipp = Sipp(tmp_path, pbx, "caller_wait_bye")
    call = log.wait_for(IncomingCall)
    engine.answer(call.call_id).result(5)
    log.wait_for(CallStateChanged, call_id=call.call_id, state="answered")
    started = time.monotonic()
    assert engine.shutdown(3.0)
    assert time.monotonic() - started < 1.0
    assert log.wait_for(CallEnded, call_id=call.call_id).outcome == "completed"
    assert log.of(RegistrationChanged)[-1].state == "unregistered"
    assert sipp.wait() == 0, sipp.report()  # the caller got our BYE


def test_companion_mode_never_answers(pbx: Pbx, engines: EngineHarness, tmp_path: Path) -> None:
    from desktop.sip.engine import SipCommandError

    engine, log = engines.start(sip_settings(pbx, mode="companion"))
    log.wait_for(RegistrationChanged, state="registered")
    sipp = Sipp(tmp_path, pbx, "caller_cancel", extra=["-d", "500"])
    call = log.wait_for(IncomingCall)
    with pytest.raises(SipCommandError, match="acompanhante"):
        engine.answer(call.call_id).result(5)
    assert log.wait_for(CallEnded, call_id=call.call_id).outcome == "missed"
    assert sipp.wait() == 0, sipp.report()


# --- caller ID through the whole path (SIPp → Kamailio → pjsua2 → parser) ------------------------

HOSTILE = '\\"Maria\\" <script>alert(1)</script> & Cia \\\\ Ltda'
LONG = "Ação " * 400  # 2000 characters, 2800 bytes: UDP still fits pjsip's 4000-byte limit

CALLER_CASES = [
    # id, From line, extra headers, expected (number, display_name, anonymous, internal)
    ("from", 'From: "Joana" <sip:011987654321@pbx.test>;tag=[call_number]x', [],
     ("+5511987654321", "Joana", False, False)),
    ("pai-sip", 'From: "Fila Suporte" <sip:600@pbx.test>;tag=[call_number]x',
     ['P-Asserted-Identity: "Carlos" <sip:+5521998765432@pbx.test>'],
     ("+5521998765432", "Carlos", False, False)),
    ("pai-tel", 'From: "Carlos" <sip:600@pbx.test>;tag=[call_number]x',
     ["P-Asserted-Identity: <tel:+55-31-98888-7777>"],
     ("+5531988887777", "Carlos", False, False)),
    ("rpid", 'From: "X" <sip:600@pbx.test>;tag=[call_number]x',
     ['Remote-Party-ID: "Rita" <sip:4833224455@pbx.test>;party=calling;screen=yes'],
     ("+554833224455", "Rita", False, False)),
    ("anonymous", 'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=[call_number]x', [],
     ("", "", True, False)),
    ("privacy-id", 'From: "Maria" <sip:+5511987654321@pbx.test>;tag=[call_number]x',
     ["Privacy: id"], ("", "", True, False)),
    ("internal", 'From: "Ana - Suporte" <sip:102@pbx.test>;tag=[call_number]x', [],
     ("102", "Ana - Suporte", False, True)),
    ("hostile", f'From: "{HOSTILE}" <sip:+5511987654321@pbx.test>;tag=[call_number]x', [],
     ("+5511987654321", '"Maria" <script>alert(1)</script> & Cia \\ Ltda', False, False)),
    ("utf8-long", f'From: "{LONG}" <sip:+5511987654321@pbx.test>;tag=[call_number]x', [],
     ("+5511987654321", LONG.strip(), False, False)),
]


@pytest.mark.parametrize(("from_line", "headers", "expected"),
                         [c[1:] for c in CALLER_CASES], ids=[c[0] for c in CALLER_CASES])
def test_caller_id_end_to_end(phone: Phone, pbx: Pbx, tmp_path: Path, from_line: str,
                              headers: list[str], expected: tuple[str, str, bool, bool]) -> None:
    _, log = phone
    template = (SCENARIOS / "caller_id.xml.tmpl").read_text(encoding="utf-8")
    scenario = tmp_path / "caller_id.xml"
    scenario.write_text(template.format(
        from_line=from_line, extra_headers="".join(f"      {h}\n" for h in headers)),
        encoding="utf-8")
    sipp = Sipp(tmp_path, pbx, str(scenario), extra=["-d", "100"])
    call = log.wait_for(IncomingCall)
    assert (call.number, call.display_name, call.anonymous, call.internal) == expected
    assert log.wait_for(CallEnded, call_id=call.call_id).outcome == "missed"
    assert sipp.wait() == 0, sipp.report()
