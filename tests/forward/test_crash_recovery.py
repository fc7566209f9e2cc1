"""SIGKILL between "stored" and "sent": after a restart everything is sent exactly once.

A child Python process stores an IXC ticket and four Discord messages and starts sending to slow
simulators; the test kills it with SIGKILL at a chosen moment, then runs a new worker on the same
database file. The simulators count what really arrived.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.demo.simulators.discord import DiscordSimulator
from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.discord import DiscordDelivery, DiscordWebhookClient
from desktop.forward.ixc_delivery import IxcTicketDelivery
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.client import IxcClient
from desktop.ixc.tickets import KIND, IxcTickets, ticket_marker
from desktop.store.database import open_database
from desktop.store.outbox import Outbox, OutboxState

CHILD = Path(__file__).with_name("outbox_child.py")
ROOT = Path(__file__).resolve().parents[2]
MARKER = ticket_marker("crash-ticket")


def _spawn(db: Path, ixc: SimulatorHandle, webhook: str, delay_s: float,
           grace_s: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(db), ixc.url, ixc.token, webhook, str(delay_s),
         str(grace_s)],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _wait_for(predicate, timeout_s: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the child")
        time.sleep(0.01)


def _kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(10) == -signal.SIGKILL
    if child.stdout:
        child.stdout.close()


def _ticket_inserts(sim: SimulatorHandle) -> int:
    return sum(1 for r in sim.requests
               if r.table == "su_ticket" and not r.listing and r.method == "POST")


async def _restart_and_drain(db: Path, ixc: SimulatorHandle, webhook: str) -> Outbox:
    outbox = Outbox(open_database(db))
    client = IxcClient(ixc.url, ixc.token, timeout_s=10)
    discord = DiscordWebhookClient(timeout_s=10)
    worker = OutboxWorker(outbox, {
        KIND: IxcTicketDelivery(IxcTickets(client)),
        "discord": DiscordDelivery(outbox, {"Plantão": webhook}.get, discord),
    }, poll_interval_s=0.05)
    await worker.start()
    try:
        await worker.wait_until_idle(30)
    finally:
        await worker.stop(grace_s=1)
        await client.aclose()
        await discord.aclose()
    return outbox


async def test_killed_after_storing_before_sending(
    tmp_path: Path, ixc_sim: SimulatorHandle, discord_sim: DiscordSimulator
) -> None:
    db = tmp_path / "ramal.sqlite3"
    webhook = discord_sim.add_webhook("plantao")
    child = _spawn(db, ixc_sim, webhook, delay_s=30, grace_s=5)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "stored"
    finally:
        _kill(child)
    assert _ticket_inserts(ixc_sim) == 0 and discord_sim.attempts(webhook) == 0

    outbox = await _restart_and_drain(db, ixc_sim, webhook)
    assert outbox.counts()[OutboxState.SENT] == 5
    assert len([t for t in ixc_sim.tables["su_ticket"] if MARKER in t["menssagem"]]) == 1
    assert [m.payload["content"] for m in discord_sim.messages(webhook)] == [
        f"mensagem {n}" for n in range(4)]


async def test_killed_with_requests_in_flight(
    tmp_path: Path, ixc_sim: SimulatorHandle, discord_sim: DiscordSimulator
) -> None:
    db = tmp_path / "ramal.sqlite3"
    webhook = discord_sim.add_webhook("plantao")
    # both servers take 1.2 s to answer: the child dies while they are still working
    ixc_sim.set_faults(slow_ms=1200, tables={"su_ticket"})
    discord_sim.set_latency(1.2)
    child = _spawn(db, ixc_sim, webhook, delay_s=0, grace_s=2.5)
    try:
        _wait_for(lambda: _ticket_inserts(ixc_sim) == 1 and discord_sim.attempts(webhook) == 1)
    finally:
        _kill(child)
    ixc_sim.clear_faults()
    discord_sim.set_latency(0)

    outbox = await _restart_and_drain(db, ixc_sim, webhook)
    # the ticket the dead process was creating landed on the server: found, not created again
    assert _ticket_inserts(ixc_sim) == 1
    [ticket] = [t for t in ixc_sim.tables["su_ticket"] if MARKER in t["menssagem"]]
    item = outbox.by_key("crash-ticket")
    assert item is not None and item.state is OutboxState.SENT
    assert item.result["protocol"] == ticket["protocolo"]
    # Discord cannot be asked whether the interrupted message arrived: it is not resent,
    # it is marked for the agent to check; the rest went out once, in order
    first = outbox.by_key("crash-discord-0")
    assert first is not None and first.state is OutboxState.FAILED
    assert "Confira o canal" in first.last_error
    contents = [m.payload["content"] for m in discord_sim.messages(webhook)]
    assert contents == [f"mensagem {n}" for n in range(4)]
    assert all(outbox.by_key(f"crash-discord-{n}").state is OutboxState.SENT  # type: ignore[union-attr]
               for n in range(1, 4))


