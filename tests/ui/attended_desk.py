"""The desk (offscreen) with the REAL SipEngine doing an attended transfer, in its own process
(pjsua2 allows one endpoint per process): extension 101 on the given registrar dials the
customer, consults the sector from the call panel's "Consultar antes (assistida)" menu and
presses "Completar transferência". Prints one ``RESULT {json}`` line with what the desk showed.
Used by tests/ui/test_attended_transfer_sip.py.

    python tests/ui/attended_desk.py --port 5060 --customer 102 --sector 103
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ui.real_engine_desk import run_desk, wait_for  # noqa: E402


async def drive(ramal: Any, states: list[Any], *, args: argparse.Namespace) -> dict[str, Any]:
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

    from desktop.settings.model import Sector

    return run_desk(args.port, functools.partial(drive, args=args),
                    sectors=(Sector(name="Financeiro", transfer_to=args.sector),))


if __name__ == "__main__":
    sys.exit(main())
