"""The recordings of a set of history calls: one XAPI query over the calls' time span (widened
by the match window), then :func:`match_recordings`. Qt-free; the desk calls it for the rows on
screen and for an attendance's call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from desktop.ixc.ticket_messages import RecordingNote
from desktop.store.history import CallRecord
from desktop.threecx.client import XapiClient
from desktop.threecx.models import Recording
from desktop.threecx.recording_match import RecordingMatch, match_recordings

# one page of history rows; a longer span would ask 3CX for more than the rows need
MAX_CALLS = 500


async def find_recordings(client: XapiClient, calls: Sequence[CallRecord], *, extension: str,
                          window_s: float) -> dict[int, RecordingMatch]:
    answered = [c for c in calls[:MAX_CALLS] if c.answered_at is not None or c.duration_s]
    if not answered:
        return {}
    margin = timedelta(seconds=window_s + 1)
    start = min(c.answered_at or c.started_at for c in answered) - margin
    end = max(c.ended_at or c.answered_at or c.started_at for c in answered) + margin
    recordings = await client.recordings(start, end, extension)
    return match_recordings(answered, recordings, extension=extension, window_s=window_s)


def recording_note(recording: Recording) -> RecordingNote:
    return RecordingNote(recording.id, recording.summary or "", recording.transcription or "")
