"""The desk opening the call's ticket in a separate process that dies mid-call.

Usage: python open_ticket_child.py DB CALL_ID KILL_AT URL TOKEN [reserve]

KILL_AT > 0: SIGKILL just before the KILL_AT-th SQL write of ``open_ticket`` (as
once_log_child.py). KILL_AT == 0: store the opening, start the worker and wait; the parent kills
this process once the simulator has the insert on the wire, so its outcome is unknown here.
``reserve``: the protocol is reserved in IXC first (as the desk does) and the opening carries
it; the line "reserved N" tells the parent which.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from kill_at_write import KillAtWrite
from once_desk import Desk

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.attendance import OpenRequest
from desktop.forward.clock import ManualClock


class _Remote:
    """Enough of a SimulatorHandle for Desk: the parent's simulator, over its URL."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token


async def main(db_path: str, call_id: int, kill_at: int, url: str, token: str,
               reserve: bool = False) -> None:
    sim: SimulatorHandle = _Remote(url, token)  # type: ignore[assignment]
    desk = Desk(Path(db_path), sim, ManualClock())
    protocol = await desk.service.reserve_protocol() if reserve else ""
    if protocol:
        print(f"reserved {protocol}", flush=True)
    with KillAtWrite(desk.db.conn, kill_at) as killer:
        desk.service.open_ticket(OpenRequest(call_id, "101", "Cliente 101", protocol=protocol))
    if kill_at:
        print(f"done {killer.writes}", flush=True)
        return
    print("opened", flush=True)
    await desk.worker.start()
    await asyncio.sleep(60)      # killed by the parent long before


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4],
                     sys.argv[5], reserve=sys.argv[6:] == ["reserve"]))
