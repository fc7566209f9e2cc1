"""Benchmark: what the outage check costs a ring, and how few requests an outage costs IXC.

Run by hand: ``.venv/bin/python bench/outage_lookup.py [--runs 15]``. The IXC simulator runs in
this process's threads (latency added per request), with CTO 14-B cut 10 minutes ago. For 50 and
200 ms per request it times the demo's "massiva" caller (indexed, so one request wave for the
card) from ``lookup()`` to the first complete card, with and without the outage detector (a
fresh detector per run: the uncached first call, the worst case), and to the banner. Then
twenty calls from the cut area on one desk, counting the requests per call with the check.
Prints medians and ratios to the per-request latency. Target: card complete with the check no
more than +0.1× the request latency.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.demo.simulators.ixc import DEMO_NUMBERS, DEMO_TOKEN, start_simulator
from desktop.ixc.client import IxcClient
from desktop.ixc.models import CustomerRecord
from desktop.ixc.outage import OutageDetector
from desktop.ixc.records import IxcService
from desktop.store.database import open_database
from desktop.store.phone_index import PhoneIndex

MASSIVA = DEMO_NUMBERS["massiva"].number


async def one_ring(url: str, index: PhoneIndex, with_outage: bool) -> tuple[float, float]:
    """(ms to the complete card, ms to the banner or nan) for one uncached ring."""
    client = IxcClient(url, DEMO_TOKEN, max_concurrency=8, timeout_s=10.0)
    detector = OutageDetector(client) if with_outage else None
    service = IxcService(client, index, outage=detector)
    await service.warm_up()
    card = banner = float("nan")
    started = time.perf_counter()

    def on_update(record: CustomerRecord) -> None:
        nonlocal card, banner
        now = (time.perf_counter() - started) * 1000
        if record.complete and math.isnan(card):
            card = now
        if record.outage is not None and math.isnan(banner):
            banner = now

    await service.lookup(MASSIVA, on_update)
    await service.aclose()
    return card, banner


async def twenty_calls(sim: object, url: str, index: PhoneIndex) -> tuple[float, float]:
    """Requests per call (all, and the outage check's) over 20 calls from the cut area."""
    tables = sim.tables  # type: ignore[attr-defined]
    phones = {r["id"]: r["fone"] or r["telefone_celular"] for r in tables["cliente"]}
    callers = [phones[r["id_cliente"]] for r in tables["radusuarios"]
               if r["id_caixa_ftth"] == "14" and r["online"] == "N"]
    client = IxcClient(url, DEMO_TOKEN, max_concurrency=8, timeout_s=10.0)
    service = IxcService(client, index, outage=OutageDetector(client))
    await service.warm_up()
    await service.idle()
    sim.reset_log()  # type: ignore[attr-defined]
    for n in range(20):
        await service.lookup(callers[n % len(callers)])
    await service.aclose()
    log = sim.requests  # type: ignore[attr-defined]
    scoped = [r for r in log if r.table in ("rad_caixa_ftth", "radpop_radio")
              or (r.table == "radusuarios" and "id_cliente" not in str(r.body.get("qtype")))]
    return len(log) / 20, len(scoped) / 20


async def main(runs: int) -> None:
    sim = start_simulator()
    cut = datetime.now().replace(microsecond=0) - timedelta(minutes=10)
    sim.stage_outage("cto", "14", cut)
    index = PhoneIndex(open_database(":memory:"), sim.url)
    try:
        for latency in (50, 200):
            sim.set_faults(latency_ms=latency)
            rows: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
            for _ in range(runs):
                for with_outage in (False, True):
                    rows[with_outage].append(await one_ring(sim.url, index, with_outage))
            plain = statistics.median(c for c, _ in rows[False])
            checked = statistics.median(c for c, _ in rows[True])
            banner = statistics.median(b for _, b in rows[True])
            print(f"{latency} ms/request: card without check {plain:.0f} ms "
                  f"({plain / latency:.2f}×), with check {checked:.0f} ms "
                  f"({checked / latency:.2f}×, {(checked - plain) / latency:+.2f}×), "
                  f"banner at {banner:.0f} ms ({banner / latency:.2f}×)", flush=True)
        sim.set_faults(latency_ms=50)
        per_call, outage_per_call = await twenty_calls(sim, sim.url, index)
        print(f"20 calls from the cut: {per_call:.2f} requests per call, of which "
              f"{outage_per_call:.2f} for the outage check", flush=True)
    finally:
        sim.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    asyncio.run(main(parser.parse_args().runs))
