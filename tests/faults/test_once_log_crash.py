"""SIGKILL at every write boundary of logging an attendance; after a restart, one IXC ticket.

For each boundary, a fresh desk database holds an answered call; a child process logs the
attendance and SIGKILLs itself just before its k-th SQL write (once_log_child.py). The desk is
then restarted on the same file: its worker sends whatever was stored, and if the call still
reads "não registrado" the agent logs it again, as the history offers. Whatever the boundary,
the IXC simulator must end up with exactly one ticket for that attendance, and the call logged.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from once_desk import Desk, log_request, tickets_with

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.clock import ManualClock
from desktop.store.outbox import OutboxState

CHILD = Path(__file__).with_name("once_log_child.py")
ROOT = Path(__file__).resolve().parents[2]


async def _prepare(db_path: Path, sim: SimulatorHandle) -> int:
    desk = Desk(db_path, sim, ManualClock())
    try:
        await desk.service.refresh_ixc_caches()    # the dialog's subjects, as at start-up
        return desk.answered_call()
    finally:
        await desk.close()


def _log_in_child(db_path: Path, call_id: int, description: str,
                  kill_at: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(CHILD), str(db_path), str(call_id), description, str(kill_at)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False)


async def _restart(db_path: Path, sim: SimulatorHandle, call_id: int,
                   description: str) -> list[OutboxState]:
    """Restart the desk, log again if the call is not logged; the ticket items' states."""
    desk = Desk(db_path, sim, ManualClock())
    try:
        await desk.worker.start()
        await desk.worker.wait_until_idle(30)
        if not desk.history.get(call_id).logged:
            # the history still offers "Registrar atendimento" for this call: the agent does
            await desk.service.log_attendance(log_request(description, call_id))
            await desk.worker.wait_until_idle(30)
        assert desk.history.get(call_id).logged
        return [i.state for i in desk.ticket_items()]
    finally:
        await desk.close()


async def test_killed_at_every_write_then_logged_again_gives_one_ticket(
    tmp_path: Path, ixc_sim: SimulatorHandle
) -> None:
    # per boundary: where it died, IXC tickets with this attendance's text, outbox ticket items
    outcomes: list[tuple[str, int, list[OutboxState]]] = []
    for kill_at in range(1, 60):
        db_path = tmp_path / f"desk-{kill_at}.sqlite3"
        call_id = await _prepare(db_path, ixc_sim)
        description = f"Cliente sem sinal (queda {kill_at})"
        child = _log_in_child(db_path, call_id, description, kill_at)
        said = child.stdout.strip()
        items = await _restart(db_path, ixc_sim, call_id, description)
        outcomes.append((said, len(tickets_with(ixc_sim, description)), items))
        if child.returncode == 0:
            break       # no write left to die before: the last run logged without dying
        assert child.returncode == -signal.SIGKILL, (child.returncode, said, child.stderr)
    else:
        raise AssertionError("the child never finished logging")
    # it died at least before the first write, in the middle and before the last one
    assert len(outcomes) >= 4, outcomes
    wrong = [o for o in outcomes if o[1:] != (1, [OutboxState.SENT])]
    assert not wrong, f"not exactly one ticket after dying at these writes: {wrong}"
