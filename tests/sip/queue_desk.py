"""The desk (offscreen) with the REAL SipEngine logging in and out of the queues by dial code,
in its own process (pjsua2 allows one endpoint per process): extension 101 on the given
registrar presses "Entrar nas filas" (dials ``--login``), waits for the state the far end's
hang-up confirms, then "Sair das filas" (``--logout``). Prints one ``RESULT {json}`` line.
Used by tests/sip/test_sip_queue_login.py.

    python tests/sip/queue_desk.py --port 5060 --login '*62' --logout '*63'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ui.real_engine_desk import run_desk, wait_for  # noqa: E402


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

    from desktop.settings.model import ThreecxSettings

    # dial codes only: no XAPI, as on a desk without an Enterprise licence
    return run_desk(args.port, drive, threecx=ThreecxSettings(
        queue_login_code=args.login, queue_logout_code=args.logout))


if __name__ == "__main__":
    sys.exit(main())
