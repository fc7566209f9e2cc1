"""Benchmark: a click on the card's action → IXC's answer shown, against the simulator at 50 and
200 ms per request, as a multiple of one IXC request measured the same way.

Run by hand: ``.venv/bin/python bench/card_actions.py [--runs 15]``. The simulator runs in its
own process (``main.py simulate-ixc``); the card is the real CustomerCard with the desk's
CustomerActions on qasync, offscreen. "pix" is one request (target ≤ 1.3×); "unlock + refresh"
is the unlock and the contract read again until the card shows it active (target ≤ 2.3×). The
contract is put back to blocked between runs (an HTTP PUT, outside the timing).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import qasync
from PySide6.QtWidgets import QApplication

from bench.ixc_lookup import SimulatorProcess
from desktop.demo.simulators.ixc import DEMO_TOKEN
from desktop.desk.customer_actions import CustomerActions
from desktop.ixc.client import IxcClient
from desktop.ixc.models import AccessStatus
from desktop.ixc.records import IxcService
from desktop.settings.model import Settings
from desktop.ui.customer_card import CustomerCard


async def until(check: Callable[[], Any]) -> None:
    while not check():
        await asyncio.sleep(0.0005)


async def measure(latency_ms: float, runs: int) -> dict[str, list[float]]:
    sim = SimulatorProcess()
    client = IxcClient(sim.url, DEMO_TOKEN, timeout_s=30)
    try:
        service = IxcService(client)
        record = await service.record_for(102)
        contract = record.contracts[0]
        invoice = record.open_invoices[0]
        card = CustomerCard()
        actions = CustomerActions(lambda: client, Settings, asyncio.ensure_future,
                                  confirm=lambda *_a: True)
        actions.wire(card)
        card.set_record(record)
        sim.admin(latency_ms=latency_ms)
        found: dict[str, list[float]] = {"request": [], "pix": [], "unlock + refresh": []}
        auth = httpx.BasicAuth(*DEMO_TOKEN.split(":", 1))
        for _ in range(runs):
            started = time.perf_counter()
            await client.list("cliente_contrato", qtype="cliente_contrato.id",
                              query=str(contract.id), rp=1)
            found["request"].append(time.perf_counter() - started)

            card.action_panel.code.setPlainText("")
            started = time.perf_counter()
            card.action_buttons[("pix", invoice.id)].click()
            await until(lambda: card.action_panel.code.toPlainText())
            found["pix"].append(time.perf_counter() - started)

            async with httpx.AsyncClient(auth=auth) as admin:   # blocked again, untimed
                await admin.put(f"{sim.url}/webservice/v1/cliente_contrato/{contract.id}",
                                json={"status_internet": "CA", "desbloqueio_confianca_ativo": "N",
                                      "dt_ult_desb_conf": ""})
            card.set_record(record)
            started = time.perf_counter()
            card.action_buttons[("unlock", contract.id)].click()
            await until(lambda: card.record is not None and card.record.contracts[0]
                        .access_status is AccessStatus.ACTIVE)
            found["unlock + refresh"].append(time.perf_counter() - started)
            await asyncio.sleep(0.05)
        return found
    finally:
        await client.aclose()
        sim.stop()


async def main(runs: int) -> None:
    for latency in (50.0, 200.0):
        found = await measure(latency, runs)
        base = statistics.median(found["request"])
        print(f"simulator at {latency:.0f} ms/request: one request median {base * 1000:.1f} ms")
        for name in ("pix", "unlock + refresh"):
            median = statistics.median(found[name])
            print(f"  {name:18s} median {median * 1000:7.1f} ms = {median / base:.2f}× a request")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    app = QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(args.runs))
