"""Which 3CX recording is which of Ramal's calls: XAPI has no SIP Call-ID, so a call is matched
on the agent's extension, then the remote number (both normalised, so ``011987654321`` and
``+5511987654321`` agree), then the start time within a window, then the duration.

3CX starts recording when the call connects, Ramal's ``started_at`` is the first ring: the
recording's start is compared with the answer time when there is one. The same customer calling
twice in ten minutes gives two candidates for each call: calls and recordings are paired by
best score first, and a recording is given to one call only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.phone.numbers import normalize_br_number
from desktop.store.history import CallRecord
from desktop.threecx.models import Recording


@dataclass(frozen=True)
class RecordingMatch:
    call_id: int
    recording: Recording
    offset_s: float            # |recording start − call's answer (or start)|


def _canonical(number: str) -> str:
    # "Ext.101" is how an extension side can read in *CallerNumber
    text = number.removeprefix("Ext.")
    return normalize_br_number(text).number


def _remote(recording: Recording, extension: str) -> str | None:
    """The other party's number when ``extension`` is one side of the recording, else None."""
    if recording.to_dn == extension:
        return recording.from_number
    if recording.from_dn == extension:
        return recording.to_number
    return None


def _reference(call: CallRecord) -> datetime:
    return call.answered_at or call.started_at


def _score(call: CallRecord, recording: Recording, window: timedelta,
           extension: str) -> tuple[float, float] | None:
    remote = _remote(recording, call.extension or extension)
    if remote is None or _canonical(remote) != _canonical(call.number):
        return None
    offset = abs((recording.start - _reference(call)).total_seconds())
    if offset > window.total_seconds():
        return None
    talk = call.duration_s
    duration = recording.duration
    mismatch = (abs(duration.total_seconds() - talk)
                if talk is not None and duration is not None else 0.0)
    return offset, mismatch


def match_recordings(calls: Iterable[CallRecord], recordings: Sequence[Recording], *,
                     extension: str = "", window_s: float = 8.0) -> dict[int, RecordingMatch]:
    """calls.id → its recording, for the calls that have one.

    ``extension``: the desk's own, for history rows recorded without one.
    """
    window = timedelta(seconds=window_s)
    candidates: list[tuple[tuple[float, float], int, CallRecord, Recording]] = []
    for call in calls:
        for recording in recordings:
            score = _score(call, recording, window, extension)
            if score is not None:
                candidates.append((score, recording.id, call, recording))
    candidates.sort(key=lambda c: (c[0], c[2].id, c[1]))
    found: dict[int, RecordingMatch] = {}
    taken: set[int] = set()
    for score, rec_id, call, recording in candidates:
        if call.id in found or rec_id in taken:
            continue
        found[call.id] = RecordingMatch(call.id, recording, score[0])
        taken.add(rec_id)
    return found
