"""Call history: recording, outcomes, durations, filters and the "not logged yet" reminder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.store.database import open_database
from desktop.store.history import CallDirection, CallHistory, CallOutcome, HistoryFilter

T0 = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


@pytest.fixture
def history(tmp_path: Path) -> CallHistory:
    return CallHistory(open_database(tmp_path / "h.sqlite3"))


def _call(history: CallHistory, key: str, minutes: int, outcome: CallOutcome,
          talk_s: int | None = None) -> int:
    start = T0 + timedelta(minutes=minutes)
    call = history.record_start(key, number="+5511987654321", direction=CallDirection.INBOUND,
                                started_at=start, extension="201")
    if talk_s is not None:
        history.record_answer(call.id, start + timedelta(seconds=4))
        end = start + timedelta(seconds=4 + talk_s)
    else:
        end = start + timedelta(seconds=20)
    history.record_end(call.id, end, outcome)
    return call.id


def test_a_completed_call_has_talk_time_and_ring_time(history: CallHistory) -> None:
    call_id = _call(history, "c1", 0, CallOutcome.COMPLETED, talk_s=185)
    call = history.get(call_id)
    assert call.outcome is CallOutcome.COMPLETED
    assert call.duration_s == 185 and call.ring_s == 4
    assert not call.in_progress and not call.logged


def test_recording_the_same_call_twice_is_one_row(history: CallHistory) -> None:
    first = history.record_start("dup", number="201", direction=CallDirection.OUTBOUND,
                                 started_at=T0)
    again = history.record_start("dup", number="201", direction=CallDirection.OUTBOUND,
                                 started_at=T0 + timedelta(seconds=1))
    assert first == again and first.in_progress
    assert len(history.calls()) == 1


def test_answered_elsewhere_duration_is_unknown_until_corrected(history: CallHistory) -> None:
    call_id = _call(history, "e1", 0, CallOutcome.ANSWERED_ELSEWHERE)
    call = history.get(call_id)
    assert call.duration_s is None and call.ring_s == 20
    corrected = history.correct_duration(call_id, 240)
    assert corrected.duration_s == 240 and corrected.duration_corrected
    with pytest.raises(ValueError):
        history.correct_duration(call_id, -1)


def test_filters_and_the_not_logged_badge(history: CallHistory) -> None:
    done = _call(history, "a", 0, CallOutcome.COMPLETED, talk_s=60)
    _call(history, "b", 1, CallOutcome.MISSED)
    _call(history, "c", 2, CallOutcome.ANSWERED_ELSEWHERE)
    _call(history, "d", 3, CallOutcome.REJECTED)
    open_one = _call(history, "e", 4, CallOutcome.COMPLETED, talk_s=30)
    assert [c.call_key for c in history.calls()] == ["e", "d", "c", "b", "a"]
    assert [c.call_key for c in history.calls(HistoryFilter.MISSED)] == ["b"]
    assert [c.call_key for c in history.calls(HistoryFilter.ANSWERED)] == ["e", "c", "a"]
    assert history.count(HistoryFilter.NOT_LOGGED) == 2
    history.mark_logged(done)
    assert [c.id for c in history.calls(HistoryFilter.NOT_LOGGED)] == [open_one]
    assert history.count(HistoryFilter.NOT_LOGGED) == 1
    since = history.calls(since=T0 + timedelta(minutes=3, seconds=30))
    assert [c.call_key for c in since] == ["e"]


def test_companion_mode_counts_answered_elsewhere_as_to_log(tmp_path: Path) -> None:
    history = CallHistory(open_database(tmp_path / "c.sqlite3"),
                          loggable=(CallOutcome.COMPLETED, CallOutcome.ANSWERED_ELSEWHERE))
    _call(history, "x", 0, CallOutcome.ANSWERED_ELSEWHERE)
    assert history.count(HistoryFilter.NOT_LOGGED) == 1


def test_customer_and_sections_are_kept(history: CallHistory) -> None:
    call_id = _call(history, "s", 0, CallOutcome.COMPLETED, talk_s=10)
    history.set_customer(call_id, "7894", "Maria")
    history.mark_sections_checked(call_id, ["os"])
    call = history.mark_sections_checked(call_id, ["financeiro", "os"])
    assert call.sections_checked == ("financeiro", "os")
    assert history.calls(customer_id="7894")[0].customer_name == "Maria"
