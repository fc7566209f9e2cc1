"""3CX recordings on the real desk (offscreen): "Gravação" on a history row finds the call's
recording in the 3CX simulator among a near neighbour, plays it in Qt Multimedia (it loads and
reports its duration), saves it where the agent chose, and appends 3CX's summary and
transcription to the IXC ticket of the call's attendance, once."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.threecx import (
    CLIENT_ID,
    CLIENT_SECRET,
    ThreecxSimulator,
    start_threecx_simulator,
)
from desktop.demo.simulators.threecx_seed import recording_wav
from desktop.ixc.tickets import KIND as TICKET_KIND
from desktop.settings.model import ThreecxSettings
from desktop.store.history import CallDirection, CallOutcome

SP = ZoneInfo("America/Sao_Paulo")
START = datetime(2026, 3, 4, 9, 30, tzinfo=SP)
NUMBER = "+5511987654321"


@pytest.fixture
def pbx() -> Iterator[ThreecxSimulator]:
    sim = start_threecx_simulator(today=START.date(), zone=SP)
    try:
        yield sim
    finally:
        sim.stop()


async def _until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Wait on the asyncio loop (the desk's XAPI and outbox work runs there)."""
    for _ in range(int(timeout_s / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met")


def _use_xapi(ramal: RamalApp, pbx: ThreecxSimulator) -> None:
    xapi = ThreecxSettings(url=pbx.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    ramal.settings_source.replace(dataclasses.replace(ramal.settings, threecx=xapi))


def _call(ramal: RamalApp, key: str, offset_s: int, talk_s: int) -> int:
    extension = ramal.settings.sip.extension
    start = START + timedelta(seconds=offset_s)
    call = ramal.history.record_start(key, number=NUMBER, direction=CallDirection.INBOUND,
                                      started_at=start, extension=extension)
    ramal.history.record_answer(call.id, start + timedelta(seconds=3))
    ramal.history.record_end(call.id, start + timedelta(seconds=3 + talk_s),
                             CallOutcome.COMPLETED)
    return int(call.id)


async def test_history_row_plays_saves_and_notes_its_recording(
        desk: tuple[RamalApp, DemoBackends], pbx: ThreecxSimulator, qtbot: QtBot,
        tmp_path: Path) -> None:
    ramal, backends = desk
    assert ramal.recordings is not None and ramal.services is not None
    history_view = ramal.window.history
    assert history_view.recording_button.isHidden()      # no XAPI: no button
    _use_xapi(ramal, pbx)
    assert not history_view.recording_button.isHidden()
    extension = ramal.settings.sip.extension
    # the same customer twice in ten minutes: each row gets its own recording
    first = _call(ramal, "r1", 0, 2)
    second = _call(ramal, "r2", 420, 1)
    pbx.add_recording(extension=extension, remote="011987654321",
                      start=START + timedelta(seconds=4), seconds=2,
                      audio=recording_wav(seconds=2.0, hz=300))
    wanted = pbx.add_recording(extension=extension, remote=NUMBER,
                               start=START + timedelta(seconds=424), seconds=1,
                               summary="Cliente pediu a 2ª via do boleto.",
                               transcription="Agente: Ramal, boa tarde. Cliente: Quero a 2ª via.",
                               audio=recording_wav(seconds=1.0))
    # the second call was logged and its ticket is in IXC
    services = ramal.services
    attendance = services.attendances.add(
        created_at=START + timedelta(minutes=9), agent="Ana", customer_id="101",
        customer_name="Cliente", call_id=second)
    ticket = services.outbox.enqueue(idempotency_key="t-rec", kind=TICKET_KIND, target="ixc",
                                      payload={}, now=START, attendance_id=attendance.id)
    services.outbox.mark_sent(ticket.id, START, {"ticket_id": "1", "protocol": "AT1"})
    ramal.recorder.refresh()
    assert history_view.select_history_id(second)
    assert history_view.recording_button.isEnabled()
    notices: list[str] = []
    ramal.recordings.notice.connect(notices.append)
    history_view.recording_button.click()
    await _until(lambda: bool(notices) or (
        ramal.recordings is not None and ramal.recordings.player is not None
        and ramal.recordings.player.isVisible()))
    assert not notices
    player = ramal.recordings.player
    assert player is not None and ramal.recordings.current is not None
    assert ramal.recordings.current[0].id == wanted
    qtbot.waitUntil(lambda: player.player.duration() > 0, timeout=10_000)
    assert 900 <= player.player.duration() <= 1100
    assert player.player.mediaStatus() is not QMediaPlayer.MediaStatus.InvalidMedia
    assert "2ª via do boleto" in player.summary.text()
    assert "Quero a 2ª via" in player.transcription.toPlainText()
    # save: the file the agent chose, the same bytes
    target = tmp_path / "gravacao.wav"
    ramal.recordings.choose_file = lambda suggested: str(target)
    player.save_button.click()
    assert target.read_bytes() == recording_wav(seconds=1.0)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    # the summary reached the IXC ticket once, even after playing it again
    await _until(lambda: len(backends.ixc.tables["su_mensagens"]) == 1)
    await ramal.recordings.fetch(second)
    services.worker.notify()
    [message] = backends.ixc.tables["su_mensagens"]
    assert message["id_ticket"] == "1" and f"[ramal gravacao={wanted}]" in message["mensagem"]
    # the first call's recording is its own, without a note (no attendance)
    fetched = await ramal.recordings.fetch(first)
    assert fetched is not None and fetched[0].id != wanted
    assert len(backends.ixc.tables["su_mensagens"]) == 1


async def test_refused_key_is_said_in_portuguese(
        desk: tuple[RamalApp, DemoBackends], pbx: ThreecxSimulator) -> None:
    ramal, _ = desk
    assert ramal.recordings is not None
    xapi = ThreecxSettings(url=pbx.url, client_id=CLIENT_ID, client_secret="errada")
    ramal.settings_source.replace(dataclasses.replace(ramal.settings, threecx=xapi))
    call = _call(ramal, "r9", 0, 5)
    notices: list[str] = []
    ramal.recordings.notice.connect(notices.append)
    assert await ramal.recordings.fetch(call) is None
    assert notices and notices[0].startswith("Gravação: ")
    assert CLIENT_SECRET not in notices[0] and "errada" not in notices[0]
