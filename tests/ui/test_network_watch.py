"""The desk re-registers after a network change or a resume (desktop/app/network_watch.py): the
watcher runs while the engine does, a reported change reaches the engine once per burst, and,
where logind cannot say the PC woke up, a jump of the (injected) clocks between two ticks does."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.app.network_watch import CLOCK_CHECK_MS, SLEEP_GAP_S, NetworkWatch
from desktop.demo.desk_demo import DemoBackends
from tests.ui.desk_under_test import DeskUnderTest

DEBOUNCE_MS = 200
GENEROUS_MS = 10_000


class FakeClock:
    """Seconds that move only when the test says (the watcher must not read the real time)."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


async def test_the_desk_tells_the_engine_when_the_network_changed(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    assert ramal.network_watch is not None
    engine = ramal.engine
    for _ in range(3):   # a burst
        ramal.network_watch.report("test")
    qtbot.waitUntil(lambda: ("network_changed", ()) in engine.commands,  # type: ignore[attr-defined]
                    timeout=GENEROUS_MS)
    qtbot.wait(2500)   # past the 2 s quiet period: the burst was one change
    assert engine.commands.count(("network_changed", ())) == 1  # type: ignore[attr-defined]


def _watch(calls: list[str], wall: FakeClock, mono: FakeClock) -> NetworkWatch:
    return NetworkWatch(lambda: calls.append("changed"), debounce_ms=DEBOUNCE_MS,
                        wall_clock=wall, monotonic=mono)


def test_a_wall_clock_jump_between_two_ticks_is_a_resume(qtbot: QtBot) -> None:
    # Linux: the monotonic clock stops while suspended, the wall clock does not
    calls: list[str] = []
    wall, mono = FakeClock(1_000_000.0), FakeClock(50.0)
    watch = _watch(calls, wall, mono)
    tick = CLOCK_CHECK_MS / 1000
    wall.now += tick
    mono.now += tick
    watch.check_clock()          # an ordinary tick
    qtbot.wait(DEBOUNCE_MS * 3)
    assert calls == []
    wall.now += tick + SLEEP_GAP_S + 3600    # an hour asleep
    mono.now += tick
    watch.check_clock()
    qtbot.waitUntil(lambda: calls == ["changed"], timeout=GENEROUS_MS)


def test_a_late_monotonic_tick_is_a_resume_too(qtbot: QtBot) -> None:
    # Windows: the monotonic clock runs on during sleep; the tick still comes far too late
    calls: list[str] = []
    wall, mono = FakeClock(1_000_000.0), FakeClock(50.0)
    watch = _watch(calls, wall, mono)
    mono.now += CLOCK_CHECK_MS / 1000 + SLEEP_GAP_S + 600
    wall.now += CLOCK_CHECK_MS / 1000 + SLEEP_GAP_S + 600
    watch.check_clock()
    qtbot.waitUntil(lambda: calls == ["changed"], timeout=GENEROUS_MS)


def test_a_wall_clock_set_back_is_not_a_resume(qtbot: QtBot) -> None:
    calls: list[str] = []
    wall, mono = FakeClock(1_000_000.0), FakeClock(50.0)
    watch = _watch(calls, wall, mono)
    wall.now -= 7200
    mono.now += CLOCK_CHECK_MS / 1000
    watch.check_clock()
    qtbot.wait(DEBOUNCE_MS * 3)
    assert calls == []


def test_going_to_sleep_does_nothing_waking_up_reregisters(qtbot: QtBot) -> None:
    calls: list[str] = []
    watch = _watch(calls, FakeClock(0.0), FakeClock(0.0))
    watch.on_prepare_for_sleep(True)
    qtbot.wait(DEBOUNCE_MS * 3)
    assert calls == []
    watch.on_prepare_for_sleep(False)
    qtbot.waitUntil(lambda: calls == ["changed"], timeout=GENEROUS_MS)


def test_the_watcher_starts_with_what_this_platform_offers_and_stops(qtbot: QtBot) -> None:
    calls: list[str] = []
    watch = _watch(calls, FakeClock(0.0), FakeClock(0.0))
    watch.start()
    # no system bus in a test sandbox: the clock detector stands in for logind
    assert "logind" in watch.sources or "clock" in watch.sources
    watch.stop()
    assert calls == []
