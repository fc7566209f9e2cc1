"""The history table's row actions: log or forward the selected call by its history id."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from desktop.ui.history_view import HistoryView
from desktop.ui.view_models import HistoryEntry

WHEN = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)


def entries() -> list[HistoryEntry]:
    return [
        HistoryEntry(WHEN, "+5511987654321", answered=True, duration_s=95, history_id=7,
                     customer_name="Maria"),
        HistoryEntry(WHEN, "+5511981234567", answered=True, logged=True, history_id=6),
        HistoryEntry(WHEN, "+5511900001234", answered=False, history_id=5),
    ]


def test_log_is_offered_only_for_answered_calls_not_logged_yet(qtbot: QtBot) -> None:
    view = HistoryView()
    qtbot.addWidget(view)
    view.set_entries(entries())
    assert not view.log_button.isEnabled() and not view.forward_button.isEnabled()

    assert view.select_history_id(7)
    assert view.log_button.isEnabled() and view.forward_button.isEnabled()
    with qtbot.waitSignal(view.log_requested) as logged:
        view.log_button.click()
    assert logged.args == [7]
    with qtbot.waitSignal(view.forward_requested) as forwarded:
        view.forward_button.click()
    assert forwarded.args == [7]

    view.select_history_id(6)
    assert not view.log_button.isEnabled()
    assert view.log_button.toolTip() == "Esta chamada já foi registrada."
    assert view.forward_button.isEnabled()
    view.select_history_id(5)
    assert not view.log_button.isEnabled()
    assert view.log_button.toolTip() == "Só chamadas atendidas são registradas."


def test_selection_survives_a_refresh(qtbot: QtBot) -> None:
    view = HistoryView()
    qtbot.addWidget(view)
    view.set_entries(entries())
    view.select_history_id(7)
    # the call gets logged and the list is refreshed (new row on top)
    fresh = [HistoryEntry(WHEN, "+5511911112222", history_id=8), *entries()]
    fresh[1] = HistoryEntry(WHEN, "+5511987654321", answered=True, logged=True, history_id=7)
    view.set_entries(fresh)
    selected = view.selected_entry()
    assert selected is not None and selected.history_id == 7
    assert not view.log_button.isEnabled()
    assert view.model.data(view.model.index(1, 6)) == "Registrado"
