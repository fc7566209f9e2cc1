"""The card's "Abrir OS" through its dialog (subject and sector picked from IXC's lists, a
visit date) and the unlock that IXC answers too late, on the real desk against the simulators."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc import DEMO_TOKEN
from desktop.desk.customer_actions import OrderChoices, order_from, service_order_dialog
from desktop.ixc.client import IxcClient
from desktop.ixc.models import AccessStatus, CustomerRecord
from desktop.ixc.service_order_open import NewServiceOrder
from desktop.settings.model import Settings
from desktop.ui.service_order_dialog import ServiceOrderDialog
from tests.ui.recording_engine import until
from tests.ui.ring_card import ring_for_card


async def test_open_os_through_the_dialog(desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    actions = ramal.customer_actions
    # the attendance service's IXC cache fills at start: the dialog's lists come from it
    await until(lambda: actions.order_choices().subjects and actions.order_choices().sectors)
    card = await ring_for_card(ramal, "os_aberta", "o1")
    record = card.record
    seen: list[ServiceOrderDialog] = []

    def fill_in(parent: object, rec: CustomerRecord, settings: Settings, now: datetime,
                choices: OrderChoices) -> NewServiceOrder | None:
        dialog = service_order_dialog(card, rec, settings, now, choices)
        seen.append(dialog)
        labels = [dialog.subject.itemText(i) for i in range(dialog.subject.count())]
        assert labels == [f"{label} ({sid})" for sid, label in choices.subjects]
        dialog.subject.setCurrentIndex(1)
        dialog.sector.setCurrentIndex(dialog.sector.findData(choices.sectors[-1][0]))
        dialog.priority.setCurrentIndex(2)                  # Alta
        dialog.schedule.setChecked(True)
        return order_from(dialog, rec)

    actions.ask_order = fill_in
    card.action_buttons[("service-order", record.customer.id)].click()
    await until(lambda: any(b.value.isdigit() for b in card.action_panel.copy_buttons))
    choices = actions.order_choices()
    assert seen[0].subject.currentData() == choices.subjects[1][0]
    assert "Aberta pelo Ramal" in seen[0].description.toPlainText()
    copy = next(b for b in card.action_panel.copy_buttons if b.value.isdigit())
    order_id = copy.value
    row = next(r for r in backends.ixc.tables["su_oss_chamado"] if r["id"] == order_id)
    assert row["id_assunto"] == choices.subjects[1][0]
    assert row["setor"] == choices.sectors[-1][0] and row["prioridade"] == "A"
    assert row["status"] == "AG" and row["data_agenda"]
    assert row["id_cliente"] == str(record.customer.id)
    copy.click()
    assert QApplication.clipboard().text() == order_id
    assert f"OS {order_id} aberta às" in card.action_notes[-1]
    dialog = ramal.attendance_prompts.open_log_for_call("o1")
    assert f"OS {order_id} aberta" in dialog.description.toPlainText()


def test_typed_ids_still_accepted(qtbot: object) -> None:
    dialog = ServiceOrderDialog("texto", "7", "", datetime(2026, 3, 10, 9, 0),
                                subjects=[("1", "Sem conexão")], sectors=[("2", "Suporte")])
    form = dialog.values()
    assert form is not None and (form.subject_id, form.sector_id) == (7, None)
    dialog.subject.setEditText("Sem conexão (1)")
    dialog.sector.setEditText("abc")
    assert dialog.values() is None                       # not an id: refused, not guessed
    dialog.sector.setEditText("2")
    form = dialog.values()
    assert form is not None and (form.subject_id, form.sector_id, form.visit) == (1, 2, None)


async def test_late_unlock_is_read_back_not_offered_again(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    """IXC unlocks but answers after the desk gave up: the card reads the contract, says the
    unlock is active and offers no "Tentar de novo"; one desbloqueio_confianca in IXC's log."""
    ramal, backends = desk
    card = await ring_for_card(ramal, "bloqueio_automatico", "t1")
    contract = card.record.contracts[0]
    actions = ramal.customer_actions
    actions.confirm = lambda _parent, _title, _text: True
    impatient = IxcClient(backends.ixc.url, DEMO_TOKEN, timeout_s=0.5)
    actions.client = lambda: impatient
    backends.ixc.set_faults(answer_delay_ms=1500, tables=["desbloqueio_confianca"])
    try:
        card.action_buttons[("unlock", contract.id)].click()
        await until(lambda: "demorou a responder" in card.action_panel.message.text(),
                    timeout_s=10)
        await until(lambda: card.record.contracts[0].access_status is AccessStatus.ACTIVE)
    finally:
        backends.ixc.clear_faults()
        await impatient.aclose()
    assert not card.action_panel.retry.isVisibleTo(card)
    posts = [r for r in backends.ixc.state.log if r.table == "desbloqueio_confianca"]
    assert len(posts) == 1
    assert card.action_notes[-1].startswith("Desbloqueio de confiança concedido")
