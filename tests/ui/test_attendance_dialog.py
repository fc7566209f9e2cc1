"""The "Registrar atendimento" dialog: pre-filled, validated, showing what became of the ticket."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.ixc.models import Section
from desktop.store.outbox import OutboxState
from desktop.ui.attendance_dialog import AttendanceDialog, LogSubmission
from desktop.ui.attendance_view_models import CallSummary, Choice, CustomerChoice
from desktop.ui.customer_badges import Tone
from tests.ui.outbox_items import TICKET_SECTORS, item, search

CALL = CallSummary(history_id=7, number="(11) 98765-4321",
                   started_at=datetime(2026, 3, 20, 17, 5, tzinfo=UTC), duration_s=125,
                   direction="Recebida", extension="201", outcome="Atendida")
CUSTOMER = CustomerChoice(
    customer_id="101", name="Maria da Silva",
    contracts=(Choice("501", "501 – PLANO FIBRA 500MB (Ativo)"),),
    logins=(Choice("701", "maria@fibra (Online)", "501"), Choice("702", "maria2@fibra", "")))


def _dialog(qtbot: QtBot, call: CallSummary | None = CALL,
            customer: CustomerChoice | None = CUSTOMER,
            sections: tuple[Section, ...] = (Section.SERVICE_ORDERS, Section.CONNECTIONS)
            ) -> AttendanceDialog:
    dialog = AttendanceDialog(call, customer, sections=sections, ticket_sectors=TICKET_SECTORS,
                              search_subjects=search)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: AttendanceDialog, subject: str = "2") -> None:
    assert dialog.choose_subject(subject)
    dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findData("1"))
    dialog.description.setPlainText("Cliente sem sinal; reiniciou a ONU e voltou.")


def test_prefilled_with_the_call_customer_and_sections(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    texts = [w.text() for w in dialog.findChildren(type(dialog.sections_label))]
    assert "(11) 98765-4321" in texts and "2:05" in texts
    assert "Recebida" in texts and "201" in texts and "Atendida" in texts
    assert any("Maria da Silva" in t and "101" in t for t in texts)
    assert dialog.sections_label.text() == "Seções verificadas na ficha: OS, conexão."
    # a single contract is preselected; two logins: none until the agent picks
    assert dialog.contract_combo.currentData() == "501"
    assert dialog.login_combo.currentData() == ""
    assert dialog.duration_edit is None


def test_no_section_checked_is_said_plainly(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, sections=())
    assert "Nenhuma seção da ficha" in dialog.sections_label.text()


def test_external_text_is_shown_literally(qtbot: QtBot) -> None:
    hostile = CustomerChoice(customer_id="9", name="<b>Chefe</b> <img src=x>")
    dialog = _dialog(qtbot, customer=hostile)
    label = dialog.findChild(type(dialog.sections_label), "customerName")
    assert label is not None and label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Chefe</b>" in label.text()


def test_register_is_enabled_only_when_the_ticket_is_valid(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert not dialog.register_button.isEnabled()
    assert "Escolha o assunto." in dialog.problems_label.text()
    assert dialog.choose_subject("2")
    dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findData("1"))
    assert not dialog.register_button.isEnabled()
    assert dialog.problems() == ["Descreva o atendimento."]
    dialog.description.setPlainText("   ")
    assert not dialog.register_button.isEnabled()
    dialog.description.setPlainText("Lento à noite.")
    assert dialog.register_button.isEnabled()
    assert dialog.problems_label.isHidden()


def test_subject_rules_keep_register_disabled(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill(dialog, subject="3")          # needs contract and login
    assert dialog.problems() == ["Este assunto exige um login."]
    assert not dialog.register_button.isEnabled()
    assert "exige contrato e login" in dialog.subject_hint.text()
    dialog.login_combo.setCurrentIndex(dialog.login_combo.findData("701"))
    assert dialog.register_button.isEnabled()
    dialog.contract_combo.setCurrentIndex(0)
    assert dialog.problems() == ["Este assunto exige um contrato."]
    assert dialog.choose_subject("4")   # process required, no default process in IXC
    assert any("processo" in p for p in dialog.problems())


def test_no_customer_cannot_be_registered(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, customer=None)
    _fill(dialog)
    assert dialog.problems() == ["Escolha o cliente na ficha antes de registrar."]
    assert not dialog.register_button.isEnabled()


def test_subject_search_and_default_priority(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.subject_list.count() == 4
    dialog.subject_search.setText("conex")
    assert [dialog.subject_list.item(i).text() for i in range(dialog.subject_list.count())] \
        == ["Sem conexão"]
    dialog.subject_list.setCurrentRow(0)
    assert dialog.subject is not None and dialog.subject.id == "1"
    assert dialog.priority_combo.currentData() == "A"   # the subject's default priority
    dialog.subject_search.setText("nada disso")
    assert dialog.subject_list.count() == 0
    assert dialog.subject_hint.text() == "Nenhum assunto encontrado."
    assert dialog.subject is not None                   # still chosen


def test_register_emits_the_request(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill(dialog)
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData("C"))
    dialog.solved_box.setChecked(True)
    with qtbot.waitSignal(dialog.log_requested) as signal:
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    submission = signal.args[0]
    assert isinstance(submission, LogSubmission)
    request = submission.request
    assert (request.customer_id, request.subject_id, request.ticket_sector_id) == \
        ("101", "2", "1")
    assert request.priority == "C" and request.solved and request.contract_id == "501"
    assert request.call_id == 7 and request.login_id == ""
    assert request.sections_checked == (Section.SERVICE_ORDERS, Section.CONNECTIONS)
    assert request.description == "Cliente sem sinal; reiniciou a ONU e voltou."
    assert submission.corrected_duration_s is None
    # no double submission while the first one is being stored
    assert not dialog.register_button.isEnabled() and not dialog.description.isEnabled()
    assert dialog.state_label.tone is Tone.INFO


def test_answered_elsewhere_duration_is_editable(qtbot: QtBot) -> None:
    call = CallSummary(history_id=8, number="(11) 3333-4444", started_at=CALL.started_at,
                       duration_s=None, direction="Recebida", outcome="Atendida em outro "
                       "aparelho", duration_editable=True)
    dialog = _dialog(qtbot, call=call)
    assert dialog.duration_edit is not None
    _fill(dialog)
    assert dialog.submission().corrected_duration_s is None      # untouched: not corrected
    dialog.duration_edit.setTime(QTime(0, 3, 20))
    assert dialog.submission().corrected_duration_s == 200


def test_pending_then_sent_with_protocol_and_copy(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.show_item(item(5, last_error="Sem conexão com o IXC."))
    assert dialog.state_label.text() == "pendente"
    assert "Sem conexão com o IXC." in dialog.result_label.text()
    assert dialog.copy_button.isHidden() and dialog.retry_button.isHidden()
    dialog.show_item(item(6, state=OutboxState.SENT, result={"protocol": "999"}))  # not ours
    assert dialog.state_label.text() == "pendente"
    dialog.show_item(item(5, state=OutboxState.SENT, result={"protocol": "20260320123"}))
    assert dialog.state_label.text() == "enviado" and dialog.state_label.tone is Tone.GOOD
    assert "Protocolo: 20260320123" in dialog.result_label.text()
    assert not dialog.copy_button.isHidden()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "20260320123"


def test_failed_shows_the_reason_and_retries(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.show_item(item(5, state=OutboxState.FAILED,
                          last_error="Preencha o campo Assunto."))
    assert dialog.state_label.text() == "falhou"
    assert "Preencha o campo Assunto." in dialog.result_label.text()
    assert not dialog.retry_button.isHidden()
    with qtbot.waitSignal(dialog.retry_requested) as signal:
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert signal.args == [5]


def test_refused_gives_the_form_back(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _fill(dialog)
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert not dialog.description.isEnabled()
    dialog.show_refused('O assunto "Lentidão" exige um login: escolha o login na ficha.')
    assert dialog.description.isEnabled() and dialog.register_button.isEnabled()
    assert "exige um login" in dialog.result_label.text()
    assert dialog.state_label.tone is Tone.BAD
