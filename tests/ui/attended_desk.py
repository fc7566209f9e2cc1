"""The desk (offscreen) with the REAL SipEngine doing an attended transfer, in its own process
(pjsua2 allows one endpoint per process): extension 101 on the given registrar dials the
customer, consults the sector from the call panel's "Consultar antes (assistida)" menu and
presses "Completar transferência". Prints one ``RESULT {json}`` line with what the desk showed.
Used by tests/ui/test_attended_transfer_sip.py.

    python tests/ui/attended_desk.py --port 5060 --customer 102 --sector 103
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402


async def wait_for(predicate: Callable[[], Any], what: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.01)
    raise TimeoutError(what)


async def drive(ramal: Any, args: argparse.Namespace, states: list[Any]) -> dict[str, Any]:
    from desktop.ui.view_models import CallPhase, LineState

    window = ramal.window
    await wait_for(lambda: LineState.REGISTERED in states, "registered")
    ramal.dial(args.customer)
    customer = await wait_for(lambda: next((c.call_id for c in ramal.calls.values()
                                            if c.phase is CallPhase.CONNECTED), None),
                              "customer answered")
    row = window.calls.rows[customer]
    [action] = [a for a in row.consult_menu.actions() if a.text().startswith("Financeiro")]
    action.trigger()
    consult = await wait_for(lambda: ramal.calls[customer].consulting, "consultation placed")
    await wait_for(lambda: ramal.calls.get(consult) is not None
                   and ramal.calls[consult].phase is CallPhase.CONNECTED, "sector answered")
    seen = {"customer_held": ramal.calls[customer].held,
            "consult_title": window.calls.rows[consult].title.text(),
            "complete_shown": not row.complete.isHidden()}
    row.complete.click()
    await wait_for(lambda: not ramal.calls, "both legs ended", 20)
    seen["status"] = window.statusBar().currentMessage()
    return seen


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--customer", default="102")
    parser.add_argument("--sector", default="103")
    args = parser.parse_args()

    import qasync

    from desktop.app.services import sip_engine_factory
    from desktop.settings.model import Sector, Settings, SipSettings
    from desktop.settings.toml_file import MemorySecretStore
    from tests.ui.desk_under_test import DeskUnderTest

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    settings = Settings(
        sip=SipSettings(server="127.0.0.1", port=args.port, extension="101", auth_id="101",
                        password="secret101", display_name="Agente 101",
                        bind_address="127.0.0.1", keepalive_s=0),
        sectors=(Sector(name="Financeiro", transfer_to=args.sector),))
    # no database, no IXC: the call desk and the engine only
    ramal = DeskUnderTest(settings, sip_engine_factory, secret_store=MemorySecretStore(),
                          config_path=Path("/nonexistent/ramal.toml"))
    result: dict[str, Any] = {}
    try:
        # listen before starting: the engine may register before the event loop runs
        states: list[Any] = []
        ramal.call_desk.line_state_changed.connect(lambda state, _detail: states.append(state))
        ramal.start(show_window=False)
        with loop:
            result = loop.run_until_complete(asyncio.wait_for(drive(ramal, args, states), 60))
            ramal.shutdown()
    except Exception as exc:
        result = {"error": f"{type(exc).__name__}: {exc}"}
        ramal.shutdown()
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
