"""Drives the real desk end to end, in its own process, on whatever display ``DISPLAY`` names.

The IXC simulator, the demo registrar and the demo caller (real SIP over loopback) feed the real
app (real SipEngine, IxcService, history store, popup, tray); the script places calls, waits for
the popup and the complete card, presses the popup's buttons, saves screenshots, and prints one
JSON object with what it saw and how long each step took. Used by tests/ui/test_desk_xvfb.py and
bench/ui_popup.py (pjsua2 allows one endpoint per process, so neither runs it in-process).

    python tests/ui/desk_harness.py --calls bloqueio_automatico,familia --shots DIR
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.demo import (  # noqa: E402
    DemoCall,
    DemoCaller,
    demo_calls,
    demo_settings,
    free_udp_port,
)
from desktop.ui.text_widgets import BadgeLabel  # noqa: E402


def scenario(key: str) -> DemoCall:
    from desktop.simulators.ixc_seed import DEMO_NUMBERS

    if key == "anonymous":
        return DemoCall("anonymous", "Anonymous", "anônimo")
    if key == "interno":
        return DemoCall("2001", "Financeiro", "interno")
    if key.startswith("hostile:"):
        return DemoCall(DEMO_NUMBERS["em_dia"].number, key.split(":", 1)[1], "hostil")
    demo = DEMO_NUMBERS[key]
    named = {c.number: c.name for c in demo_calls()}
    return DemoCall(demo.number, named.get(demo.number, ""), demo.scenario)


async def wait_for(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.002)
    raise TimeoutError(what)


async def drive(ramal: Any, caller: DemoCaller, args: argparse.Namespace) -> dict[str, Any]:
    from desktop.ui.view_models import CallPhase, LineState

    shots = Path(args.shots) if args.shots else None
    report: dict[str, Any] = {"calls": []}
    shown: dict[str, float] = {}
    completed: dict[str, float] = {}
    ended: dict[str, str] = {}
    ramal.popup_shown.connect(lambda cid, _t: shown.setdefault(cid, time.time()))
    ramal.card_completed.connect(lambda cid, t: completed.setdefault(cid, t))
    ramal.call_ended.connect(lambda cid, outcome: ended.__setitem__(cid, outcome))
    await wait_for(lambda: ramal.tray.state is LineState.REGISTERED, 15, "registration")
    report["tray_tooltip"] = ramal.tray.icon.toolTip()
    report["tray_available"] = ramal.tray.available()
    keys = [k for k in args.calls.split(",") if k]

    async def one_call(n: int, key: str) -> None:
        call = scenario(key)
        before = set(ramal.invite_times)
        t_placed = time.time()
        caller.place(call, ring_s=30, talk_s=30)
        call_id = await wait_for(lambda: next(iter(set(ramal.invite_times) - before), None),
                                 15, f"INVITE for {key}")
        popup = await wait_for(lambda: ramal.popups.get(call_id), 5, "popup")
        await wait_for(lambda: popup.windowHandle() is not None
                       and popup.windowHandle().isExposed(), 5, "popup exposed")
        t_exposed = time.time()
        entry: dict[str, Any] = {"key": key, "call_id": call_id,
                                 "invite_at": ramal.invite_times[call_id],
                                 "placed_at": t_placed, "popup_exposed_at": t_exposed}
        if popup.call.kind.value == "external":
            await wait_for(lambda: call_id in completed, 20, "card complete")
            entry["card_complete_at"] = completed[call_id]
        await asyncio.sleep(0.05)
        entry.update(page=popup.page(), lookup=popup.lookup_label.text(),
                     number=popup.number_label.text(), display=popup.display_label.text(),
                     customer=popup.card.name_label.text() if popup.page() == 1 else "",
                     picks=popup.pick.customer_ids(),
                     badges=[b.text() for b in popup.card.badge_box.findChildren(BadgeLabel)])
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            name = f"popup_{key.split(':')[0]}.png"
            popup.grab().save(str(shots / name))
            screen = QApplication.primaryScreen()
            screen.grabWindow(0).save(str(shots / f"screen_{key.split(':')[0]}.png"))
            entry["shot"] = name
        if args.answer_first and n == 0:
            popup.answer_button.click()
            await wait_for(lambda: ramal.calls.get(call_id) is not None
                           and ramal.calls[call_id].phase is CallPhase.CONNECTED, 10, "answered")
            entry["answered"] = True
            if shots is not None:
                ramal.window.show()
                await asyncio.sleep(0.2)
                ramal.window.grab().save(str(shots / "main_window_in_call.png"))
            popup.hangup_button.click()
        elif popup.decline_button.isVisible():
            popup.decline_button.click()
        await wait_for(lambda: call_id in ended, 10, "call ended")
        entry["outcome"] = ended[call_id]
        report["calls"].append(entry)
        if call_id in ramal.popups:
            ramal.popups[call_id].close()
        await asyncio.sleep(0.1)

    for n, key in enumerate(keys * args.repeat):
        await one_call(n, key)
    ramal.refresh_history()
    report["history_rows"] = ramal.window.history.model.rowCount()
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", default="bloqueio_automatico")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--shots", default="")
    parser.add_argument("--answer-first", action="store_true")
    args = parser.parse_args()

    import qasync

    from desktop.app import RamalApp, build_services, softphone_engine_factory
    from desktop.demo_pbx import DemoRegistrar
    from desktop.settings_file import MemorySecretStore
    from desktop.simulators.ixc import start_simulator

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    simulator = start_simulator(latency_ms=args.latency_ms)
    pbx = DemoRegistrar().start()
    port = free_udp_port()
    settings = demo_settings(simulator.url, simulator.token, pbx.port, port)
    caller = DemoCaller(pbx.port, f"sip:1000@127.0.0.1:{port}")
    folder = tempfile.TemporaryDirectory(prefix="ramal-harness-")
    ixc, history, closers = build_services(settings, Path(folder.name) / "h.sqlite3")
    ramal = RamalApp(settings, softphone_engine_factory(settings, app), ixc=ixc, history=history,
                     secret_store=MemorySecretStore(), config_path=Path(folder.name) / "r.toml")
    result: dict[str, Any] = {}
    try:
        ramal.start(show_window=False)
        with loop:
            result = loop.run_until_complete(asyncio.wait_for(drive(ramal, caller, args), 240))
            ramal.shutdown()
            for close in closers:
                maybe = close()
                if asyncio.iscoroutine(maybe):
                    loop.run_until_complete(maybe)
    except Exception as exc:
        result = {"error": f"{type(exc).__name__}: {exc}"}
        ramal.shutdown()
    finally:
        caller.stop()
        pbx.close()
        simulator.stop()
        folder.cleanup()
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    sys.stderr.flush()
    # Everything is closed; skip the interpreter's final GC, where pjsua2's SWIG wrappers were
    # seen to abort ("bool_dealloc") after several calls (reported to the SIP engine's owner).
    os._exit(0 if "error" not in result else 1)


if __name__ == "__main__":
    sys.exit(main())
