"""A Discord webhook configured in another spelling than httpx logs it: its token must reach
neither ramal.log nor the diagnostic zip, and its ``thread_id`` must reach Discord.

Real parts: the Discord simulator on 127.0.0.1, the app's httpx client, the real logging set-up
writing ramal.log, the real export writing the zip.
"""

from __future__ import annotations

import asyncio
import logging
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.demo.simulators.discord import DiscordSimulator, start_discord_simulator
from desktop.forward.discord import DiscordDelivery, DiscordWebhookClient
from desktop.forward.outbox_worker import Failed, Outcome
from desktop.settings.model import load_settings
from desktop.store.database import open_database
from desktop.store.outbox import Outbox
from desktop.system.diagnostics import export_diagnostics
from desktop.system.logging_setup import setup_logging

TOKEN = "SECRET"


@pytest.fixture
def discord() -> Iterator[DiscordSimulator]:
    with start_discord_simulator() as sim:
        yield sim


@pytest.fixture
def detach_logging() -> Iterator[None]:
    before = list(logging.getLogger().handlers)
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


def test_webhook_token_spelled_differently_stays_out_of_log_and_zip(
        tmp_path: Path, discord: DiscordSimulator, detach_logging: None) -> None:
    discord.add_webhook("forum", webhook_id="1", token=TOKEN)
    # as an IT person may paste it: upper-case scheme, the forum thread in the query
    configured = f"HTTP://127.0.0.1:{discord.port}/api/webhooks/1/{TOKEN}?thread_id=9"
    config = tmp_path / "ramal.toml"
    config.write_text(f'[[sectors]]\nname = "Suporte"\ndiscord_webhook = "{configured}"\n',
                      encoding="utf-8")
    settings = load_settings(config)
    log_dir = tmp_path / "log"
    redactor = setup_logging(logging.INFO, log_dir=log_dir, console=False)
    redactor.update(settings)

    async def post() -> int:
        client = DiscordWebhookClient(timeout_s=10)
        try:
            response = await client.execute(configured, {"content": "caso encaminhado"})
        finally:
            await client.aclose()
        return response.status

    assert asyncio.run(post()) == 200
    for handler in logging.getLogger().handlers:
        handler.flush()

    # the forum thread the agent configured is where the message went, confirmed (wait=true)
    [message] = discord.messages(configured)
    assert message.query == {"thread_id": "9", "wait": "true"}

    log_text = (log_dir / "ramal.log").read_text(encoding="utf-8")
    # httpx's own line about the request is there, with the token hidden
    assert "/api/webhooks/1/***?thread_id=9&wait=true" in log_text
    assert TOKEN not in log_text

    archive = export_diagnostics(tmp_path / "diag.zip", settings, log_dir=log_dir)
    with zipfile.ZipFile(archive) as zipped:
        members = {name: zipped.read(name).decode("utf-8") for name in zipped.namelist()}
    assert "logs/ramal.log" in members and "config/ramal.toml" in members
    assert "/api/webhooks/1/***" in members["logs/ramal.log"]
    for name, text in members.items():
        assert TOKEN not in text, name


@pytest.mark.parametrize(("webhook", "words"), [
    ("minha-chave-do-webhook", "https://"),
    ("http://discord.example.net/api/webhooks/1/SECRET", "inseguro"),
])
def test_a_bad_webhook_from_the_keyring_fails_with_a_message(
        tmp_path: Path, webhook: str, words: str) -> None:
    # the keyring is never validated with the file: the delivery checks what it is about to use
    db = open_database(tmp_path / "ramal.sqlite3")
    outbox = Outbox(db)
    item = outbox.enqueue(idempotency_key="k1", kind="discord", target="Suporte",
                          payload={"body": {"content": "caso"}},
                          now=datetime(2024, 3, 1, 12, 0, tzinfo=UTC))

    async def deliver() -> Outcome:
        client = DiscordWebhookClient(timeout_s=10)
        try:
            return await DiscordDelivery(outbox, {"Suporte": webhook}.get, client).deliver(item)
        finally:
            await client.aclose()

    outcome = asyncio.run(deliver())
    db.conn.close()
    assert isinstance(outcome, Failed)
    assert "discord:Suporte" in outcome.error and words in outcome.error
    assert TOKEN not in outcome.error
