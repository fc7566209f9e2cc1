"""The real ``python main.py agent`` as a subprocess (JSON lines), alone and as a second phone.

Where two user agents must talk, one is the engine in this process and the other an agent
process (pjsua2 allows one endpoint per process).
"""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any

from conftest import EngineHarness, EventLog, sip_settings
from sip_testbed import AgentProcess, Pbx, Sipp, running, write_config

from desktop.sip.events import (
    CallEnded,
    CallReplaced,
    CallStateChanged,
    IncomingCall,
    RegistrationChanged,
    TransferResult,
)

Phone = tuple[Any, EventLog]


def test_agent_prints_json_lines_and_exits_0_after_unregistering(pbx: Pbx,
                                                                 tmp_path: Path) -> None:
    agent = AgentProcess(write_config(tmp_path / "a.toml", pbx, "101"), auto_answer=0.2)
    with running(agent):
        assert agent.wait_for(event="registration", state="registered")["code"] == 200
        sipp = Sipp(tmp_path, pbx, "caller_talk", extra=["-d", "300"])
        call = agent.wait_for(event="incoming_call")
        assert call == {**call, "number": "+5511987654321", "display_name": "Maria Silva",
                        "anonymous": False, "internal": False}
        agent.wait_for(event="call_state", state="answered")
        ended = agent.wait_for(event="call_ended")
        assert ended["outcome"] == "completed" and ended["duration_s"] > 0.2
        assert sipp.wait() == 0, sipp.report()
        assert agent.stop(signal.SIGTERM) == 0
    assert all(json.loads(line) for line in agent.lines)  # nothing but JSON on stdout
    assert agent.events[-1]["state"] == "unregistered" and agent.events[-1]["code"] == 200
    assert "secret101" not in "\n".join(agent.lines) + agent.read_stderr()


def test_agent_sigint_also_exits_0(pbx: Pbx, tmp_path: Path) -> None:
    agent = AgentProcess(write_config(tmp_path / "a.toml", pbx, "102"))
    with running(agent):
        agent.wait_for(event="registration", state="registered")
        assert agent.stop(signal.SIGINT) == 0


def test_agent_refused_registration_exits_3_without_retrying(pbx: Pbx, tmp_path: Path) -> None:
    agent = AgentProcess(write_config(tmp_path / "a.toml", pbx, "101", password="wrong"))
    with running(agent):
        assert agent.proc.wait(20) == 3
    failed = [e for e in agent.events if e["state"] == "failed"]
    assert [(e["code"], "retry_in_s" in e) for e in failed] == [(403, False)]
    assert pbx.wait_count("REGISTER-BAD-CREDENTIALS to=101", 1) == 1
    assert pbx.registers("101") == 2
    stderr = agent.read_stderr()
    assert "recusou" in stderr and "Traceback" not in stderr and "wrong" not in stderr


