"""Ring a demo number on a running desk and wait for its complete card (the card action tests)."""

from __future__ import annotations

from typing import Any

from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.sip.events import IncomingCall
from tests.ui.recording_engine import until


async def ring_for_card(ramal: Any, key: str, call_id: str) -> Any:
    """The card of a call from ``DEMO_NUMBERS[key]``, complete, every tab built."""
    number = DEMO_NUMBERS[key].number
    completed: list[str] = []
    ramal.card_completed.connect(lambda cid, _t: completed.append(cid))
    ramal.handle_event(IncomingCall(call_id, number, "X", False, False, f"<sip:{number}@x>"))
    await until(lambda: call_id in completed)
    card = ramal.popups[call_id].card
    card.ensure_built()   # the hidden tabs (their action buttons) are built after the visible one
    return card
