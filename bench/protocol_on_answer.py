"""Answer → the call's IXC protocol on the popup, through the real desk, as a multiple of one
IXC request.

The real desk (RamalApp with its services: IxcService, attendance service, outbox worker, the
popup) runs offscreen in this process on qasync, against the IXC simulator answering every
request after ``--latency-ms``; ``[attendance] open_ticket = "auto"``. Each call rings from a
known one-customer number, waits until the card is complete (the customer is identified), then
is answered; the clock runs from the answer until the popup's protocol bar shows the protocol.
The engine is the tests' recording engine (no pjsua2): the SIP leg is not what is measured.

The desk reserves the protocol first (``gerar_protocolo_atendimento``, one request), shows it,
then queues the ticket carrying it. Also printed: answer → the reservation reaching IXC,
answer → the insert reaching IXC (after the protocol is on screen: the worker's wake-up),
answer → the ticket confirmed (the worker reports the insert sent), and the IXC requests the
opening used until then (reservation + insert, no read-back). ``--fallback`` makes the
simulator refuse the reservation: the path a tenant without the resource takes (reservation
refused, insert, read-back). ``--ixc-process`` runs the simulator in its own process, as a
remote IXC is (in this process its threads share the GIL with the desk).

    .venv/bin/python bench/protocol_on_answer.py [--calls 15] [--latency-ms 50 200] \
        [--fallback] [--ixc-process]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
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


class RemoteIxc:
    """The IXC simulator in its own process (``main.py simulate-ixc``): its request log over
    ``GET /_sim/log`` (stamped with ``time.monotonic()``, one clock for the machine), its
    faults over ``POST /_sim/faults``."""

    def __init__(self, latency_ms: float) -> None:
        self.latency_ms = latency_ms
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "simulate-ixc", "--port", "0",
             "--latency-ms", str(latency_ms)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().split(" em ", 1)[1].split(" ", 1)[0]

    @property
    def requests(self) -> list[SimpleNamespace]:
        import httpx

        log = httpx.get(f"{self.url}/_sim/log").json()["requests"]
        return [SimpleNamespace(**entry) for entry in log]

    def set_faults(self, **changes: Any) -> None:
        import httpx

        changes = {"latency_ms": self.latency_ms, **changes}
        if "tables" in changes:
            changes["tables"] = sorted(changes["tables"])
        httpx.post(f"{self.url}/_sim/faults", json=changes)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


async def run(calls: int, latency_ms: float, fallback: bool,
              ixc_process: bool) -> dict[str, list[float]]:
    from desktop.app.services import build_services
    from desktop.demo.desk_demo import DemoBackends
    from desktop.settings.model import AttendanceSettings
    from desktop.settings.toml_file import MemorySecretStore
    from tests.ui.desk_under_test import DeskUnderTest
    from tests.ui.recording_engine import RecordingEngine

    backends = DemoBackends.start(ixc_latency_ms=latency_ms)
    settings = dataclasses.replace(backends.settings(5999),
                                   attendance=AttendanceSettings(open_ticket="auto"))
    ixc: Any = backends.ixc
    if ixc_process:
        ixc = RemoteIxc(latency_ms)
        settings = dataclasses.replace(settings,
                                       ixc=dataclasses.replace(settings.ixc, url=ixc.url))
    folder = tempfile.TemporaryDirectory(prefix="ramal-bench-")
    services = build_services(settings, Path(folder.name) / "b.sqlite3")
    ramal = DeskUnderTest(settings, RecordingEngine, services=services,
                          secret_store=MemorySecretStore(),
                          config_path=Path(folder.name) / "r.toml")
    shown: dict[str, float] = {}
    ramal.call_protocol.protocol_ready.connect(
        lambda cid, _p: shown.setdefault(cid, time.perf_counter()))
    figures: dict[str, list[float]] = {"protocol": [], "reserve_sent": [], "insert_sent": [],
                                       "confirmed": [], "requests": [], "reserved": []}
    ramal.start(show_window=False)
    try:
        await until(lambda: ramal.attendance.service.search_subjects())   # caches loaded
        await asyncio.sleep(1.0)   # the start-up warm-up (phone index, tables) out of the way
        if fallback:
            from desktop.ixc.protocol_reservation import RESOURCE

            ixc.set_faults(json_error=f"Recurso {RESOURCE} não está disponível!",
                           tables=frozenset({RESOURCE}))
        for n in range(calls):
            await one_call(ramal, ixc, shown, figures, n)
    finally:
        ramal.shutdown()
        await ramal.finish_commands()
        for close in services.closers:
            result = close()
            if asyncio.iscoroutine(result):
                await result
        backends.stop()
        if isinstance(ixc, RemoteIxc):
            ixc.stop()
        folder.cleanup()
    return figures


async def one_call(ramal: Any, ixc: Any, shown: dict[str, float],
                   figures: dict[str, list[float]], n: int) -> None:
    from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
    from desktop.ixc.protocol_reservation import RESOURCE
    from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall
    from desktop.store.outbox import OutboxState

    number = DEMO_NUMBERS[NUMBERS[n % len(NUMBERS)]].number
    call_id = f"b{n}"
    ramal.handle_event(IncomingCall(call_id, number, "", False, False, f"<sip:{number}@x>"))
    popup = ramal.popups[call_id]
    await until(lambda: popup.card.record is not None and popup.card.record.complete
                and call_id not in ramal.lookups)
    await asyncio.sleep(0.05)
    before = len(ixc.requests)
    t_answer = time.perf_counter()
    mono_answer = time.monotonic()
    ramal.handle_event(CallStateChanged(call_id, "answered"))
    await until(lambda: call_id in shown)
    bar = popup.protocol_bar
    assert bar.protocol and bar.protocol in bar.label.text() and bar.isVisible()
    figures["protocol"].append((shown[call_id] - t_answer) * 1000)
    state = ramal.call_protocol.calls[call_id]
    await until(lambda: state.item is not None and state.item.state is OutboxState.SENT)
    figures["confirmed"].append((time.perf_counter() - t_answer) * 1000)
    during = [r for r in ixc.requests[before:] if r.table in ("su_ticket", RESOURCE)]
    # reserved: the ticket carried the protocol, so it was never read back
    figures["reserved"].append(float(not any(r.table == "su_ticket" and r.listing
                                             for r in during)))
    # the simulator stamps time.monotonic() when a request arrives
    for name, table, listing in (("reserve_sent", RESOURCE, False),
                                 ("insert_sent", "su_ticket", False)):
        sent = [r for r in during if r.table == table and r.listing is listing]
        if sent:
            figures[name].append((sent[0].at - mono_answer) * 1000)
    figures["requests"].append(float(len(during)))
    ramal.handle_event(CallEnded(call_id, "completed", duration_s=10.0))
    await asyncio.sleep(0.1)
    for dialog in list(ramal.log_dialogs.values()):
        dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=15)
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[50.0, 200.0])
    parser.add_argument("--fallback", action="store_true",
                        help="IXC refuses the reservation: the ticket numbered by IXC, read back")
    parser.add_argument("--ixc-process", action="store_true",
                        help="the IXC simulator in its own process, as a remote IXC is")
    args = parser.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    path = ("reservation refused (fallback: insert + read-back)" if args.fallback
            else "protocol reserved first")
    where = "its own process" if args.ixc_process else "this process"
    print(f"answer → protocol on the popup, {args.calls} answered calls per latency, customer "
          f"identified before the answer, open_ticket = auto, {path}, IXC simulator in {where}, "
          f"2-core box shared with other work (p50 = median)")
    print(f"{'IXC latency':>12} {'answer→protocol p50':>20} {'× 1 request':>12} {'p95':>9} "
          f"{'→reserve at IXC':>16} {'→insert at IXC':>15} {'→ticket sent':>13} "
          f"{'requests':>9} {'reserved':>9}")

    def p50(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    with loop:
        for latency in args.latency_ms:
            figures = loop.run_until_complete(run(args.calls, latency, args.fallback,
                                                  args.ixc_process))
            protocol = p50(figures["protocol"])
            p95 = statistics.quantiles(figures["protocol"], n=20)[-1] \
                if len(figures["protocol"]) > 1 else protocol
            print(f"{latency:9.0f} ms {protocol:17.1f} ms {protocol / latency:11.2f}x "
                  f"{p95:6.1f} ms {p50(figures['reserve_sent']):13.1f} ms "
                  f"{p50(figures['insert_sent']):12.1f} ms {p50(figures['confirmed']):10.1f} ms "
                  f"{p50(figures['requests']):9.0f} "
                  f"{sum(figures['reserved']):4.0f}/{len(figures['reserved'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
