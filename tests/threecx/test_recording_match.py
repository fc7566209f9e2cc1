"""Recordings matched to Ramal's calls without a shared call id, among near neighbours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.demo.simulators.threecx import ThreecxSimulator
from desktop.store.history import CallDirection, CallOutcome, CallRecord
from desktop.threecx.client import XapiClient
from desktop.threecx.models import Recording
from desktop.threecx.recording_match import match_recordings

T0 = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)
CUSTOMER = "+5511987654321"


def _call(call_id: int, minutes: float, talk_s: int, number: str = CUSTOMER,
          ring_s: int = 6) -> CallRecord:
    start = T0 + timedelta(minutes=minutes)
    answered = start + timedelta(seconds=ring_s)
    return CallRecord(id=call_id, call_key=f"k{call_id}", number=number,
                      direction=CallDirection.INBOUND, started_at=start, extension="201",
                      answered_at=answered, ended_at=answered + timedelta(seconds=talk_s),
                      outcome=CallOutcome.COMPLETED, duration_s=talk_s)


def _recording(rec_id: int, start: datetime, seconds: int, remote: str = "011987654321",
               ext: str = "201") -> Recording:
    return Recording(id=rec_id, start=start, end=start + timedelta(seconds=seconds),
                     from_dn="10000", from_number=remote, to_dn=ext, to_number=f"Ext.{ext}")


def test_the_same_number_twice_in_ten_minutes_gets_each_its_own_recording() -> None:
    first, second = _call(1, 0, 95), _call(2, 9, 40)
    # listed in reverse, with the trunk's "0" + DDD spelling of the number
    recordings = [
        _recording(11, second.answered_at + timedelta(seconds=1), 41),   # type: ignore[operator]
        _recording(10, first.answered_at + timedelta(seconds=2), 96),    # type: ignore[operator]
    ]
    found = match_recordings([second, first], recordings)
    assert found[1].recording.id == 10 and found[2].recording.id == 11
    assert found[1].offset_s == 2 and found[2].offset_s == 1


def test_two_recordings_within_the_window_go_by_time_then_duration() -> None:
    # a call transferred and recorded again 4 s later: the closer start wins, the other is left
    call = _call(1, 0, 60)
    assert call.answered_at is not None
    near = _recording(20, call.answered_at + timedelta(seconds=1), 20)
    later = _recording(21, call.answered_at + timedelta(seconds=4), 60)
    assert match_recordings([call], [later, near])[1].recording.id == 20
    # same offset either side: the duration that fits the talk time decides
    early = _recording(22, call.answered_at - timedelta(seconds=3), 60)
    short = _recording(23, call.answered_at + timedelta(seconds=3), 10)
    assert match_recordings([call], [short, early])[1].recording.id == 22


def test_other_extension_other_number_or_outside_the_window_do_not_match() -> None:
    call = _call(1, 0, 60)
    assert call.answered_at is not None
    at = call.answered_at
    assert match_recordings([call], [
        _recording(30, at, 60, ext="202"),
        _recording(31, at, 60, remote="+5511912345678"),
        _recording(32, at + timedelta(seconds=30), 60),
    ]) == {}
    assert match_recordings([call], [_recording(33, at + timedelta(seconds=7), 60)],
                                  window_s=8)[1].recording.id == 33


def test_an_outbound_call_matches_on_the_callee_side() -> None:
    start = T0
    call = CallRecord(id=5, call_key="o", number=CUSTOMER, direction=CallDirection.OUTBOUND,
                      started_at=start, extension="201", answered_at=start + timedelta(seconds=9),
                      ended_at=start + timedelta(seconds=69), outcome=CallOutcome.COMPLETED,
                      duration_s=60)
    rec = Recording(id=40, start=start + timedelta(seconds=10), end=None, from_dn="201",
                    from_number="Ext.201", to_dn="10000", to_number="5511987654321")
    assert match_recordings([call], [rec])[5].recording.id == 40


async def test_matched_against_the_simulator_over_xapi(
        xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    first, second = _call(1, 0, 95), _call(2, 9, 40)
    assert first.answered_at is not None and second.answered_at is not None
    rec_first = pbx.add_recording(extension="201", remote="011987654321",
                                  start=first.answered_at + timedelta(seconds=1), seconds=95)
    rec_second = pbx.add_recording(extension="201", remote="011987654321",
                                   start=second.answered_at + timedelta(seconds=2), seconds=40)
    pbx.add_recording(extension="202", remote="011987654321",
                      start=second.answered_at, seconds=40)
    found = await xapi.recordings(T0 - timedelta(minutes=1), T0 + timedelta(minutes=15), "201")
    matched = match_recordings([first, second], found)
    assert matched[1].recording.id == rec_first and matched[2].recording.id == rec_second
