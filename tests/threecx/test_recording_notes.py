"""3CX's summary and transcription appended to the IXC ticket as a follow-up (``su_mensagens``),
through the outbox, exactly once; and the recordings of history calls found over XAPI.
Real simulators over sockets: IXC for the message, 3CX for the recordings."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.demo.simulators.threecx import ThreecxSimulator
from desktop.forward.outbox_worker import OutboxWorker
from desktop.forward.recording_note import (
    KIND,
    RecordingNoteDelivery,
    attendance_ticket_id,
    enqueue_recording_note,
)
from desktop.ixc.client import IxcClient
from desktop.ixc.ticket_messages import IxcTicketMessages, RecordingNote, note_text
from desktop.ixc.tickets import KIND as TICKET_KIND
from desktop.retry.backoff import Backoff
from desktop.store.database import open_database
from desktop.store.history import CallDirection, CallHistory, CallOutcome
from desktop.store.outbox import Outbox, OutboxState
from desktop.threecx.call_recordings import find_recordings, recording_note
from desktop.threecx.client import XapiClient
from tests.threecx.xapi_support import SP, TODAY

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=SP)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "ramal.sqlite3")
    try:
        yield database
    finally:
        database.conn.close()


@pytest.fixture
async def ixc_client(ixc_sim: SimulatorHandle) -> AsyncIterator[IxcClient]:
    client = IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=0.5)
    try:
        yield client
    finally:
        await client.aclose()


def _worker(outbox: Outbox, client: IxcClient) -> OutboxWorker:
    return OutboxWorker(outbox, {KIND: RecordingNoteDelivery(IxcTicketMessages(client))},
                        backoff=Backoff(first_s=0.05, maximum_s=0.2, low=0.5, high=1.0),
                        rng=random.Random(5), poll_interval_s=0.05)


def _messages(sim: SimulatorHandle, ticket_id: str) -> list[dict[str, str]]:
    return [m for m in sim.tables["su_mensagens"] if m["id_ticket"] == ticket_id]


NOTE = RecordingNote(1042, summary="Cliente sem internet desde ontem; ONU reiniciada.",
                     transcription="Agente: Boa tarde.\x07 Cliente: Estou sem internet.")


async def test_note_is_appended_once_even_when_queued_twice(
        db: sqlite_utils.Database, ixc_sim: SimulatorHandle, ixc_client: IxcClient) -> None:
    outbox = Outbox(db)
    first = enqueue_recording_note(outbox, ticket_id="77", note=NOTE, attendance_id=3, now=NOW)
    again = enqueue_recording_note(outbox, ticket_id="77", note=NOTE, attendance_id=3, now=NOW)
    assert first is not None and again is not None and first.id == again.id
    worker = _worker(outbox, ixc_client)
    await worker.start()
    try:
        await worker.wait_until_idle(10)
    finally:
        await worker.stop(grace_s=1)
    assert outbox.get(first.id).state is OutboxState.SENT
    [row] = _messages(ixc_sim, "77")
    assert "Resumo da ligação (3CX):" in row["mensagem"]
    assert "ONU reiniciada" in row["mensagem"] and "\x07" not in row["mensagem"]
    assert "[ramal gravacao=1042]" in row["mensagem"]
    assert row["visibilidade_mensagens"] == "PR"


async def test_unknown_outcome_is_reconciled_by_the_marker(
        db: sqlite_utils.Database, ixc_sim: SimulatorHandle, ixc_client: IxcClient) -> None:
    # IXC inserts, then answers after the client gave up: the next attempt finds the message
    ixc_sim.set_faults(answer_delay_ms=1500, tables={"su_mensagens"})
    outbox = Outbox(db)
    item = enqueue_recording_note(outbox, ticket_id="78", note=NOTE, attendance_id=None,
                                  now=NOW)
    assert item is not None
    worker = _worker(outbox, ixc_client)
    await worker.start()
    try:
        # the first attempt times out (0.5 s client, 1.5 s server) and leaves an error
        for _ in range(400):
            if outbox.get(item.id).last_error:
                break
            await asyncio.sleep(0.02)
        assert outbox.get(item.id).state is not OutboxState.SENT
        await asyncio.sleep(1.2)            # the server's late answer has landed
        ixc_sim.clear_faults()
        await worker.wait_until_idle(10)
    finally:
        await worker.stop(grace_s=2)
    assert outbox.get(item.id).state is OutboxState.SENT
    assert len(_messages(ixc_sim, "78")) == 1


def test_nothing_is_queued_without_summary_or_transcription(db: sqlite_utils.Database) -> None:
    outbox = Outbox(db)
    assert enqueue_recording_note(outbox, ticket_id="9", note=RecordingNote(5), attendance_id=1,
                                  now=NOW) is None
    assert outbox.items() == []


def test_long_transcription_is_cut_and_marked() -> None:
    text = note_text(RecordingNote(7, transcription="palavra " * 5000))
    assert len(text) <= 8000 and "[…]" in text and text.endswith("[ramal gravacao=7]")


def test_attendance_ticket_id_is_read_from_the_delivered_ticket(
        db: sqlite_utils.Database) -> None:
    outbox = Outbox(db)
    item = outbox.enqueue(idempotency_key="t-1", kind=TICKET_KIND, target="ixc", payload={},
                          now=NOW, attendance_id=12)
    assert attendance_ticket_id(outbox, 12) is None
    outbox.mark_sent(item.id, NOW, {"ticket_id": "4321", "protocol": "AT1"})
    assert attendance_ticket_id(outbox, 12) == "4321"


async def test_history_calls_get_their_own_recordings(
        db: sqlite_utils.Database, pbx: ThreecxSimulator, xapi: XapiClient) -> None:
    history = CallHistory(db)
    number = "+5511987654321"
    base = datetime(2026, 3, 4, 9, 0, tzinfo=SP)
    ids = []
    # the same customer twice in ten minutes, and someone else in between
    for key, who, offset, talk in (("a", number, 0, 120), ("b", "+5511912345678", 200, 60),
                                   ("c", number, 540, 90)):
        start = base + timedelta(seconds=offset)
        call = history.record_start(key, number=who, direction=CallDirection.INBOUND,
                                    started_at=start, extension="201")
        history.record_answer(call.id, start + timedelta(seconds=4))
        history.record_end(call.id, start + timedelta(seconds=4 + talk), CallOutcome.COMPLETED)
        ids.append(call.id)
    rec_a = pbx.add_recording(extension="201", remote="011987654321",
                              start=base + timedelta(seconds=5), seconds=120)
    rec_c = pbx.add_recording(extension="201", remote="+5511987654321",
                              start=base + timedelta(seconds=545), seconds=90,
                              summary="Segunda ligação: pediu 2ª via.", transcription="...")
    calls = history.started_between(base - timedelta(hours=1), base + timedelta(hours=1))
    found = await find_recordings(xapi, calls, extension="201", window_s=8)
    assert found[ids[0]].recording.id == rec_a
    assert found[ids[2]].recording.id == rec_c
    assert ids[1] not in found
    note = recording_note(found[ids[2]].recording)
    assert note.summary == "Segunda ligação: pediu 2ª via." and not note.empty
    assert base.date() == TODAY
