"""The "Encaminhar" dialog: only what the sector can take, the transfer only with a live call."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ixc.models import Section
from desktop.settings.model import Sector
from desktop.store.outbox import OutboxState
from desktop.ui.attendance_view_models import CallSummary
from desktop.ui.forward_dialog import ForwardDialog, ForwardSubmission, TransferMode
from tests.ui.outbox_items import item

SECTORS = (
    Sector(name="Suporte Técnico", transfer_to="801", opa_department="dep-1",
           discord_webhook="http://127.0.0.1:9/api/webhooks/1/t"),
    Sector(name="Financeiro", discord_webhook="http://127.0.0.1:9/api/webhooks/2/t"),
    Sector(name="Plantão", transfer_to="900"),
)


def _call(live: str = "") -> CallSummary:
    return CallSummary(history_id=3, number="(11) 98765-4321",
                       started_at=datetime(2026, 3, 20, 17, 5, tzinfo=UTC), duration_s=60,
                       direction="Recebida", live_call_id=live)


def _dialog(qtbot: QtBot, call: CallSummary | None = None, opa: bool = True,
            attended: bool = False) -> ForwardDialog:
    dialog = ForwardDialog(SECTORS, call=call, customer_name="Maria da Silva",
                           sections=(Section.INVOICES,), opa_configured=opa,
                           attended_transfer_available=attended)
    qtbot.addWidget(dialog)
    return dialog


def test_nothing_to_send_until_a_sector_is_chosen(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert not dialog.forward_button.isEnabled()
    assert not dialog.discord_box.isEnabled() and not dialog.opa_box.isEnabled()
    assert "financeiro" in dialog.sections_label.text()
    assert "Maria da Silva" in dialog.about_label.text()


def test_options_follow_the_sector(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, call=_call(live=""))
    assert dialog.choose_sector("Financeiro")
    assert dialog.discord_box.isEnabled() and dialog.discord_box.isChecked()
    assert not dialog.opa_box.isEnabled() and not dialog.opa_box.isChecked()
    assert not dialog.transfer_box.isEnabled()
    assert "departamento do OPA" in dialog.why_label.text()
    assert "fila ou ramal" in dialog.why_label.text()
    assert dialog.forward_button.isEnabled()

    assert dialog.choose_sector("Suporte Técnico")
    assert dialog.discord_box.isChecked() and dialog.opa_box.isChecked()
    # a transfer target, but the call has ended
    assert not dialog.transfer_box.isEnabled()
    assert "Não há ligação em andamento" in dialog.why_label.text()

    assert dialog.choose_sector("Plantão")
    assert not dialog.discord_box.isEnabled() and not dialog.opa_box.isEnabled()
    assert not dialog.forward_button.isEnabled()
    assert dialog.problems() == ["Escolha ao menos um destino."]


def test_opa_not_configured_disables_opa(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, opa=False)
    dialog.choose_sector("Suporte Técnico")
    assert not dialog.opa_box.isEnabled()
    assert "O OPA não está configurado." in dialog.why_label.text()


def test_transfer_with_a_live_call(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, call=_call(live="sip-call-1"))
    dialog.choose_sector("Suporte Técnico")
    assert dialog.transfer_box.isEnabled() and not dialog.transfer_box.isChecked()
    assert "801" in dialog.transfer_box.text()
    assert not dialog.blind_radio.isEnabled()
    dialog.transfer_box.setChecked(True)
    assert dialog.blind_radio.isEnabled() and dialog.blind_radio.isChecked()
    assert not dialog.attended_radio.isEnabled()        # the engine cannot do it here
    dialog.discord_box.setChecked(False)
    dialog.opa_box.setChecked(False)
    assert dialog.forward_button.isEnabled()            # only transferring is fine
    assert dialog.submission() == ForwardSubmission("Suporte Técnico", "", False, False,
                                                    TransferMode.BLIND)


def test_attended_transfer_when_available(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, call=_call(live="sip-call-1"), attended=True)
    dialog.choose_sector("Plantão")
    dialog.transfer_box.setChecked(True)
    assert dialog.attended_radio.isEnabled()
    dialog.attended_radio.setChecked(True)
    assert dialog.submission().transfer is TransferMode.ATTENDED


def test_forward_emits_once_and_shows_limitations_plainly(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.choose_sector("Suporte Técnico")
    dialog.note_edit.setPlainText("ONU com LOS vermelho @everyone")
    with qtbot.waitSignal(dialog.forward_requested) as signal:
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == ForwardSubmission("Suporte Técnico",
                                               "ONU com LOS vermelho @everyone", True, True)
    assert not dialog.forward_button.isEnabled() and not dialog.note_edit.isEnabled()

    limitation = "A API do OPA não permite transferir <b>um atendimento</b>."
    dialog.show_result([item(11, kind="discord", target="Suporte Técnico"),
                        item(12, kind="opa_note", target="Suporte Técnico")], [limitation])
    assert dialog.limitations_label.textFormat() == Qt.TextFormat.PlainText
    assert limitation in dialog.limitations_label.text()
    assert not dialog.limitations_label.isHidden()
    assert set(dialog.item_rows) == {11, 12}
    dialog.show_item(item(11, kind="discord", target="Suporte Técnico",
                          state=OutboxState.SENT, result={"message_id": "55"}))
    row = dialog.item_rows[11]
    assert row.state_label.text() == "enviado" and "55" in row.detail_label.text()
    dialog.show_item(item(12, kind="opa_note", target="Suporte Técnico",
                          state=OutboxState.FAILED, last_error="rede não permitida"))
    failed = dialog.item_rows[12]
    assert failed.detail_label.text() == "rede não permitida"
    with qtbot.waitSignal(dialog.retry_requested) as retry:
        qtbot.mouseClick(failed.retry_button, Qt.MouseButton.LeftButton)
    assert retry.args == [12]


def test_refused_gives_the_choices_back(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.choose_sector("Suporte Técnico")
    dialog.opa_box.setChecked(False)
    qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
    dialog.show_refused("Setor desconhecido.")
    assert dialog.forward_button.isEnabled() and dialog.sector_combo.isEnabled()
    assert dialog.discord_box.isChecked() and not dialog.opa_box.isChecked()
    assert "Setor desconhecido." in dialog.result_label.text()
