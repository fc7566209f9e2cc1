"""The outbox table: idempotent enqueue, state moves, lane order, persistence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.store.database import open_database
from desktop.store.outbox import Outbox, OutboxState, from_db_time, to_db_time

T0 = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return Outbox(open_database(tmp_path / "o.sqlite3"))


def test_same_idempotency_key_gives_the_first_item(outbox: Outbox) -> None:
    first = outbox.enqueue(idempotency_key="k", kind="discord", target="Comercial",
                           payload={"body": {"content": "a"}}, now=T0)
    again = outbox.enqueue(idempotency_key="k", kind="discord", target="Comercial",
                           payload={"body": {"content": "b"}}, now=T0 + timedelta(seconds=5))
    assert again == first
    assert again.payload == {"body": {"content": "a"}}
    assert len(outbox.items()) == 1


def test_state_moves_and_what_the_ui_lists(outbox: Outbox) -> None:
    item = outbox.enqueue(idempotency_key="k", kind="ixc_ticket", target="ixc",
                          payload={"x": "ç"}, now=T0, attendance_id=7)
    assert item.state is OutboxState.PENDING and item.lane == "ixc_ticket:ixc"
    sending = outbox.mark_sending(item.id, T0)
    assert sending.state is OutboxState.SENDING and sending.attempts == 1
    assert outbox.in_flight() == [sending]
    later = T0 + timedelta(seconds=30)
    waiting = outbox.mark_retry(item.id, "IXC fora do ar", later)
    assert waiting.state is OutboxState.PENDING and waiting.next_attempt_at == later
    assert waiting.last_error == "IXC fora do ar"
    failed = outbox.mark_failed(item.id, "recusado")
    assert outbox.items(states=[OutboxState.FAILED]) == [failed]
    retried = outbox.retry(item.id, T0)
    assert retried.state is OutboxState.PENDING and retried.next_attempt_at == T0
    sent = outbox.mark_sent(item.id, later, {"protocol": "2026030200001"})
    assert sent.state is OutboxState.SENT and sent.result["protocol"] == "2026030200001"
    assert sent.last_error == "" and sent.sent_at == later
    assert outbox.retry(item.id, T0) == sent       # a sent item is never sent again
    assert outbox.items(attendance_id=7) == [sent]
    assert outbox.counts()[OutboxState.SENT] == 1


def test_lane_head_is_the_oldest_unsent(outbox: Outbox) -> None:
    ids = [outbox.enqueue(idempotency_key=f"k{i}", kind="discord", target="T",
                          payload={}, now=T0).id for i in range(3)]
    other = outbox.enqueue(idempotency_key="o", kind="discord", target="U", payload={}, now=T0)
    assert outbox.active_lanes() == ["discord:T", "discord:U"]
    head = outbox.lane_head("discord:T")
    assert head is not None and head.id == ids[0]
    outbox.mark_sent(ids[0], T0, {})
    outbox.mark_failed(ids[1], "x")
    head = outbox.lane_head("discord:T")
    assert head is not None and head.id == ids[2]
    failed = outbox.fail_lane("discord:U", "webhook removido")
    assert [i.id for i in failed] == [other.id]
    assert outbox.get(other.id).state is OutboxState.FAILED


def test_uncertain_items_stay_in_flight_until_reconciled(outbox: Outbox) -> None:
    item = outbox.enqueue(idempotency_key="k", kind="opa_note", target="S", payload={}, now=T0)
    outbox.mark_sending(item.id, T0)
    outbox.record_progress(item.id, {"step": "observacao", "attendance": "a1"})
    later = T0 + timedelta(minutes=1)
    uncertain = outbox.mark_uncertain(item.id, "timeout", later)
    assert uncertain.state is OutboxState.SENDING
    assert uncertain.result == {"step": "observacao", "attendance": "a1"}
    # "tentar de novo" makes it due, but it must still be reconciled first
    assert outbox.retry(item.id, T0).state is OutboxState.SENDING


def test_survives_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "o.sqlite3"
    first = Outbox(open_database(path))
    item = first.enqueue(idempotency_key="k", kind="discord", target="T", payload={"a": 1},
                         now=T0)
    first.disable_target("fp", kind="discord", target="T", reason="404", now=T0)
    second = Outbox(open_database(path))
    assert second.get(item.id) == item
    disabled = second.disabled_target("fp")
    assert disabled is not None and disabled.reason == "404"
    second.enable_targets_of("discord", "T")
    assert second.disabled_targets() == []


def test_timestamps_keep_order_as_text() -> None:
    a = to_db_time(T0)
    b = to_db_time(T0 + timedelta(microseconds=1))
    assert a < b and from_db_time(a) == T0
    with pytest.raises(ValueError):
        to_db_time(datetime(2026, 1, 1))
