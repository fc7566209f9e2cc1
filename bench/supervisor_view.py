"""The supervisor view for a month of a 20-agent desk: 3CX's reports from the simulator (2
queues, 20 agents × 30 days × 12 queue calls) plus the tickets Ramal wrote read back from the
IXC simulator (one per answered call), wall time and requests. Run by hand:

    .venv/bin/python bench/supervisor_view.py [--agents 20] [--days 30] [--runs 5] [--latency-ms 0]

Prints the median wall time, the XAPI requests (token requests apart) and the IXC requests.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.demo.simulators.ixc import start_simulator
from desktop.demo.simulators.threecx import (
    CLIENT_ID,
    CLIENT_SECRET,
    start_threecx_simulator,
)
from desktop.demo.simulators.threecx_seed import build_threecx_seed
from desktop.ixc.client import IxcClient
from desktop.ixc.tickets import desk_marker
from desktop.performance.supervisor_figures import load_supervisor_figures
from desktop.settings.model import ThreecxSettings
from desktop.threecx.client import XapiClient

SP = ZoneInfo("America/Sao_Paulo")
TODAY = date(2026, 3, 6)


async def run(agents: int, days: int, runs: int, latency_ms: float) -> None:
    seed = build_threecx_seed(TODAY, SP, agents=agents, days=days)
    pbx = start_threecx_simulator(seed=seed)
    pbx.faults.latency_s = latency_ms / 1000
    ixc = start_simulator(latency_ms=latency_ms)
    for i, call in enumerate(c for c in seed.queue_calls if c.answered):
        codes = ["service_orders", "invoices", "connections"] if i % 3 else ["connections"]
        ixc.insert("su_ticket", {
            "id_cliente": "101", "id_assunto": "1", "titulo": "t", "id_ticket_setor": "1",
            "data_criacao": call.start.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            "menssagem": "x\n" + desk_marker(call.agent, codes)})
    end = datetime.combine(TODAY + timedelta(days=1), datetime.min.time(), SP)
    start = end - timedelta(days=days)
    xapi = XapiClient(ThreecxSettings(url=pbx.url, client_id=CLIENT_ID,
                                      client_secret=CLIENT_SECRET))
    ixc_client = IxcClient(ixc.url, ixc.token)
    times, xapi_requests, ixc_requests = [], [], []
    try:
        for _ in range(runs):
            before_x, before_i = xapi.requests, len(ixc.requests)
            began = time.perf_counter()
            figures = await load_supervisor_figures(xapi, ixc_client, start, end)
            times.append((time.perf_counter() - began) * 1000)
            xapi_requests.append(xapi.requests - before_x)
            ixc_requests.append(len(ixc.requests) - before_i)
        logged = sum(a.logged for a in figures.agents)
        print(f"{agents} agents, {days} days, {len(seed.queue_calls)} queue calls, "
              f"{logged} Ramal tickets: median {statistics.median(times):.0f} ms "
              f"(min {min(times):.0f}, max {max(times):.0f}); XAPI requests "
              f"{xapi_requests[-1]}, IXC requests {ixc_requests[-1]}")
    finally:
        await xapi.aclose()
        await ixc_client.aclose()
        pbx.stop()
        ixc.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    asyncio.run(run(args.agents, args.days, args.runs, args.latency_ms))


if __name__ == "__main__":
    main()
