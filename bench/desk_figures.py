""""Meu desempenho" over a large history: time to read + compute the week's figures and draw the
view (offscreen), over 10 000 calls in a fortnight. Run by hand:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/desk_figures.py [--calls 10000] [--runs 7]

Prints the median of the compute step and of compute + draw, in ms (target: opens < 300 ms).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop.performance.desk_figures import FiguresSource, Period, period_span
from desktop.store.attendances import AttendanceStore
from desktop.store.database import open_database
from desktop.store.history import CallDirection, CallHistory, CallOutcome

SP = ZoneInfo("America/Sao_Paulo")
TODAY = date(2026, 3, 6)


def seed(history: CallHistory, attendances: AttendanceStore, calls: int) -> None:
    rng = random.Random(15)
    first = datetime(2026, 2, 23, 8, tzinfo=SP)
    db = history._db   # bench only: one transaction for the whole seed
    with db.conn:
        for i in range(calls):
            start = first + timedelta(seconds=rng.randrange(12 * 86400))
            call = history.record_start(f"b{i}", number=f"+55119{rng.randrange(10**7, 10**8)}",
                                        direction=CallDirection.INBOUND, started_at=start)
            outcome = rng.choice([CallOutcome.COMPLETED] * 6 + [CallOutcome.MISSED,
                                                                CallOutcome.ANSWERED_ELSEWHERE])
            if outcome is CallOutcome.COMPLETED:
                history.record_answer(call.id, start + timedelta(seconds=5))
            end = start + timedelta(seconds=rng.randrange(30, 600))
            history.record_end(call.id, end, outcome)
            if outcome is CallOutcome.COMPLETED and rng.random() < 0.8:
                att = attendances.add(created_at=end + timedelta(seconds=rng.randrange(5, 300)),
                                      agent="201", customer_id=str(i), customer_name="x",
                                      call_id=call.id)
                history.mark_logged(call.id)
                if rng.random() < 0.2:
                    attendances.add_forward(attendance_id=att.id, sector=rng.choice(
                        ["Suporte", "Financeiro", "Comercial"]), destination="discord",
                        created_at=end + timedelta(minutes=6))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        history, attendances = CallHistory(db), AttendanceStore(db)
        seed(history, attendances, args.calls)
        source = FiguresSource(history, attendances)
        span = period_span(Period.WEEK, TODAY, SP)

        from PySide6.QtWidgets import QApplication

        from desktop.ui.performance_view import PerformanceView

        app = QApplication.instance() or QApplication([])
        view = PerformanceView()
        compute, whole = [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            figures = source.figures(span)
            t1 = time.perf_counter()
            view.show_figures(figures)
            app.processEvents()
            t2 = time.perf_counter()
            compute.append((t1 - t0) * 1000)
            whole.append((t2 - t0) * 1000)
        print(f"history: {args.calls} calls; this week: {figures.total} calls")
        print(f"compute median {statistics.median(compute):.1f} ms; "
              f"compute + draw median {statistics.median(whole):.1f} ms")


if __name__ == "__main__":
    main()
