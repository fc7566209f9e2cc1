"""Answer → the call's IXC protocol on the popup, through the real desk, as a multiple of one
IXC request.

The real desk (RamalApp with its services: IxcService, attendance service, outbox worker, the
popup) runs offscreen in this process on qasync, against the IXC simulator answering every
request after ``--latency-ms``; ``[attendance] open_ticket = "auto"``. Each call rings from a
known one-customer number, waits until the card is complete (the customer is identified), then
is answered; the clock runs from the answer until the popup's protocol bar shows the protocol.
The engine is the tests' recording engine (no pjsua2): the SIP leg is not what is measured.

Also printed: answer → the insert reaching IXC (the worker's wake-up), and the requests the
opening needs (IXC's insert answers only the new id, so the protocol is one read more).

    .venv/bin/python bench/protocol_on_answer.py [--calls 15] [--latency-ms 50 200]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

NUMBERS = ("em_dia", "bloqueio_automatico", "os_aberta", "financeiro_em_atraso")


async def until(check: Any, timeout_s: float = 20.0, step_s: float = 0.0005) -> Any:
    async with asyncio.timeout(timeout_s):
        while not (value := check()):
            await asyncio.sleep(step_s)
    return value


async def run(calls: int, latency_ms: float) -> dict[str, list[float]]:
    from desktop.app.services import build_services
    from desktop.demo.desk_demo import DemoBackends
    from desktop.settings.model import AttendanceSettings
    from desktop.settings.toml_file import MemorySecretStore
    from tests.ui.desk_under_test import DeskUnderTest
    from tests.ui.recording_engine import RecordingEngine

    backends = DemoBackends.start(ixc_latency_ms=latency_ms)
    settings = dataclasses.replace(backends.settings(5999),
                                   attendance=AttendanceSettings(open_ticket="auto"))
    folder = tempfile.TemporaryDirectory(prefix="ramal-bench-")
    services = build_services(settings, Path(folder.name) / "b.sqlite3")
    ramal = DeskUnderTest(settings, RecordingEngine, services=services,
                          secret_store=MemorySecretStore(),
                          config_path=Path(folder.name) / "r.toml")
    shown: dict[str, float] = {}
    ramal.call_protocol.protocol_ready.connect(
        lambda cid, _p: shown.setdefault(cid, time.perf_counter()))
    figures: dict[str, list[float]] = {"protocol": [], "insert_sent": [], "requests": []}
    ramal.start(show_window=False)
    try:
        await until(lambda: ramal.attendance.service.search_subjects())   # caches loaded
        await asyncio.sleep(1.0)   # the start-up warm-up (phone index, tables) out of the way
        for n in range(calls):
            await one_call(ramal, backends, shown, figures, n)
    finally:
        ramal.shutdown()
        await ramal.finish_commands()
        for close in services.closers:
            result = close()
            if asyncio.iscoroutine(result):
                await result
        backends.stop()
        folder.cleanup()
    return figures


async def one_call(ramal: Any, backends: Any, shown: dict[str, float],
                   figures: dict[str, list[float]], n: int) -> None:
    from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
    from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall

    number = DEMO_NUMBERS[NUMBERS[n % len(NUMBERS)]].number
    call_id = f"b{n}"
    ramal.handle_event(IncomingCall(call_id, number, "", False, False, f"<sip:{number}@x>"))
    popup = ramal.popups[call_id]
    await until(lambda: popup.card.record is not None and popup.card.record.complete
                and call_id not in ramal.lookups)
    await asyncio.sleep(0.05)
    before = len(backends.ixc.requests)
    t_answer = time.perf_counter()
    mono_answer = time.monotonic()
    ramal.handle_event(CallStateChanged(call_id, "answered"))
    await until(lambda: call_id in shown)
    bar = popup.protocol_bar
    assert bar.protocol and bar.protocol in bar.label.text() and bar.isVisible()
    figures["protocol"].append((shown[call_id] - t_answer) * 1000)
    during = backends.ixc.requests[before:]
    inserts = [r for r in during if r.table == "su_ticket" and not r.listing]
    if inserts:
        # the simulator stamps time.monotonic() when a request arrives
        figures["insert_sent"].append((inserts[0].at - mono_answer) * 1000)
    figures["requests"].append(float(len(during)))
    ramal.handle_event(CallEnded(call_id, "completed", duration_s=10.0))
    await asyncio.sleep(0.1)
    for dialog in list(ramal.log_dialogs.values()):
        dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=15)
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[50.0, 200.0])
    args = parser.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    print(f"answer → protocol on the popup, {args.calls} answered calls per latency, customer "
          f"identified before the answer, open_ticket = auto, 2-core box shared with other work")
    print(f"{'IXC latency':>12} {'answer→protocol p50':>20} {'× 1 request':>12} "
          f"{'answer→insert at IXC p50':>25} {'requests':>9}")
    with loop:
        for latency in args.latency_ms:
            figures = loop.run_until_complete(run(args.calls, latency))
            p50 = statistics.median(figures["protocol"])
            insert = statistics.median(figures["insert_sent"]) if figures["insert_sent"] else 0
            print(f"{latency:9.0f} ms {p50:17.1f} ms {p50 / latency:11.2f}x "
                  f"{insert:22.1f} ms {statistics.median(figures['requests']):9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
