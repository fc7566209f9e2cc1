"""The desk (offscreen) with the REAL SipEngine logging in and out of the queues by dial code,
in its own process (pjsua2 allows one endpoint per process): extension 101 on the given
registrar presses "Entrar nas filas" (dials ``--login``), waits for the state the far end's
hang-up confirms, then "Sair das filas" (``--logout``). Prints one ``RESULT {json}`` line.
Used by tests/sip/test_sip_queue_login.py.

    python tests/sip/queue_desk.py --port 5060 --login '*62' --logout '*63'
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


async def drive(ramal: Any, states: list[Any]) -> dict[str, Any]:
    from desktop.threecx.queue_login import QueueState
    from desktop.ui.view_models import LineState

    notices: list[str] = []
    ramal.queues.notice.connect(notices.append)
    queue = ramal.window.queue_status
    seen: dict[str, Any] = {"available": not queue.isHidden()}
    await wait_for(lambda: LineState.REGISTERED in states, "registered")
    queue.login_button.click()
    seen["while_dialling"] = queue.label.text()
    await wait_for(lambda: ramal.queues.state is QueueState.LOGGED_IN, "logged in", 20)
    seen["after_login"] = queue.label.text()
    await wait_for(lambda: not ramal.calls, "login call ended")
    queue.logout_button.click()
    await wait_for(lambda: ramal.queues.state is QueueState.LOGGED_OUT, "logged out", 20)
    seen["after_logout"] = queue.label.text()
    seen["notices"] = notices
    return seen


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--logout", required=True)
    args = parser.parse_args()

    import qasync

    from desktop.app.services import sip_engine_factory
    from desktop.settings.model import Settings, SipSettings, ThreecxSettings
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
        # dial codes only: no XAPI, as on a desk without an Enterprise licence
        threecx=ThreecxSettings(queue_login_code=args.login, queue_logout_code=args.logout))
    ramal = DeskUnderTest(settings, sip_engine_factory, secret_store=MemorySecretStore(),
                          config_path=Path("/nonexistent/ramal.toml"))
    result: dict[str, Any] = {}
    try:
        # listen before starting: the engine may register before the event loop runs
        states: list[Any] = []
        ramal.call_desk.line_state_changed.connect(lambda state, _detail: states.append(state))
        ramal.start(show_window=False)
        with loop:
            result = loop.run_until_complete(asyncio.wait_for(drive(ramal, states), 60))
            ramal.shutdown()
    except Exception as exc:
        result = {"error": f"{type(exc).__name__}: {exc}"}
        ramal.shutdown()
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
