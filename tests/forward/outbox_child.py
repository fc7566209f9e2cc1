"""A separate "app" process for the crash tests: stores outbox items, then starts sending.

Usage: python outbox_child.py DB IXC_URL IXC_TOKEN DISCORD_URL DELAY_BEFORE_SENDING GRACE_S
It prints "stored" once everything is committed, waits DELAY_BEFORE_SENDING seconds, then runs
the worker until killed. The parent test SIGKILLs it at a chosen moment.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime

from desktop.forward.discord import DiscordDelivery, DiscordWebhookClient
from desktop.forward.ixc_delivery import IxcTicketDelivery
from desktop.forward.outbox_worker import OutboxWorker
from desktop.ixc.client import IxcClient
from desktop.ixc.tickets import (
    KIND,
    IxcTickets,
    TicketDraft,
    build_ticket_fields,
    ticket_marker,
    ticket_payload,
)
from desktop.store.database import open_database
from desktop.store.outbox import Outbox

MESSAGES = 4


async def main(db_path: str, ixc_url: str, ixc_token: str, webhook: str, delay_s: float,
               grace_s: float) -> None:
    outbox = Outbox(open_database(db_path))
    now = datetime.now(UTC)
    marker = ticket_marker("crash-ticket")
    fields = build_ticket_fields(TicketDraft(customer_id="101", subject_id="3",
                                             ticket_sector_id="1", description="crash test",
                                             agent="Ana"), None, marker)
    outbox.enqueue(idempotency_key="crash-ticket", kind=KIND, target="ixc", lane="ixc",
                   payload=ticket_payload(fields, marker), now=now)
    for n in range(MESSAGES):
        outbox.enqueue(idempotency_key=f"crash-discord-{n}", kind="discord", target="Plantão",
                       payload={"body": {"content": f"mensagem {n}",
                                         "allowed_mentions": {"parse": []}}}, now=now)
    print("stored", flush=True)
    await asyncio.sleep(delay_s)
    ixc = IxcClient(ixc_url, ixc_token, timeout_s=30)
    discord = DiscordWebhookClient(timeout_s=30)
    worker = OutboxWorker(outbox, {
        KIND: IxcTicketDelivery(IxcTickets(ixc)),
        "discord": DiscordDelivery(outbox, {"Plantão": webhook}.get, discord),
    }, poll_interval_s=0.05, in_flight_grace_s=grace_s)
    await worker.start()
    print("sending", flush=True)
    await asyncio.Event().wait()    # until SIGKILL


if __name__ == "__main__":
    db, url, token, hook, delay, grace = sys.argv[1:7]
    asyncio.run(main(db, url, token, hook, float(delay), float(grace)))
