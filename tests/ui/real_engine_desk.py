"""Run the desk (offscreen) with the REAL SipEngine in a process of its own (pjsua2 allows one
endpoint per process), drive it with a coroutine, and print one ``RESULT {json}`` line.

Shared by the driver scripts tests/ui/attended_desk.py and tests/sip/queue_desk.py: extension
101 with password ``secret101`` on the test registrar at 127.0.0.1:``port``.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

Drive = Callable[[Any, list[Any]], Awaitable[dict[str, Any]]]


async def wait_for(predicate: Callable[[], Any], what: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.01)
    raise TimeoutError(what)


def run_desk(port: int, drive: Drive, **settings: Any) -> int:
    """Start the desk as extension 101 with ``settings`` (extra Settings fields), run
    ``drive(ramal, line_states)`` for at most 60 s, print its result; exit code 0 or 1."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from desktop.app.services import sip_engine_factory
    from desktop.settings.model import Settings, SipSettings
    from desktop.settings.toml_file import MemorySecretStore
    from tests.ui.desk_under_test import DeskUnderTest

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    sip = SipSettings(server="127.0.0.1", port=port, extension="101", auth_id="101",
                      password="secret101", display_name="Agente 101",
                      bind_address="127.0.0.1", keepalive_s=0)
    # no database, no IXC: the call desk and the engine only
    ramal = DeskUnderTest(Settings(sip=sip, **settings), sip_engine_factory,
                          secret_store=MemorySecretStore(),
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
