"""Tell the SIP engine when the PC changed network or woke up, so the PBX learns the new address.

Over UDP the PBX keeps sending to the address of the last REGISTER: after a Wi-Fi/VPN switch or a
resume from sleep, calls go nowhere until the next refresh (up to the registration's expiry). The
engine can re-register at once (``SipEngine.network_changed``); this watcher decides when:

- Qt's network information (``QNetworkInformation``: reachability or transport medium changed),
  when a backend loads on this platform;
- resume from sleep: logind's ``PrepareForSleep(false)`` on the system D-Bus (Linux), or, where
  there is no such bus, a timer that notices the wall clock jumped ahead of its own ticks (the
  machine was suspended between two of them).

Changes come in bursts (the interface goes down, a new address, the VPN comes up...): they are
debounced, and the engine hears of the burst once, after it settled.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import suppress

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)

DEBOUNCE_MS = 2000
CLOCK_CHECK_MS = 5000
# a tick later than this beyond its interval means the machine slept (timer slack is far less)
SLEEP_GAP_S = 10.0

_LOGIND = ("org.freedesktop.login1", "/org/freedesktop/login1",
           "org.freedesktop.login1.Manager", "PrepareForSleep")


class NetworkWatch(QObject):
    """Calls ``on_change`` once per settled burst of network changes or resumes."""

    def __init__(self, on_change: Callable[[], object], *, debounce_ms: int = DEBOUNCE_MS,
                 clock_check_ms: int = CLOCK_CHECK_MS,
                 wall_clock: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._settled)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(clock_check_ms)
        self._clock_timer.timeout.connect(self.check_clock)
        self._wall_clock = wall_clock
        self._monotonic = monotonic
        self._last_tick = (wall_clock(), monotonic())
        self.sources: list[str] = []   # what feeds the watcher here, for the diagnostics log

    def start(self) -> None:
        if self._watch_network_information():
            self.sources.append("QNetworkInformation")
        if self._watch_logind():
            self.sources.append("logind")
        else:
            self._last_tick = (self._wall_clock(), self._monotonic())
            self._clock_timer.start()
            self.sources.append("clock")
        log.info("network watch: %s", ", ".join(self.sources))

    def stop(self) -> None:
        self._debounce.stop()
        self._clock_timer.stop()
        info = QNetworkInformation.instance()
        if info is not None:   # the instance outlives us: a change after quit must not call in
            with suppress(RuntimeError, TypeError):   # never connected (no backend)
                info.reachabilityChanged.disconnect(self.on_reachability_changed)
            with suppress(RuntimeError, TypeError):
                info.transportMediumChanged.disconnect(self.on_transport_medium_changed)

    # --- inputs (Qt signals; tests drive them directly) --------------------------------------

    @Slot(QNetworkInformation.Reachability)
    def on_reachability_changed(self, reachability: QNetworkInformation.Reachability) -> None:
        # going offline needs no re-register (it would fail): coming back is the next change
        if reachability != QNetworkInformation.Reachability.Disconnected:
            self.report("reachability")

    @Slot(QNetworkInformation.TransportMedium)
    def on_transport_medium_changed(self, _medium: QNetworkInformation.TransportMedium) -> None:
        self.report("transport")

    @Slot(bool)
    def on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if not going_to_sleep:
            self.report("resume")

    @Slot()
    def check_clock(self) -> None:
        """Without logind: a tick that comes much later than its interval, by the wall clock or
        by the monotonic one (which stops during suspend on Linux, runs on under Windows), means
        the machine slept in between."""
        wall, mono = self._wall_clock(), self._monotonic()
        last_wall, last_mono = self._last_tick
        self._last_tick = (wall, mono)
        elapsed = max(wall - last_wall, mono - last_mono)
        if elapsed - self._clock_timer.interval() / 1000 > SLEEP_GAP_S:
            self.report("resume (clock jump)")

    def report(self, reason: str) -> None:
        """A change happened: (re)start the quiet period; the engine hears of it once."""
        log.info("network change: %s", reason)
        self._debounce.start()

    # --- wiring ------------------------------------------------------------------------------

    def _settled(self) -> None:
        try:
            self._on_change()
        except Exception:   # the watcher must outlive a failed re-register
            log.exception("network change handler failed")

    def _watch_network_information(self) -> bool:
        if QNetworkInformation.instance() is None and not QNetworkInformation.loadDefaultBackend():
            return False   # no backend on this platform: resume detection still works
        info = QNetworkInformation.instance()
        if info is None:
            return False
        info.reachabilityChanged.connect(self.on_reachability_changed)
        info.transportMediumChanged.connect(self.on_transport_medium_changed)
        return True

    def _watch_logind(self) -> bool:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:   # Qt built without D-Bus (Windows)
            return False
        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            return False
        return bool(bus.connect(*_LOGIND, "b", self, b"1on_prepare_for_sleep(bool)"))
