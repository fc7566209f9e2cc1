"""Discord deliveries through the outbox, against the webhook simulator (real sockets)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from desktop.demo.simulators.discord import DiscordSimulator
from desktop.forward.case import CallInfo, CustomerSummary, ForwardCase
from desktop.forward.clock import ManualClock, SystemClock
from desktop.forward.discord import webhook_fingerprint
from desktop.forward.discord_message import build_case_message
from desktop.store.outbox import Outbox, OutboxState


def _case(note: str = "Cliente sem internet desde ontem.") -> ForwardCase:
    return ForwardCase(
        sector="Suporte Técnico",
        call=CallInfo(number="(11) 98765-4321",
                      started_at=datetime(2026, 3, 2, 12, 30, tzinfo=UTC), duration_s=185),
        agent="Ana",
        note=note,
        customer=CustomerSummary(customer_id="7894", name="Maria Souza", contract="5173 – 300M",
                                 contract_status="Ativo", access_status="Bloqueado"),
    )


def _enqueue(outbox: Outbox, key: str, sector: str, text: str,
             clock: ManualClock | None = None) -> int:
    body = build_case_message(_case(text), reference=key)
    now = (clock or SystemClock()).now()
    return outbox.enqueue(idempotency_key=key, kind="discord", target=sector,
                          payload={"body": body}, now=now).id


async def test_message_is_confirmed_with_wait_true(
    discord_sim: DiscordSimulator, outbox: Outbox, discord_worker
) -> None:
    url = discord_sim.add_webhook("tecnico")
    item_id = _enqueue(outbox, "a1", "Suporte Técnico", "primeira")
    worker = discord_worker({"Suporte Técnico": url})
    await worker.start()
    await worker.wait_until_idle(10)
    item = outbox.get(item_id)
    received = discord_sim.messages(url)
    assert item.state is OutboxState.SENT
    assert len(received) == 1
    # the id Discord returned (only with ?wait=true) is kept as the item's result
    assert item.result["message_id"] == received[0].id
    assert received[0].payload["allowed_mentions"] == {"parse": []}


async def test_server_errors_back_off_exponentially_with_jitter(
    discord_sim: DiscordSimulator, outbox: Outbox, discord_worker, clock: ManualClock
) -> None:
    url = discord_sim.add_webhook()
    discord_sim.fail_next(4)
    item_id = _enqueue(outbox, "b1", "Comercial", "x", clock)
    worker = discord_worker({"Comercial": url}, clock=clock)
    await worker.start()
    await worker.wait_until_idle(10)
    assert outbox.get(item_id).state is OutboxState.SENT
    assert outbox.get(item_id).attempts == 5
    assert len(discord_sim.messages(url)) == 1
    waits = [s for s in clock.sleeps if s > 0.01]
    # base 1 s doubling: attempt n waits in [0.5, 1.0] * 2**(n-1)
    assert len(waits) == 4
    for n, wait in enumerate(waits, start=1):
        assert 0.5 * 2 ** (n - 1) <= wait <= 2 ** (n - 1)


async def test_429_waits_what_retry_after_says(
    discord_sim: DiscordSimulator, outbox: Outbox, discord_worker, clock: ManualClock
) -> None:
    url = discord_sim.add_webhook()
    discord_sim.storm(2, retry_after_s=7.5)
    item_id = _enqueue(outbox, "c1", "Financeiro", "x", clock)
    worker = discord_worker({"Financeiro": url}, clock=clock)
    await worker.start()
    await worker.wait_until_idle(10)
    assert outbox.get(item_id).state is OutboxState.SENT
    waits = [s for s in clock.sleeps if s > 0.01]
    assert len(waits) == 2
    assert all(7.5 <= w <= 7.5 * 1.1 for w in waits)


async def test_404_disables_the_webhook_and_fails_its_queue_visibly(
    discord_sim: DiscordSimulator, outbox: Outbox, discord_worker
) -> None:
    url = discord_sim.add_webhook("plantao")
    discord_sim.delete_webhook(url)
    ids = [_enqueue(outbox, f"d{i}", "Plantão", f"msg {i}") for i in range(3)]
    worker = discord_worker({"Plantão": url})
    await worker.start()
    await worker.wait_until_idle(10)
    items = [outbox.get(i) for i in ids]
    assert [i.state for i in items] == [OutboxState.FAILED] * 3
    assert all("não existe mais" in i.last_error for i in items)
    # one request found the webhook gone; the others were not sent to it at all
    assert discord_sim.attempts(url) == 1
    disabled = outbox.disabled_target(webhook_fingerprint(url))
    assert disabled is not None and disabled.target == "Plantão"
    # a later message to the disabled webhook fails at once, without a request
    late = _enqueue(outbox, "d9", "Plantão", "depois")
    worker.notify()
    await worker.wait_until_idle(10)
    assert outbox.get(late).state is OutboxState.FAILED
    assert discord_sim.attempts(url) == 1


async def test_retry_reenables_a_fixed_webhook(
    discord_sim: DiscordSimulator, outbox: Outbox, discord_worker
) -> None:
    dead = discord_sim.add_webhook("velho")
    discord_sim.delete_webhook(dead)
    webhooks = {"Comercial": dead}
    item_id = _enqueue(outbox, "e1", "Comercial", "x")
    worker = discord_worker(webhooks)
    await worker.start()
    await worker.wait_until_idle(10)
    assert outbox.get(item_id).state is OutboxState.FAILED
    webhooks["Comercial"] = discord_sim.add_webhook("novo")   # IT fixes the setting
    worker.retry(item_id)
    await worker.wait_until_idle(10)
    assert outbox.get(item_id).state is OutboxState.SENT
    assert len(discord_sim.messages(webhooks["Comercial"])) == 1


async def test_429_storm_delivers_everything_in_order_once(
    discord_sim: DiscordSimulator, outbox: Outbox, discord_worker
) -> None:
    # real time: Discord's own bucket (5 per 0.3 s here) plus a storm of 40 forced 429s
    discord_sim.set_rate_limit(5, 0.3)
    sectors = {name: discord_sim.add_webhook(name) for name in ("tec", "com", "fin")}
    expected: dict[str, list[str]] = {name: [] for name in sectors}
    for n in range(12):
        for name in sectors:
            text = f"{name}-{n:02d}"
            _enqueue(outbox, f"storm-{text}", name, text)
            expected[name].append(text)
    discord_sim.storm(40, retry_after_s=0.02)
    worker = discord_worker(sectors)
    await worker.start()
    await asyncio.wait_for(worker.wait_until_idle(60), 60)
    for name, url in sectors.items():
        got = [m.payload["embeds"][0]["description"] for m in discord_sim.messages(url)]
        assert got == expected[name]
    assert outbox.counts()[OutboxState.SENT] == 36
    assert discord_sim.rejected() == []


async def test_interrupted_send_is_not_resent_blindly(
    discord_sim: DiscordSimulator, outbox: Outbox, discord_worker
) -> None:
    url = discord_sim.add_webhook()
    item_id = _enqueue(outbox, "f1", "Comercial", "x")
    # as if the app died with the request on the wire
    outbox.mark_sending(item_id, SystemClock().now())
    worker = discord_worker({"Comercial": url})
    await worker.start()
    await worker.wait_until_idle(10)
    item = outbox.get(item_id)
    assert item.state is OutboxState.FAILED
    assert "Confira o canal" in item.last_error
    assert discord_sim.attempts(url) == 0
