""""Meu desempenho" computed from a seeded history whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.performance.desk_figures import (
    FiguresSource,
    Period,
    compute_desk_figures,
    figure_rows,
    period_span,
)
from desktop.performance.figures_csv import csv_text, write_csv
from desktop.store.attendances import AttendanceStore
from desktop.store.database import open_database
from desktop.store.history import CallDirection, CallHistory, CallOutcome

SP = ZoneInfo("America/Sao_Paulo")
TODAY = date(2026, 3, 4)          # a Wednesday: the week starts on Monday 2 March


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SP)


@pytest.fixture
def stores(tmp_path: Path) -> tuple[CallHistory, AttendanceStore]:
    db = open_database(tmp_path / "figures.sqlite3")
    return CallHistory(db), AttendanceStore(db)


def _call(history: CallHistory, key: str, start: datetime, outcome: CallOutcome,
          talk_s: int = 0) -> int:
    call = history.record_start(key, number="+5511987654321", direction=CallDirection.INBOUND,
                                started_at=start, extension="201")
    if outcome is CallOutcome.COMPLETED:
        history.record_answer(call.id, start + timedelta(seconds=5))
        end = start + timedelta(seconds=5 + talk_s)
    else:
        end = start + timedelta(seconds=25)
    history.record_end(call.id, end, outcome)
    return call.id


def _seed(history: CallHistory, attendances: AttendanceStore) -> None:
    """Today: 3 answered (120 s, 240 s, 60 s), 1 missed, 1 answered elsewhere; Monday: 1 answered
    (600 s); last Sunday (outside the week): 1 answered."""
    a = _call(history, "a", _local(TODAY, 9, 10), CallOutcome.COMPLETED, 120)
    b = _call(history, "b", _local(TODAY, 9, 40), CallOutcome.COMPLETED, 240)
    _call(history, "c", _local(TODAY, 14, 0), CallOutcome.COMPLETED, 60)
    _call(history, "d", _local(TODAY, 9, 50), CallOutcome.MISSED)
    _call(history, "e", _local(TODAY, 10, 5), CallOutcome.ANSWERED_ELSEWHERE)
    monday = _call(history, "f", _local(date(2026, 3, 2), 23, 30), CallOutcome.COMPLETED, 600)
    _call(history, "g", _local(date(2026, 3, 1), 12, 0), CallOutcome.COMPLETED, 30)
    # a: logged 30 s after hanging up, all three sections; b: logged 90 s after, OS only
    end_a = history.get(a).ended_at
    end_b = history.get(b).ended_at
    assert end_a is not None and end_b is not None
    att_a = attendances.add(created_at=end_a + timedelta(seconds=30), agent="201",
                            customer_id="7", customer_name="Ana", call_id=a)
    history.mark_logged(a)
    history.mark_sections_checked(a, ["service_orders", "invoices", "connections"])
    attendances.add(created_at=end_b + timedelta(seconds=90), agent="201", customer_id="8",
                    customer_name="Bia", call_id=b)
    history.mark_logged(b)
    history.mark_sections_checked(b, ["service_orders"])
    # a's case forwarded to Suporte by Discord and OPA (one forward), and to Financeiro
    for destination in ("discord", "opa"):
        attendances.add_forward(attendance_id=att_a.id, sector="Suporte",
                                destination=destination, created_at=end_a + timedelta(minutes=1))
    attendances.add_forward(attendance_id=att_a.id, sector="Financeiro", destination="discord",
                            created_at=end_a + timedelta(minutes=2))
    # Monday's call logged 10 minutes later
    end_f = history.get(monday).ended_at
    assert end_f is not None
    attendances.add(created_at=end_f + timedelta(minutes=10), agent="201", customer_id="9",
                    customer_name="Caio", call_id=monday)
    history.mark_logged(monday)
    # the agent's queue login by dial code (an outgoing call 3CX answers) is not counted
    login = history.record_start("login", number="*62", direction=CallDirection.OUTBOUND,
                                 started_at=_local(TODAY, 8, 0))
    history.record_answer(login.id, _local(TODAY, 8, 0))
    history.record_end(login.id, _local(TODAY, 8, 1), CallOutcome.COMPLETED)
    # a call still ringing is not counted
    history.record_start("ringing", number="+5511911112222", direction=CallDirection.INBOUND,
                         started_at=_local(TODAY, 15, 0))


def test_today_figures_match_the_hand_count(stores: tuple[CallHistory, AttendanceStore]) -> None:
    history, attendances = stores
    _seed(history, attendances)
    figures = FiguresSource(history, attendances).figures(period_span(Period.TODAY, TODAY, SP))
    assert (figures.answered, figures.missed, figures.answered_elsewhere) == (3, 1, 1)
    assert figures.total == 5
    assert figures.avg_talk_s == pytest.approx(140.0)          # (120 + 240 + 60) / 3
    assert figures.avg_wrapup_s == pytest.approx(60.0)         # (30 + 90) / 2
    assert figures.logged == 2 and figures.logged_share == pytest.approx(2 / 3)
    assert figures.full_check_share == pytest.approx(0.5)
    assert figures.forwards_per_sector == {"Financeiro": 1, "Suporte": 1}
    assert figures.calls_per_hour[9] == 3 and figures.calls_per_hour[10] == 1
    assert figures.calls_per_hour[14] == 1 and sum(figures.calls_per_hour) == 5
    assert figures.busiest_hours == [9, 10, 14]


def test_the_week_starts_on_monday_in_local_time(
        stores: tuple[CallHistory, AttendanceStore]) -> None:
    history, attendances = stores
    _seed(history, attendances)
    span = period_span(Period.WEEK, TODAY, SP)
    assert span.start == _local(date(2026, 3, 2), 0) and span.end == _local(date(2026, 3, 5), 0)
    figures = FiguresSource(history, attendances).figures(span)
    # Monday 23:30 local is Tuesday in UTC: it still counts as Monday, and Sunday stays out
    assert figures.answered == 4
    assert figures.calls_per_day == {date(2026, 3, 2): 1, date(2026, 3, 3): 0, TODAY: 5}
    assert figures.avg_talk_s == pytest.approx((120 + 240 + 60 + 600) / 4)
    assert figures.avg_wrapup_s == pytest.approx((30 + 90 + 600) / 3)
    assert figures.logged_share == pytest.approx(3 / 4)
    assert figures.calls_per_hour[23] == 1


def test_an_empty_period_has_no_averages_instead_of_zero() -> None:
    span = period_span(Period.TODAY, TODAY, SP)
    figures = compute_desk_figures(span, [], [], [])
    assert figures.total == 0
    assert figures.avg_talk_s is None and figures.logged_share is None
    assert figures.busiest_hours == []


def test_an_attendance_before_the_hang_up_does_not_make_a_negative_wrap_up(
        stores: tuple[CallHistory, AttendanceStore]) -> None:
    history, attendances = stores
    call_id = _call(history, "x", _local(TODAY, 11), CallOutcome.COMPLETED, 100)
    end = history.get(call_id).ended_at
    assert end is not None
    attendances.add(created_at=end - timedelta(seconds=20), agent="201", customer_id="1",
                    customer_name="Ana", call_id=call_id)
    figures = FiguresSource(history, attendances).figures(period_span(Period.TODAY, TODAY, SP))
    assert figures.avg_wrapup_s is None


def test_csv_export_is_semicolon_separated_and_defuses_formulas(tmp_path: Path) -> None:
    span = period_span(Period.TODAY, TODAY, SP)
    figures = compute_desk_figures(span, [], [], [])
    text = csv_text(["chave", "valor"], [*figure_rows(figures), ("forwards:=HYPERLINK()", "-3")])
    lines = text.splitlines()
    assert lines[0] == "chave;valor"
    assert "answered;0" in lines
    assert "'forwards:=HYPERLINK();-3" not in lines and "forwards:=HYPERLINK();-3" in lines
    assert csv_text(["x"], [["=1+1"], ["-3"]]).splitlines()[1:] == ["'=1+1", "-3"]
    path = tmp_path / "desempenho.csv"
    write_csv(path, ["chave", "valor"], figure_rows(figures))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"answered;0" in data
    assert path.stat().st_mode & 0o077 == 0
    assert datetime.fromisoformat(figure_rows(figures)[0][1]).astimezone(UTC) == \
        datetime(2026, 3, 4, 3, 0, tzinfo=UTC)
