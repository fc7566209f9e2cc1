"""A network change the desktop notices reaches the PBX as a new REGISTER within seconds (over
UDP the PBX would otherwise keep the old address until the refresh, 300 s by default), and a
burst of changes re-registers once. The watcher's inputs are driven directly: no real interface
is toggled, the engine and Kamailio are real."""

from __future__ import annotations

import time
from typing import Any

from conftest import EventLog
from PySide6.QtNetwork import QNetworkInformation
from pytestqt.qtbot import QtBot
from sip_testbed import Pbx

from desktop.app.network_watch import NetworkWatch

DEBOUNCE_MS = 300
# generous against a loaded machine, tiny against the 300 s registration refresh
REREGISTER_DEADLINE_MS = 10_000
OK = "REGISTER-OK to=101"
Reachability = QNetworkInformation.Reachability


def settled(pbx: Pbx, qtbot: QtBot, quiet_s: float = 1.5) -> int:
    """The count of successful REGISTERs once nothing new arrived for ``quiet_s`` (each
    re-register is an un-REGISTER of the old contact and a REGISTER of the new one)."""
    count, since = pbx.count(OK), time.monotonic()
    while time.monotonic() - since < quiet_s:
        qtbot.wait(100)
        now = pbx.count(OK)
        if now != count:
            count, since = now, time.monotonic()
    return count


def test_a_reachability_change_reregisters_within_seconds(
        phone: tuple[Any, EventLog], pbx: Pbx, qtbot: QtBot) -> None:
    engine, _ = phone
    watch = NetworkWatch(engine.network_changed, debounce_ms=DEBOUNCE_MS)
    before = settled(pbx, qtbot)
    watch.on_reachability_changed(Reachability.Online)
    qtbot.waitUntil(lambda: pbx.count(OK) > before, timeout=REREGISTER_DEADLINE_MS)
    assert engine.running


def test_a_burst_of_changes_reregisters_once(
        phone: tuple[Any, EventLog], pbx: Pbx, qtbot: QtBot) -> None:
    engine, _ = phone
    calls: list[float] = []

    def network_changed() -> None:
        calls.append(time.monotonic())
        engine.network_changed()

    watch = NetworkWatch(network_changed, debounce_ms=DEBOUNCE_MS)
    # what one change costs at the PBX
    start = settled(pbx, qtbot)
    watch.on_prepare_for_sleep(False)
    qtbot.waitUntil(lambda: pbx.count(OK) > start, timeout=REREGISTER_DEADLINE_MS)
    one = settled(pbx, qtbot) - start
    # Wi-Fi drops, comes back on another medium, the VPN comes up, the PC wakes: one burst
    watch.on_reachability_changed(Reachability.Disconnected)
    watch.on_transport_medium_changed(QNetworkInformation.TransportMedium.WiFi)
    watch.on_reachability_changed(Reachability.Online)
    watch.report("vpn")
    watch.on_prepare_for_sleep(False)
    before = pbx.count(OK)
    qtbot.waitUntil(lambda: pbx.count(OK) > before, timeout=REREGISTER_DEADLINE_MS)
    assert settled(pbx, qtbot) - before == one
    assert len(calls) == 2
    assert engine.running
