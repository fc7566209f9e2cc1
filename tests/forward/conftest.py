"""Fixtures for the forwarding tests: real simulators on loopback, a temp database, a clock."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import sqlite_utils

from desktop.forward.clock import ManualClock
from desktop.forward.discord import DiscordDelivery, DiscordWebhookClient
from desktop.forward.outbox_worker import OutboxWorker
from desktop.retry.backoff import Backoff
from desktop.store.database import open_database
from desktop.store.outbox import Outbox


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "ramal.sqlite3")
    try:
        yield database
    finally:
        database.conn.close()


@pytest.fixture
def outbox(db: sqlite_utils.Database) -> Outbox:
    return Outbox(db)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def discord_client() -> AsyncIterator[DiscordWebhookClient]:
    client = DiscordWebhookClient(timeout_s=5.0)
    try:
        yield client
    finally:
        await client.aclose()


DiscordWorkerFactory = Callable[..., OutboxWorker]


@pytest.fixture
async def discord_worker(
    outbox: Outbox, discord_client: DiscordWebhookClient
) -> AsyncIterator[DiscordWorkerFactory]:
    """Build (and stop at the end) a worker delivering ``discord`` items to given webhooks."""
    made: list[OutboxWorker] = []

    def build(webhooks: dict[str, str], clock: ManualClock | None = None) -> OutboxWorker:
        delivery = DiscordDelivery(outbox, webhooks.get, discord_client, clock=clock)
        worker = OutboxWorker(outbox, {"discord": delivery}, clock=clock,
                              backoff=Backoff(first_s=1.0, maximum_s=60.0,
                                              low=0.5, high=1.0), rng=random.Random(7),
                              poll_interval_s=0.05)
        made.append(worker)
        return worker

    yield build
    for worker in made:
        await worker.stop(grace_s=1.0)