def test_agent_bad_configuration_exits_2_with_a_message(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[sip]\nserver = "pbx"\nextension = "101"\npassword = "x"\nport = "5060"\n')
    agent = AgentProcess(config)
    with running(agent):
        assert agent.proc.wait(20) == 2
    stderr = agent.read_stderr()
    assert "sip.port" in stderr and "Traceback" not in stderr
    assert agent.lines == []
    missing = AgentProcess(tmp_path / "missing.toml")
    with running(missing):
        assert missing.proc.wait(20) == 2
    assert "não encontrado" in missing.read_stderr()


def test_answered_elsewhere(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    """Two devices on extension 101: the agent answers at once, our phone hears CANCEL cause=200."""
    _, log = phone
    other = AgentProcess(write_config(tmp_path / "desk.toml", pbx, "101"), auto_answer=0)
    with running(other):
        other.wait_for(event="registration", state="registered")
        sipp = Sipp(tmp_path, pbx, "caller_talk", extra=["-d", "300"])
        call = log.wait_for(IncomingCall)
        ended = log.wait_for(CallEnded, call_id=call.call_id)
        assert (ended.outcome, ended.code) == ("answered_elsewhere", 487)
        other.wait_for(event="call_state", state="answered")
        assert other.wait_for(event="call_ended")["outcome"] == "completed"
        assert sipp.wait() == 0, sipp.report()
        assert other.stop() == 0


def test_outgoing_call_and_dtmf_received(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    engine, log = phone
    callee = AgentProcess(write_config(tmp_path / "102.toml", pbx, "102"), auto_answer=0.1)
    with running(callee):
        callee.wait_for(event="registration", state="registered")
        call_id = engine.call("102").result(5)
        log.wait_for(CallStateChanged, call_id=call_id, state="answered")
        incoming = callee.wait_for(event="incoming_call")
        assert (incoming["number"], incoming["internal"], incoming["display_name"]) == (
            "101", True, "Agente 101")
        engine.send_dtmf(call_id, "1234#5*0").result(5)
        for digit in "1234#5*0":
            callee.wait_for(event="dtmf", digit=digit)
        assert "".join(e["digit"] for e in callee.events if e["event"] == "dtmf") == "1234#5*0"
        engine.hangup(call_id).result(5)
        assert log.wait_for(CallEnded, call_id=call_id).outcome == "completed"
        assert callee.wait_for(event="call_ended")["outcome"] == "completed"
        assert callee.stop() == 0


def test_outgoing_call_rejected_by_busy_callee(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    engine, log = phone
    callee = AgentProcess(write_config(tmp_path / "102.toml", pbx, "102"))
    with running(callee):
        callee.wait_for(event="registration", state="registered")
        call_id = engine.call("102").result(5)
        incoming = callee.wait_for(event="incoming_call")
        callee.stop()  # the agent hangs up its ringing call on the way out: 486 to us
        ended = log.wait_for(CallEnded, call_id=call_id)
        assert ended.outcome in ("rejected", "missed"), ended
        assert incoming["number"] == "101"


def test_blind_transfer(phone: Phone, pbx: Pbx, tmp_path: Path) -> None:
    engine, log = phone
    target = AgentProcess(write_config(tmp_path / "102.toml", pbx, "102"), auto_answer=0)
    with running(target):
        target.wait_for(event="registration", state="registered")
        sipp = Sipp(tmp_path, pbx, "caller_transfer", extra=["-d", "300"])
        call = log.wait_for(IncomingCall)
        engine.answer(call.call_id).result(5)
        log.wait_for(CallStateChanged, call_id=call.call_id, state="answered")
        engine.blind_transfer(call.call_id, "102").result(5)
        log.wait_for(CallStateChanged, call_id=call.call_id, state="transferring")
        result = log.wait_for(TransferResult, call_id=call.call_id)
        assert (result.success, result.code) == (True, 200)
        assert "sip:102@" in result.target
        assert log.wait_for(CallEnded, call_id=call.call_id).outcome == "completed"
        # the customer reached 102, with the caller ID intact
        transferred = target.wait_for(event="incoming_call")
        assert transferred["number"] == "+5511987654321"
        target.wait_for(event="call_state", state="answered")
        assert target.wait_for(event="call_ended")["outcome"] == "completed"
        assert sipp.wait() == 0, sipp.report()


def test_attended_transfer(pbx: Pbx, engines: EngineHarness, tmp_path: Path) -> None:
    """101 (here) talks to 102 (the customer) and consults 103, then joins them."""
    engine, log = engines.start(sip_settings(pbx))
    log.wait_for(RegistrationChanged, state="registered")
    customer = AgentProcess(write_config(tmp_path / "102.toml", pbx, "102"), auto_answer=0)
    colleague = AgentProcess(write_config(tmp_path / "103.toml", pbx, "103"), auto_answer=0)
    with running(customer, colleague):
        customer.wait_for(event="registration", state="registered")
        colleague.wait_for(event="registration", state="registered")
        first = engine.call("102").result(5)
        log.wait_for(CallStateChanged, call_id=first, state="answered")
        engine.hold(first).result(5)
        log.wait_for(CallStateChanged, call_id=first, state="held")
        consult = engine.call("103").result(5)
        log.wait_for(CallStateChanged, call_id=consult, state="answered")
        engine.attended_transfer(first, consult).result(5)
        assert log.wait_for(TransferResult, call_id=first).success
        for call_id in (first, consult):
            log.wait_for(CallEnded, call_id=call_id)
        # 103's consultation call was replaced by a call from 102: they now talk to each other
        replaced = colleague.wait_for(event="call_replaced")
        colleague.wait_for(event="call_state", call_id=replaced["call_id"], state="answered")
        # 102 followed the REFER with a new call (INVITE with Replaces) that 103 answered
        outgoing = customer.wait_for(event="outgoing_call")
        assert outgoing["number"] == "103"
        customer.wait_for(event="call_state", call_id=outgoing["call_id"], state="answered")
        assert customer.stop() == 0
        assert colleague.wait_for(event="call_ended", call_id=replaced["call_id"])
        assert colleague.stop() == 0
    assert not log.of(CallReplaced)
