""""Meu desempenho": what one desk did in a period, computed from Ramal's own history.

Everything here comes from the local database (calls, attendances, forwards), so it works on any
3CX licence. The period is a local calendar span (today, this week) given with its time zone, so
tests pass a fixed "today" and zone and never read the machine's clock.

Definitions (also in docs/performance.md):
- answered: calls this desk talked (``completed``); missed; answered elsewhere (another device
  of the extension or another agent took it).
- talk time: answer → end of the answered calls; wrap-up: call end → the first attendance
  logged (or forwarded) for it, for the calls that have one.
- logged share: logged answered calls / answered calls; full-check share: among the logged calls,
  those whose OS, financeiro and conexão sections were all checked.
- forwards per sector: one per attendance and sector (a case sent to Discord and OPA is one).
- busiest hours: calls started in each local hour, every outcome counted.

Only calls *received* count: the agent's own outgoing calls, queue login/logout dial codes among
them (3CX answers "*62" and hangs up), are not attendances of the desk.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from statistics import fmean

from desktop.forward.case import FORWARDED_SECTIONS
from desktop.store.attendances import Attendance, AttendanceStore, Forward
from desktop.store.history import CallDirection, CallHistory, CallOutcome, CallRecord

FULL_CHECK: frozenset[str] = frozenset(s.value for s in FORWARDED_SECTIONS)


class Period(enum.StrEnum):
    TODAY = "today"
    WEEK = "week"


@dataclass(frozen=True)
class Span:
    """A half-open local span ``[start, end)``, both aware datetimes."""

    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def days(self) -> list[date]:
        first, last = self.start.date(), (self.end - timedelta(microseconds=1)).date()
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def period_span(period: Period, today: date, zone: tzinfo) -> Span:
    """Today, or this week from Monday, as local midnights in ``zone``."""
    first = today if period is Period.TODAY else today - timedelta(days=today.weekday())
    start = datetime.combine(first, time(0), zone)
    end = datetime.combine(today + timedelta(days=1), time(0), zone)
    return Span(start, end)


@dataclass(frozen=True)
class DeskFigures:
    span: Span
    answered: int = 0
    missed: int = 0
    answered_elsewhere: int = 0
    other: int = 0                       # rejected, failed
    avg_talk_s: float | None = None
    avg_wrapup_s: float | None = None
    logged: int = 0
    full_checked: int = 0
    forwards_per_sector: dict[str, int] = field(default_factory=dict)
    calls_per_hour: tuple[int, ...] = (0,) * 24
    calls_per_day: dict[date, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.answered + self.missed + self.answered_elsewhere + self.other

    @property
    def logged_share(self) -> float | None:
        return self.logged / self.answered if self.answered else None

    @property
    def full_check_share(self) -> float | None:
        return self.full_checked / self.logged if self.logged else None

    @property
    def busiest_hours(self) -> list[int]:
        """Local hours with the most calls, busiest first (ties by hour), empty hours left out."""
        ranked = sorted(range(24), key=lambda h: (-self.calls_per_hour[h], h))
        return [h for h in ranked if self.calls_per_hour[h]][:3]


def compute_desk_figures(
    span: Span,
    calls: Iterable[CallRecord],
    attendances: Iterable[Attendance],
    forwards: Iterable[Forward],
) -> DeskFigures:
    """The figures of the calls started in ``span``; calls still ringing are left out."""
    zone = span.start.tzinfo
    outcomes: Counter[CallOutcome] = Counter()
    talk: list[int] = []
    per_hour = [0] * 24
    per_day: Counter[date] = Counter({d: 0 for d in span.days()})
    ended: dict[int, datetime] = {}
    logged = full = 0
    for call in calls:
        if (call.outcome is None or call.started_at not in span
                or call.direction is not CallDirection.INBOUND):
            continue
        outcomes[call.outcome] += 1
        local = call.started_at.astimezone(zone)
        per_hour[local.hour] += 1
        per_day[local.date()] += 1
        if call.outcome is CallOutcome.COMPLETED:
            if call.duration_s is not None:
                talk.append(call.duration_s)
            if call.logged:
                logged += 1
                full += set(call.sections_checked) >= FULL_CHECK
        if call.ended_at is not None:
            ended[call.id] = call.ended_at

    first_logged: dict[int, datetime] = {}
    attendance_ids: set[int] = set()
    for attendance in attendances:
        if attendance.created_at not in span:
            continue
        attendance_ids.add(attendance.id)
        if attendance.call_id in ended:
            known = first_logged.get(attendance.call_id)
            if known is None or attendance.created_at < known:
                first_logged[attendance.call_id] = attendance.created_at
    # a clock stepped back can put the attendance before the hang-up: such a gap means nothing
    wrapup = [(at - ended[cid]).total_seconds() for cid, at in first_logged.items()
              if at >= ended[cid]]

    sectors = Counter(sector for _, sector in {(f.attendance_id, f.sector) for f in forwards
                                               if f.attendance_id in attendance_ids and f.sector})
    return DeskFigures(
        span=span,
        answered=outcomes[CallOutcome.COMPLETED], missed=outcomes[CallOutcome.MISSED],
        answered_elsewhere=outcomes[CallOutcome.ANSWERED_ELSEWHERE],
        other=outcomes[CallOutcome.REJECTED] + outcomes[CallOutcome.FAILED],
        avg_talk_s=fmean(talk) if talk else None,
        avg_wrapup_s=fmean(wrapup) if wrapup else None,
        logged=logged, full_checked=full,
        forwards_per_sector=dict(sorted(sectors.items(), key=lambda kv: (-kv[1], kv[0]))),
        calls_per_hour=tuple(per_hour), calls_per_day=dict(sorted(per_day.items())),
    )


def figure_rows(figures: DeskFigures) -> Sequence[tuple[str, str]]:
    """(key, value) pairs for the CSV export: stable English keys, values as plain numbers."""
    def number(value: float | None, digits: int = 1) -> str:
        return "" if value is None else f"{value:.{digits}f}"

    rows: list[tuple[str, str]] = [
        ("period_start", figures.span.start.isoformat()),
        ("period_end", figures.span.end.isoformat()),
        ("answered", str(figures.answered)), ("missed", str(figures.missed)),
        ("answered_elsewhere", str(figures.answered_elsewhere)),
        ("avg_talk_s", number(figures.avg_talk_s)),
        ("avg_wrapup_s", number(figures.avg_wrapup_s)),
        ("logged", str(figures.logged)), ("logged_share", number(figures.logged_share, 3)),
        ("full_check_share", number(figures.full_check_share, 3)),
    ]
    rows += [(f"forwards:{sector}", str(n)) for sector, n in figures.forwards_per_sector.items()]
    rows += [(f"hour:{h:02d}", str(n)) for h, n in enumerate(figures.calls_per_hour)]
    rows += [(f"day:{d.isoformat()}", str(n)) for d, n in figures.calls_per_day.items()]
    return rows


class FiguresSource:
    """Reads the span's rows from the stores; the desk's view asks it on open and on refresh."""

    def __init__(self, history: CallHistory, attendances: AttendanceStore) -> None:
        self._history = history
        self._attendances = attendances

    def figures(self, span: Span) -> DeskFigures:
        return compute_desk_figures(
            span, self._history.started_between(span.start, span.end),
            self._attendances.created_between(span.start, span.end),
            self._attendances.forwards_between(span.start, span.end))
