"""The outbox view: states, reasons, retry, a disabled webhook, filters."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.outbox import DisabledTarget, OutboxState
from desktop.ui.outbox_view import OutboxView
from tests.ui.outbox_items import item


def _view(qtbot: QtBot) -> OutboxView:
    view = OutboxView()
    qtbot.addWidget(view)
    return view


def test_items_with_their_state_and_detail(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert not view.empty_label.isHidden()
    view.set_items([
        item(1, state=OutboxState.SENT, result={"ticket_id": "9", "protocol": "2026000123"}),
        item(2, kind="discord", target="Suporte Técnico", state=OutboxState.FAILED,
             last_error="O webhook do Discord do setor não existe mais."),
        item(3, kind="opa_notify", target="Financeiro", last_error="Sem conexão com o OPA."),
        item(4, kind="opa_note", target="Financeiro", state=OutboxState.SENDING),
    ])
    assert view.empty_label.isHidden()
    assert view.counts_label.text() == "2 pendente(s) · 1 com falha · 1 enviado(s)"
    sent, failed, waiting = view.rows[1], view.rows[2], view.rows[3]
    assert sent.state_label.text() == "enviado"
    assert sent.detail_label.text() == "Protocolo 2026000123"
    assert sent.retry_button.isHidden()
    assert failed.destination_label.text().startswith("Discord · Suporte Técnico")
    assert "não existe mais" in failed.detail_label.text()
    assert not failed.retry_button.isHidden() and failed.retry_button.text() == "Tentar de novo"
    assert waiting.state_label.text() == "pendente"
    assert "Sem conexão com o OPA." in waiting.detail_label.text()
    assert waiting.retry_button.text() == "Tentar agora" and not waiting.retry_button.isHidden()
    assert view.rows[4].retry_button.isHidden()
    # newest first
    first = view.list_layout.itemAt(0).widget()
    assert first is view.rows[4]


def test_update_in_place_and_new_items_on_top(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.set_items([item(1)])
    row = view.rows[1]
    view.update_item(item(1, state=OutboxState.SENT, result={"protocol": "77"}))
    assert view.rows[1] is row and row.state_label.text() == "enviado"
    view.update_item(item(2, kind="discord", target="Comercial"))
    assert view.list_layout.itemAt(0).widget() is view.rows[2]
    assert view.item_state(2) is OutboxState.PENDING


def test_retry_button_emits_the_item(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.set_items([item(8, state=OutboxState.FAILED, last_error="Preencha Assunto")])
    with qtbot.waitSignal(view.retry_requested) as signal:
        qtbot.mouseClick(view.rows[8].retry_button, Qt.MouseButton.LeftButton)
    assert signal.args == [8]
    assert not view.rows[8].retry_button.isEnabled()      # one click, one retry


def test_disabled_webhook_banner(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert view.disabled_label.isHidden()
    reason = 'O webhook do Discord do setor "<b>Técnico</b>" não existe mais (HTTP 404).'
    view.set_disabled_targets([DisabledTarget("fp", "discord", "Técnico", reason,
                                              datetime(2026, 3, 20, tzinfo=UTC))])
    assert not view.disabled_label.isHidden()
    assert reason in view.disabled_label.text()
    assert view.disabled_label.textFormat() == Qt.TextFormat.PlainText
    view.set_disabled_targets([])
    assert view.disabled_label.isHidden()


def test_filter_by_state(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.set_items([item(1, state=OutboxState.SENT), item(2, state=OutboxState.FAILED),
                    item(3)])
    view.filter_combo.setCurrentIndex(2)        # Com falha
    assert [i for i, r in view.rows.items() if not r.isHidden()] == [2]
    view.update_item(item(3, state=OutboxState.FAILED))
    assert not view.rows[3].isHidden()
    view.filter_combo.setCurrentIndex(0)
    assert all(not r.isHidden() for r in view.rows.values())
