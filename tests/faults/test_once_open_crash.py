"""PC killed mid-call with the call's ticket opened (issue 16): after a restart, one IXC ticket,
completed by the log. Killed at every SQL write of the opening, and with the insert on the wire.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from once_desk import CALL_START, Desk, log_request, tickets_with

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.clock import ManualClock
from desktop.store.history import CallDirection, CallOutcome
from desktop.store.outbox import OutboxState

CHILD = Path(__file__).with_name("open_ticket_child.py")
ROOT = Path(__file__).resolve().parents[2]


async def _prepare(db_path: Path, sim: SimulatorHandle) -> int:
    """A fresh desk database with a call just answered (the customer is known)."""
    desk = Desk(db_path, sim, ManualClock())
    try:
        await desk.service.refresh_ixc_caches()
        call = desk.history.record_start("call-1", number="+5511987654321",
                                         direction=CallDirection.INBOUND,
                                         started_at=CALL_START, extension="201")
        desk.history.record_answer(call.id, CALL_START + timedelta(seconds=3))
        return call.id
    finally:
        await desk.close()


def _child(db_path: Path, call_id: int, kill_at: int, sim: SimulatorHandle,
           reserve: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(CHILD.parent)])}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(call_id), str(kill_at), sim.url,
         sim.token, *(["reserve"] if reserve else [])], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


async def _restart_and_log(db_path: Path, sim: SimulatorHandle, call_id: int,
                           description: str) -> list[OutboxState]:
    """Restart the desk (its worker reconciles), end the call, log it: the items' states."""
    desk = Desk(db_path, sim, ManualClock())
    try:
        await desk.worker.start()
        await desk.worker.wait_until_idle(30)
        desk.history.record_end(call_id, CALL_START + timedelta(seconds=128),
                                CallOutcome.COMPLETED)
        await desk.service.log_attendance(log_request(description, call_id))
        await desk.worker.wait_until_idle(30)
        assert desk.history.get(call_id).logged
        return [i.state for i in desk.outbox.items()]
    finally:
        await desk.close()


async def test_killed_at_every_write_of_the_opening_gives_one_ticket(
        tmp_path: Path, ixc_sim: SimulatorHandle) -> None:
    outcomes: list[tuple[str, int, list[OutboxState]]] = []
    for kill_at in range(1, 40):
        db_path = tmp_path / f"desk-{kill_at}.sqlite3"
        call_id = await _prepare(db_path, ixc_sim)
        child = _child(db_path, call_id, kill_at, ixc_sim)
        said, err = child.communicate(timeout=60)
        description = f"Queda {kill_at}"
        states = await _restart_and_log(db_path, ixc_sim, call_id, description)
        outcomes.append((said.strip(), len(tickets_with(ixc_sim, description)), states))
        if child.returncode == 0:
            break
        assert child.returncode == -signal.SIGKILL, (child.returncode, said, err)
    else:
        raise AssertionError("the child never finished opening")
    assert len(outcomes) >= 3, outcomes
    wrong = [o for o in outcomes if o[1] != 1 or set(o[2]) != {OutboxState.SENT}]
    assert not wrong, f"not exactly one ticket after dying at these writes: {wrong}"


@pytest.mark.parametrize("reserve", [False, True], ids=["ixc-numbers-it", "reserved"])
async def test_killed_with_the_insert_on_the_wire_gives_one_ticket(
        tmp_path: Path, ixc_sim: SimulatorHandle, reserve: bool) -> None:
    db_path = tmp_path / "desk.sqlite3"
    call_id = await _prepare(db_path, ixc_sim)
    # the insert is held by the simulator long enough for the PC to die while it waits
    ixc_sim.set_faults(slow_ms=400, tables=frozenset({"su_ticket"}))
    ixc_sim.reset_log()
    child = _child(db_path, call_id, 0, ixc_sim, reserve)
    try:
        deadline = time.monotonic() + 30
        while not any(r.table == "su_ticket" and r.method == "POST" and not r.listing
                      for r in ixc_sim.requests):
            assert time.monotonic() < deadline, "the child never sent the insert"
            assert child.poll() is None, child.communicate()
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
    finally:
        child.communicate(timeout=30)
    # the simulator finishes the insert the dead PC never heard of
    deadline = time.monotonic() + 30
    while not (inserted := [t for t in ixc_sim.tables["su_ticket"]
                            if "em andamento" in t["titulo"]]):
        assert time.monotonic() < deadline, "the simulator never stored the insert"
        time.sleep(0.01)
    ixc_sim.clear_faults()
    assert len(inserted) == 1
    reserved = ixc_sim.reserved_protocols
    assert len(reserved) == int(reserve)
    if reserve:
        assert inserted[0]["protocolo"] == reserved[0]
    states = await _restart_and_log(db_path, ixc_sim, call_id, "Depois da queda do PC")
    assert set(states) == {OutboxState.SENT}
    done = tickets_with(ixc_sim, "Depois da queda do PC")
    assert [t["id"] for t in done] == [inserted[0]["id"]]
    # reconciled by the marker, completed by the whole-row PUT: the protocol is the one given
    assert done[0]["protocolo"] == inserted[0]["protocolo"]
    inserts = [r for r in ixc_sim.requests if r.table == "su_ticket" and r.method == "POST"
               and not r.listing]
    assert len(inserts) == 1
