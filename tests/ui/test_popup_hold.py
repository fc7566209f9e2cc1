"""The ring popup is built before the call and shown once the lookup's requests have left.

Before, the popup was built (~8 ms) and painted before the lookup's task ran, so the IXC requests
left ~28 ms after the INVITE and the card came 1.5 request latencies after the popup. Now a spare
popup waits ready (desk/popup_supply.py), the lookup runs first and the popup shows when its
request wave is on the wire (at most POPUP_HOLD_MS later), and the call's history row and panel
line follow a moment later. Against the IXC simulator over sockets, a slow one (300 ms) so the
order is plain.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.desk.call_desk import POPUP_HOLD_S
from desktop.ixc.errors import IxcUnreachableError
from desktop.ixc.models import CustomerRecord, LookupResult
from desktop.sip.events import CallEnded, IncomingCall
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import until

PHONE = DEMO_NUMBERS["em_dia"].number


def ring(ramal: DeskUnderTest, call_id: str, number: str = PHONE) -> None:
    ramal.handle_event(IncomingCall(call_id, number, "MARIA", False, False, f"<sip:{number}@x>"))


async def test_the_popup_shows_once_the_lookups_requests_have_left(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    await until(lambda: ramal.ixc.index.last_update is not None)
    await ramal.ixc.idle()
    supply = ramal.call_desk.popup_supply
    qtbot.waitUntil(lambda: supply.spare is not None)   # a Qt timer: built when Qt is idle
    spare = supply.spare
    assert spare is not None and not spare.isVisible()        # built while the desk was idle
    backends.ixc.set_faults(latency_ms=300)
    client = ramal.ixc.client
    before = client.request_count
    at_show: list[tuple[int, bool, Any]] = []
    ramal.popup_shown.connect(lambda cid, _t: at_show.append(
        (client.request_count - before, cid in ramal.lookups, ramal.popups[cid].card.record)))
    ring(ramal, "h1")
    popup = ramal.popups["h1"]
    assert popup is spare                                        # the spare, bound to the call
    assert popup.number_label.text() and "MARIA" in popup.display_label.text()
    assert not popup.isVisible() and at_show == []               # held: IXC goes first
    await until(lambda: popup.isVisible())
    # shown with the whole wave (the customer and five sections) on the wire, no answer yet
    # (the count is the client's: a background request of the desk may be among them)
    [(started, looking_up, record)] = at_show
    assert started >= 6 and looking_up and record is None
    await until(lambda: popup.card.record is not None and popup.card.record.complete)
    assert len(at_show) == 1                                     # shown once
    # the next call gets a fresh popup, built afterwards
    qtbot.waitUntil(lambda: supply.spare is not None)
    assert supply.spare is not popup


class _Stuck:
    """A lookup that never gets a request out (e.g. every IXC connection busy)."""

    def __init__(self) -> None:
        self.release = asyncio.Event()

    async def lookup(self, number: str,
                     on_update: Callable[[CustomerRecord], None] | None = None) -> LookupResult:
        await self.release.wait()
        return LookupResult(number)


async def test_a_lookup_that_sends_nothing_holds_the_popup_no_longer_than_the_cap(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _backends = desk
    stuck = _Stuck()
    ramal.call_desk.ixc = lambda: stuck  # type: ignore[assignment,return-value]
    ring(ramal, "h2")
    popup = ramal.popups["h2"]
    assert not popup.isVisible() and POPUP_HOLD_S <= 0.05
    await until(lambda: popup.isVisible())
    assert "h2" in ramal.lookups                                  # shown by the cap
    stuck.release.set()
    await until(lambda: "h2" not in ramal.lookups)


class _Unreachable:
    async def lookup(self, number: str,
                     on_update: Callable[[CustomerRecord], None] | None = None) -> LookupResult:
        raise IxcUnreachableError("https://ixc.example", "recusada")


async def test_a_lookup_that_fails_at_once_shows_the_popup_with_the_reason(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _backends = desk
    ramal.call_desk.ixc = lambda: _Unreachable()  # type: ignore[assignment,return-value]
    ring(ramal, "h3")
    popup = ramal.popups["h3"]
    await until(lambda: popup.isVisible() and "h3" not in ramal.lookups)
    assert "recusada" in popup.lookup_label.text() or "recusada" in popup.message.text()


async def test_a_call_that_ends_while_its_row_waits_is_still_in_the_history(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _backends = desk
    assert ramal.history is not None
    ring(ramal, "h4")
    # the caller gave up at once: the row queued a moment ago is written before the end
    ramal.handle_event(CallEnded("h4", "missed", 0, 487, "Request Terminated"))
    record = ramal.history.by_key("h4")
    assert record is not None and record.outcome is not None
    assert record.outcome.value == "missed"
    # one left ringing: its row comes on its own, and its line in the calls panel
    ring(ramal, "h5")
    assert ramal.history.by_key("h5") is None
    await until(lambda: ramal.history.by_key("h5") is not None)
    await until(lambda: "h5" in ramal.window.calls.rows)


async def test_a_call_that_stops_ringing_while_its_popup_is_held_never_shows_it(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _backends = desk
    stuck = _Stuck()
    ramal.call_desk.ixc = lambda: stuck  # type: ignore[assignment,return-value]
    ring(ramal, "h6")
    popup = ramal.popups["h6"]
    ramal.handle_event(CallEnded("h6", "missed", 0, 487, "Request Terminated"))
    assert "h6" not in ramal.popups and "h6" not in ramal.lookups
    await asyncio.sleep(POPUP_HOLD_S * 4)                        # past the cap
    assert not popup.isVisible()
