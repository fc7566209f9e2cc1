"""Benchmark: caller number → complete IXC record, against the simulator at 50 and 200 ms.

Run by hand: ``.venv/bin/python bench/ixc_lookup.py``. For each per-request latency and each
``max_concurrency`` (8, the default, and 4) it times a number the phone index knows ("indexed":
floor 1× latency) and a number it does not know yet ("searched": a customer added to IXC after
the index was built, so it must be searched: floor 2×), and counts the requests each lookup cost
the ISP's server ("requests") and the index refresh that follows it in the background
("after"). The 0 ms rows show the fixed client + simulator cost of a lookup on this machine.
Prints medians, p95 and the ratios to the per-request latency. Targets: ≤ 1.2× and ≤ 2.2×.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from desktop.demo.simulators.ixc import DEMO_NUMBERS, DEMO_TOKEN
from desktop.ixc.client import IxcClient
from desktop.ixc.records import IxcService
from desktop.store.database import open_database
from desktop.store.phone_index import PhoneIndex


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class SimulatorProcess:
    """``main.py simulate-ixc`` in its own process, so its threads do not share our GIL."""

    def __init__(self) -> None:
        root = Path(__file__).resolve().parents[1]
        self.proc = subprocess.Popen(
            [sys.executable, str(root / "main.py"), "simulate-ixc", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=root)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        self.url = line.split(" em ", 1)[1].split(" ", 1)[0]

    def admin(self, **faults: object) -> int:
        r = httpx.post(f"{self.url}/_sim/faults", json=faults) if faults else httpx.get(
            f"{self.url}/_sim/faults")
        return int(r.json()["requests"])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


async def measure(latency_ms: float, concurrency: int, runs: int) -> dict[str, tuple]:
    sim = SimulatorProcess()
    try:
        client = IxcClient(sim.url, DEMO_TOKEN, max_concurrency=concurrency, timeout_s=30)
        # refresh after every lookup, so its cost is counted (it runs after the record)
        service = IxcService(client, PhoneIndex(open_database(":memory:"), sim.url),
                             index_refresh_every_s=0)
        await service.warm_up()                       # reference tables + index, once
        known = DEMO_NUMBERS["os_aberta"].number
        await service.lookup(known)                   # connections warm
        await service.idle()
        sim.admin(latency_ms=latency_ms)
        results: dict[str, tuple] = {}
        for kind in ("indexed", "searched"):
            times: list[float] = []
            counts: list[int] = []
            after: list[int] = []
            for i in range(runs):
                number = known
                if kind == "searched":  # a customer typed into IXC after the last refresh
                    local = f"9{5600 + i:04d}{1000 + i:04d}"
                    await client.insert("cliente", {
                        "razao": f"Cliente Novo {i}", "ativo": "S", "cnpj_cpf": "529.982.247-25",
                        "telefone_celular": f"(11) {local[:5]}-{local[5:]}"})
                    number = f"+5511{local}"
                before = sim.admin()
                started = time.perf_counter()
                result = await service.lookup(number)
                times.append((time.perf_counter() - started) * 1000)
                done = sim.admin()
                counts.append(done - before)
                await service.idle()                  # the index refresh, after the record
                after.append(sim.admin() - done)
                assert result.matches and result.matches[0].complete, (kind, number)
            results[kind] = (statistics.median(times), p95(times), statistics.median(counts),
                             statistics.median(after))
        await service.aclose()
        return results
    finally:
        sim.stop()


async def main() -> None:
    print(f"{'latency':>8} {'conc':>5} {'lookup':>9} {'median ms':>10} {'p95 ms':>8} "
          f"{'× latency':>10} {'requests':>9} {'after':>6}")
    for latency in (0.0, 50.0, 200.0):
        for concurrency in (8, 4):
            runs = 15 if latency < 100 else 7
            results = await measure(latency, concurrency, runs)
            for kind, (median, high, count, later) in results.items():
                ratio = f"{median / latency:>9.2f}×" if latency else f"{'-':>10}"
                print(f"{latency:>6.0f}ms {concurrency:>5} {kind:>9} {median:>10.1f} "
                      f"{high:>8.1f} {ratio} {count:>9.0f} {later:>6.0f}", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
