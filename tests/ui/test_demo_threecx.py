"""``ramal demo`` with 3CX: the demo's backends start the XAPI simulator, configure
``[threecx]`` (the key in the demo's memory keyring), seed past calls with their recordings, and
on the real desk (offscreen): the queue login/logout goes through XAPI, "Gravação" on a past
demo call and on a call that just ended plays its recording, "Meu desempenho" and the supervisor
view have figures. A fixed "now": the demo's clock is injected."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.services import build_services
from desktop.demo.desk_demo import DEMO_EXTENSION, DemoBackends
from desktop.demo.threecx_demo import record_demo_call
from desktop.performance.desk_figures import Period
from desktop.settings.model import secret_key_threecx
from desktop.sip.events import IncomingCall
from desktop.store.history import CallDirection, CallOutcome
from desktop.threecx.queue_login import QueueState
from desktop.ui.supervisor_view import SupervisorPeriod
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import RecordingEngine

SP = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 3, 6, 16, 30, tzinfo=SP)     # a Friday afternoon


async def _until(condition: Callable[[], object], timeout_s: float = 10.0) -> None:
    for _ in range(int(timeout_s / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met")


@pytest.fixture
async def demo(tmp_path: Path, qtbot: QtBot) -> AsyncIterator[tuple[DeskUnderTest, DemoBackends]]:
    backends = DemoBackends.start(with_threecx=True, now=NOW)
    settings = backends.settings(5999)
    database = tmp_path / "demo.sqlite3"
    backends.seed_history(database)
    services = build_services(settings, database)
    ramal = DeskUnderTest(settings, RecordingEngine, services=services,
                          secret_store=backends.secret_store(settings),
                          config_path=tmp_path / "ramal.toml")
    ramal.queues._now = lambda: NOW
    qtbot.addWidget(ramal.window)
    ramal.start(show_window=False)
    try:
        yield ramal, backends
    finally:
        ramal.shutdown()
        await ramal.finish_commands()
        for close in services.closers:
            result = close()
            if asyncio.iscoroutine(result):
                await result
        backends.stop()


async def _play(ramal: DeskUnderTest, row_id: int) -> int:
    """Press "Gravação" on the row; the id of the recording the player got."""
    recordings = ramal.recordings
    assert recordings is not None
    recordings.current = None
    notices: list[str] = []
    recordings.notice.connect(notices.append)
    ramal.recorder.refresh()
    assert ramal.window.history.select_history_id(row_id)
    ramal.window.history.recording_button.click()
    await _until(lambda: notices or recordings.current is not None)
    assert not notices
    assert recordings.current is not None and recordings.player is not None
    assert recordings.player.isVisible()
    return recordings.current[0].id


async def test_the_demo_configures_threecx_and_its_calls_have_recordings(
        demo: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = demo
    pbx = backends.threecx
    assert pbx is not None
    threecx = ramal.settings.threecx
    assert threecx.url == pbx.url and threecx.supervisor
    assert threecx.queue_login_code and threecx.queue_logout_code and threecx.shift_start
    # the key lives in the demo's memory keyring, as in a real desk's keyring
    store = ramal.settings_flow.secret_store
    assert store.values == {secret_key_threecx(threecx): threecx.client_secret}  # type: ignore[attr-defined]

    # the queues: logged out at start (read over XAPI), so the shift warning shows; in and out
    queue = ramal.window.queue_status
    await _until(lambda: ramal.queues.state is QueueState.LOGGED_OUT)
    assert queue.isVisibleTo(ramal.window) and queue.label.text() == "Filas: fora"
    queue.login_button.click()
    await _until(lambda: ramal.queues.state is QueueState.LOGGED_IN)
    assert pbx.user(DEMO_EXTENSION)["QueueStatus"] == "LoggedIn"
    queue.logout_button.click()
    await _until(lambda: ramal.queues.state is QueueState.LOGGED_OUT)
    assert pbx.user(DEMO_EXTENSION)["QueueStatus"] == "LoggedOut"

    # a past demo call with 3CX's summary: its recording, among its neighbours
    past = [c for c in backends.past_calls if c.answered_at is not None]
    noted = next(c for c in past if c.summary is not None)
    row = ramal.history.by_key(noted.key)
    assert row is not None
    await _play(ramal, row.id)
    recordings = ramal.recordings
    assert recordings is not None and recordings.current is not None
    assert recordings.current[0].start == noted.answered_at
    assert recordings.player is not None and recordings.player.summary.text()
    # the same customer twice in ten minutes: the second call gets the other recording
    first, again = (ramal.history.by_key(c.key) for c in past
                    if c.key.endswith(("-0", "-again")) and c.started_at.date()
                    == past[0].started_at.date())
    assert first is not None and again is not None and first.number == again.number
    assert await _play(ramal, first.id) != await _play(ramal, again.id)

    # a call placed during the demo: when it ends the simulator records it, like 3CX
    ramal.handle_event(IncomingCall("live", "+5511987654321", "MARIA", False, False,
                                    "<sip:+5511987654321@x>"))
    start = NOW + timedelta(minutes=1)
    live = ramal.history.record_start("demo-live", number="+5511987654321",
                                      direction=CallDirection.INBOUND, started_at=start,
                                      extension=DEMO_EXTENSION)
    ramal.history.record_answer(live.id, start + timedelta(seconds=4))
    ramal.history.record_end(live.id, start + timedelta(seconds=64), CallOutcome.COMPLETED)
    new_id = record_demo_call(pbx, ramal.history, live.id, DEMO_EXTENSION)
    assert new_id is not None
    assert await _play(ramal, live.id) == new_id
    for popup in list(ramal.popups.values()):
        popup.close()


async def test_the_demo_has_figures_in_both_views(
        demo: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, backends = demo
    # "Meu desempenho" this week, from the seeded history
    performance = ramal.performance
    assert performance is not None
    performance.now = lambda: NOW
    ramal.window.performance.period_box.setCurrentIndex(
        ramal.window.performance.period_box.findData(Period.WEEK.value))
    performance.refresh()
    figures = performance.figures
    assert figures is not None
    answered = [c for c in backends.past_calls if c.answered_at is not None]
    assert figures.answered == len(answered) > 0
    assert figures.missed > 0 and figures.logged > 0 and sum(figures.calls_per_hour) > 0
    assert figures.forwards_per_sector
    # the supervisor view: 3CX's queues and agents beside the tickets "Ramal" wrote in IXC
    supervisor = ramal.supervisor
    assert supervisor is not None
    supervisor.now = lambda: NOW
    view = supervisor._view
    view.period_box.setCurrentIndex(view.period_box.findData(SupervisorPeriod.WEEK.value))
    loaded = await supervisor.load()
    assert loaded is not None, supervisor.error
    assert len(loaded.queues) == 2 and all(q.received for q in loaded.queues)
    me = next(a for a in loaded.agents if a.extension == DEMO_EXTENSION)
    assert me.answered == len(answered)
    assert me.logged == sum(c.logged_after_s is not None for c in answered)
    assert sum(a.logged for a in loaded.agents) > me.logged
    assert view.agent_table.rowCount() == len(loaded.agents)
