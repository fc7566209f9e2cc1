"""Drives the real desk end to end, in its own process, on whatever display ``DISPLAY`` names.

The demo's backends (IXC, Discord and OPA simulators, the demo registrar) and the demo caller
(real SIP over loopback) feed the real app (real SipEngine, IxcService, history store,
attendance service and outbox worker, popup, dialogs, tray); the script places calls, waits for
the popup and the complete card, presses the popup's buttons, and with ``--attendance`` logs a
call in IXC, forwards one to Discord/OPA and transfers one to a sector. It saves screenshots and
prints one JSON object with what it saw and how long each step took. Used by
tests/ui/test_desk_xvfb.py and bench/ui_popup.py (pjsua2 allows one endpoint per process, so
neither runs it in-process).

    python tests/ui/desk_harness.py --calls bloqueio_automatico,familia --shots DIR

It always ends through the interpreter's normal finalisation, like the real app: a crash at
exit (an abort in a binding's final GC, a hang in a thread that outlives the loop) shows up as
the process's exit code, which tests/ui/test_desk_xvfb.py checks.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.demo.desk_demo import (  # noqa: E402
    DemoBackends,
    DemoCall,
    DemoCaller,
    demo_calls,
    free_udp_port,
)
from desktop.ui.text_widgets import BadgeLabel  # noqa: E402


def scenario(key: str) -> DemoCall:
    from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS

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


def ixc_log(ramal: Any, backends: DemoBackends) -> list[tuple[str, float]]:
    """(table, time.monotonic()) of every IXC request so far, from whichever simulator the
    desk talks to (in this process, or its own with ``--ixc-process``)."""
    url = ramal.settings.ixc.url
    if url == backends.ixc.url:
        return [(r.table, r.at) for r in backends.ixc.requests]
    import httpx

    reply = httpx.get(f"{url}/_sim/log", timeout=5)
    return [(e["table"], e["at"]) for e in reply.json()["requests"]]


async def drive(ramal: Any, caller: DemoCaller, backends: DemoBackends,
                args: argparse.Namespace) -> dict[str, Any]:
    from desktop.ui.view_models import CallPhase, LineState

    shots = Path(args.shots) if args.shots else None
    report: dict[str, Any] = {"calls": []}
    shown: dict[str, float] = {}
    completed: dict[str, float] = {}
    ended: dict[str, str] = {}
    ramal.popup_shown.connect(lambda cid, _t: shown.setdefault(cid, time.time()))
    ramal.card_completed.connect(lambda cid, t: completed.setdefault(cid, t))
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
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
            # when each IXC request of this call reached the simulator, on the INVITE's clock
            # (the simulator stamps time.monotonic()): bench/ui_popup.py counts the waves
            offset = time.time() - time.monotonic()
            entry["ixc_requests"] = [
                [table, at + offset] for table, at in ixc_log(ramal, backends)
                if entry["invite_at"] - 0.01 <= at + offset <= completed[call_id]]
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
        if key == "desconhecido" and n < len(keys):
            # no match: the agent types a name in the popup's search box and picks a result
            popup.search.query.setText("maria silva")
            popup.search.button.click()
            await wait_for(lambda: popup.search.results.customer_ids(), 15, "search results")
            if shots is not None:
                popup.grab().save(str(shots / "popup_busca_resultados.png"))
            popup.search.results.customer_chosen.emit(popup.search.results.customer_ids()[0])
            await wait_for(lambda: popup.card.record is not None and popup.card.record.complete
                           and f"record:{call_id}" not in ramal.searches, 15, "chosen record")
            await asyncio.sleep(0.05)
            entry["searched"] = popup.card.name_label.text()
            entry["searched_label"] = popup.lookup_label.text()
            if shots is not None:
                popup.grab().save(str(shots / "popup_busca_escolhido.png"))
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
    if args.attendance:
        report["attendance"] = await attendance_flow(ramal, caller, backends, shots, ended)
    ramal.refresh_history()
    report["history_rows"] = ramal.window.history.model.rowCount()
    report["tray_tooltip_end"] = ramal.tray.icon.toolTip()
    return report


async def attendance_flow(ramal: Any, caller: DemoCaller, backends: DemoBackends,
                          shots: Path | None, ended: dict[str, str]) -> dict[str, Any]:
    """Log a call in IXC (dialog opened by the app when the call ends), forward it to Discord
    and OPA from the history, then forward a live call with a transfer to a sector."""
    from desktop.store.outbox import OutboxState
    from desktop.ui.view_models import CallPhase

    out: dict[str, Any] = {}

    async def answered_call(key: str) -> tuple[str, Any]:
        before = set(ramal.invite_times)
        caller.place(scenario(key), ring_s=30, talk_s=60)
        call_id = await wait_for(lambda: next(iter(set(ramal.invite_times) - before), None),
                                 15, f"INVITE for {key}")
        popup = await wait_for(lambda: ramal.popups.get(call_id), 5, "popup")
        await wait_for(lambda: popup.card.record is not None and call_id not in ramal.lookups,
                       20, "card complete")
        popup.answer_button.click()
        await wait_for(lambda: ramal.calls.get(call_id) is not None
                       and ramal.calls[call_id].phase is CallPhase.CONNECTED, 10, "answered")
        await wait_for(lambda: popup.log_button.isEnabled(), 5, "log button enabled")
        return call_id, popup

    # 1. talk, hang up: the log dialog opens by itself; fill it in and register
    call_id, popup = await answered_call("bloqueio_automatico")
    out["buttons_enabled_in_call"] = popup.log_button.isEnabled() and \
        popup.forward_button.isEnabled()
    if shots is not None:
        popup.grab().save(str(shots / "popup_in_call.png"))
    # the agent opens the card's Financeiro tab during the call (a real click on the tab bar)
    from desktop.ixc.models import Section
    from desktop.ui.customer_card import TAB_SECTIONS

    bar = popup.card.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.tabRect(TAB_SECTIONS.index(Section.INVOICES)).center())
    out["sections_opened"] = sorted(s.value for s in popup.opened_sections())
    await asyncio.sleep(2.2)   # a short conversation: the history and the ticket show its length
    popup.hangup_button.click()
    await wait_for(lambda: call_id in ended, 10, "call ended")
    dialog = await wait_for(lambda: ramal.log_dialogs.get(call_id), 5, "log dialog opened")
    await wait_for(lambda: dialog.windowHandle() is not None
                   and dialog.windowHandle().isExposed(), 5, "log dialog exposed")
    out["log_prefilled"] = {
        "sections": dialog.sections_label.text(),
        "customer": dialog.customer.name if dialog.customer else "",
        "contract": dialog.contract_combo.currentData(),
        "sector": dialog.sector_combo.currentData(),
        "register_enabled_before": dialog.register_button.isEnabled(),
    }
    dialog.subject_search.setText("conexao")
    await wait_for(lambda: dialog.subject_list.count() > 0, 10, "subjects cached")
    dialog.subject_list.setCurrentRow(0)
    if dialog.login_combo.count() > 1 and not dialog.login_combo.currentData():
        dialog.login_combo.setCurrentIndex(1)
    dialog.description.setPlainText("Cliente sem conexão: bloqueio por atraso; orientado a "
                                    "pagar a fatura e pedir o desbloqueio em confiança.")
    dialog.solved_box.setChecked(True)
    await asyncio.sleep(0.1)
    out["log_problems"] = dialog.problems()
    if shots is not None:
        dialog.grab().save(str(shots / "attendance_dialog_filled.png"))
    dialog.register_button.click()
    await wait_for(lambda: dialog.state_label.text() == "enviado", 20, "ticket sent")
    await asyncio.sleep(0.1)
    out["protocol"] = dialog.sent_protocol
    out["result_text"] = dialog.result_label.text()
    out["copy_value"] = dialog.copy_button.value
    tickets = [t for t in backends.ixc.tables["su_ticket"]
               if "[ramal atendimento-" in t.get("menssagem", "")]
    out["ixc_tickets"] = [{k: t.get(k, "") for k in (
        "protocolo", "id_cliente", "id_assunto", "id_ticket_setor", "id_contrato", "id_login",
        "su_status")} | {"call_in_text": "(11) 98123-4567" in t["menssagem"],
                         "sections_in_text": "financeiro" in t["menssagem"]}
        for t in tickets]
    out["ixc_ticket_posts"] = [
        {"finalizar_atendimento": r.body.get("finalizar_atendimento", "")}
        for r in backends.ixc.requests
        if r.table == "su_ticket" and not r.listing and r.method == "POST"]
    out["log_duration_text"] = [w.text() for w in dialog.findChildren(type(dialog.result_label))
                                if w.text().count(":") == 1 and len(w.text()) <= 5]
    if shots is not None:
        dialog.grab().save(str(shots / "attendance_dialog_sent.png"))
    dialog.close()
    if call_id in ramal.popups:
        ramal.popups[call_id].close()
    ramal.refresh_history()
    out["logged_in_history"] = any(e.logged and e.history_id == ramal.history_ids[call_id]
                                   for e in ramal.window.history.model.entries)

    # 2. from the history row: "Encaminhar" the logged call's case to Discord + OPA
    history = ramal.window.history
    assert history.select_history_id(ramal.history_ids[call_id])
    out["history_log_enabled_for_logged"] = history.log_button.isEnabled()
    before_dialogs = set(ramal.attendance.dialogs)
    history.forward_button.click()
    fwd = await wait_for(lambda: next(iter(set(ramal.attendance.dialogs) - before_dialogs),
                                      None), 5, "forward dialog")
    fwd.choose_sector("Suporte Técnico")
    fwd.note_edit.setPlainText("Cliente pede retorno do técnico amanhã cedo. @everyone")
    out["forward_transfer_enabled_after_call"] = fwd.transfer_box.isEnabled()
    await asyncio.sleep(0.1)
    if shots is not None:
        fwd.grab().save(str(shots / "forward_dialog_filled.png"))
    fwd.forward_button.click()
    await wait_for(lambda: fwd.item_rows and all(
        r.item.state is OutboxState.SENT for r in fwd.item_rows.values()), 20, "forward sent")
    await asyncio.sleep(0.1)
    out["forward_kinds"] = sorted(r.item.kind for r in fwd.item_rows.values())
    out["forward_limitations"] = fwd.limitations_label.text()
    webhook = ramal.settings.sector("Suporte Técnico").discord_webhook
    messages = backends.discord.messages(webhook)
    out["discord"] = [{"title": m.payload["embeds"][0]["title"],
                       "pinged_everyone": m.pinged_everyone} for m in messages]
    opa_dept = backends.forwarding.departments["Suporte Técnico"]
    out["opa_notifications"] = len(backends.opa.notifications())
    out["opa_observations"] = sum(
        len(a.get("observacoes", [])) for a in backends.opa._state.attendances
        if a.get("setor") == opa_dept)
    if shots is not None:
        fwd.grab().save(str(shots / "forward_dialog_sent.png"))
    fwd.close()

    # 3. a live call: "Encaminhar" from the popup with a transfer to the sector's extension
    call_id, popup = await answered_call("em_dia")
    before_dialogs = set(ramal.attendance.dialogs)
    popup.forward_button.click()
    live = await wait_for(lambda: next(iter(set(ramal.attendance.dialogs) - before_dialogs),
                                       None), 5, "forward dialog (live)")
    live.choose_sector("Suporte Técnico")
    live.transfer_box.setChecked(True)
    live.note_edit.setPlainText("Transferido ao suporte: ONU com LOS vermelho.")
    if shots is not None:
        live.grab().save(str(shots / "forward_dialog_transfer.png"))
    live.forward_button.click()
    await wait_for(lambda: call_id in ended, 20, "transferred call ended")
    out["transfer_outcome"] = ended[call_id]
    out["pbx_answered"] = list(backends.pbx.answered)
    out["transfer_notice"] = ramal.window.statusBar().currentMessage()
    await wait_for(lambda: live.item_rows and all(
        r.item.state is OutboxState.SENT for r in live.item_rows.values()), 20, "live sent")
    out["live_result"] = live.result_label.text()
    live.close()
    # the app asked for this call's attendance too; the agent closes it without logging
    auto = await wait_for(lambda: ramal.log_dialogs.get(call_id), 5, "second log dialog")
    auto.close()
    await asyncio.sleep(0.1)
    out["not_logged"] = ramal.not_logged
    if call_id in ramal.popups:
        ramal.popups[call_id].close()

    out["history_customers_before_refresh"] = [e.customer_name for e in
                                                ramal.window.history.model.entries]
    # the outbox tab: everything "enviado"
    view = ramal.outbox_view
    ramal.window.tabs.setCurrentWidget(view)
    ramal.window.show()
    await asyncio.sleep(0.3)
    out["outbox_states"] = sorted({r.state_label.text() for r in view.rows.values()})
    out["outbox_rows"] = len(view.rows)
    if shots is not None:
        ramal.window.grab().save(str(shots / "main_window_outbox.png"))
        ramal.window.tabs.setCurrentIndex(1)
        await asyncio.sleep(0.2)
        ramal.window.grab().save(str(shots / "main_window_history.png"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", default="bloqueio_automatico")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--shots", default="")
    parser.add_argument("--answer-first", action="store_true")
    parser.add_argument("--ixc-process", action="store_true",
                        help="the IXC simulator in its own process (as a real, remote IXC: its "
                             "threads do not compete with the desk for the GIL)")
    parser.add_argument("--attendance", action="store_true",
                        help="log a call in IXC, forward to Discord/OPA, transfer to a sector")
    args = parser.parse_args()

    import qasync

    from desktop.app.services import build_services, engine_factory_for
    from desktop.audio.desk_audio import DeskAudio
    from desktop.settings.toml_file import MemorySecretStore
    from tests.ui.desk_under_test import DeskUnderTest

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    backends = DemoBackends.start(ixc_latency_ms=args.latency_ms)
    port = free_udp_port()
    settings = backends.settings(port)
    ixc_process = None
    if args.ixc_process:
        import dataclasses
        import subprocess

        ixc_process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "simulate-ixc", "--port", "0",
             "--latency-ms", str(args.latency_ms)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        assert ixc_process.stdout is not None
        url = ixc_process.stdout.readline().split(" em ", 1)[1].split(" ", 1)[0]
        settings = dataclasses.replace(settings, ixc=dataclasses.replace(settings.ixc, url=url))
    caller = DemoCaller(settings.sip.port, f"sip:1000@127.0.0.1:{port}")
    folder = tempfile.TemporaryDirectory(prefix="ramal-harness-")
    services = build_services(settings, Path(folder.name) / "h.sqlite3")
    audio = DeskAudio.build(settings, parent=app)
    ramal = DeskUnderTest(settings, engine_factory_for(audio), services=services,
                          secret_store=MemorySecretStore(),
                          config_path=Path(folder.name) / "r.toml", audio=audio)
    result: dict[str, Any] = {}
    try:
        ramal.start(show_window=False)
        with loop:
            result = loop.run_until_complete(
                asyncio.wait_for(drive(ramal, caller, backends, args), 240))
            # the app's own quit path (run_app does the same)
            ramal.shutdown()
            loop.run_until_complete(ramal.finish_commands())
            for close in services.closers:
                maybe = close()
                if asyncio.iscoroutine(maybe):
                    loop.run_until_complete(maybe)
    except Exception as exc:
        result = {"error": f"{type(exc).__name__}: {exc}"}
        ramal.shutdown()
    finally:
        caller.stop()
        backends.stop()
        if ixc_process is not None:
            ixc_process.terminate()
            ixc_process.wait(timeout=10)
        folder.cleanup()
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
