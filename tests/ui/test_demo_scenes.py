"""The demo's complete-attendance scenes (issue 16's "done when"), offscreen in the real desk
with the demo's own settings (:func:`with_demo_scenes`) and its own call list, against the
simulators: an answered call shows its protocol before hanging up and the log completes that
ticket with the checklist evidence; the missed call is returned from "Retornar" and logged; the
unknown caller's number is attached to a customer so the list's next call pops the card."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends, demo_calls, with_demo_scenes
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.ixc.models import Section
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall
from tests.ui.recording_engine import until


def _tickets(backends: DemoBackends, customer_id: str) -> list[dict[str, Any]]:
    return [t for t in backends.ixc.tables["su_ticket"] if t.get("id_cliente") == customer_id]


def _ring(ramal: RamalApp, call_id: str, number: str, name: str = "") -> None:
    ramal.handle_event(IncomingCall(call_id, number, name, False, False, f"<sip:{number}@x>"))


async def test_the_demo_scenes_in_the_desk(calling_desk: tuple[RamalApp, DemoBackends],
                                           qtbot: QtBot) -> None:
    ramal, backends = calling_desk
    ramal.settings_source.replace(with_demo_scenes(ramal.settings))
    await until(lambda: ramal.attendance.service.search_subjects())
    calls = demo_calls()

    # 1. an answered call: its protocol on the popup before hanging up, completed by the log
    maria = next(c for c in calls if c.number == DEMO_NUMBERS["em_dia"].number)
    _ring(ramal, "s1", maria.number, maria.name)
    popup = ramal.popups["s1"]
    await until(lambda: "s1" not in ramal.lookups and popup.card.record is not None)
    customer = str(popup.card.record.customer.id)
    before = len(_tickets(backends, customer))
    ramal.handle_event(CallStateChanged("s1", "answered"))
    await until(lambda: popup.protocol_bar.protocol)
    protocol = popup.protocol_bar.protocol
    assert protocol in popup.protocol_bar.label.text()
    popup.card.tabs.tabBarClicked.emit(popup.card.tab_index(Section.INVOICES))
    ramal.handle_event(CallEnded("s1", "completed", duration_s=40.0))
    dialog = ramal.log_dialogs["s1"]
    assert dialog.opened_protocol == protocol and "Financeiro:" in dialog.evidence
    assert dialog.choose_subject("5")          # "Segunda via de boleto": Financeiro was viewed
    dialog.description.setPlainText("Segunda via enviada por e-mail.")
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    tickets = _tickets(backends, customer)
    assert len(tickets) == before + 1
    [done] = [t for t in tickets if t["protocolo"] == protocol]
    assert "Financeiro:" in done["menssagem"] and done["id_assunto"] == "5"

    # 2. the call nobody answers, returned from "Retornar" and logged, linked
    missed = next(c for c in calls if c.ring_s < 15)
    _ring(ramal, "s2", missed.number, missed.name)
    await until(lambda: "s2" not in ramal.lookups)
    await until(lambda: ramal.history.get(ramal.history_ids["s2"]).customer_id)
    ramal.handle_event(CallEnded("s2", "missed"))
    missed_id = ramal.history_ids["s2"]
    view = ramal.callback_list
    await until(lambda: any(e.history_id == missed_id for e in view.entries))
    assert view.select_history_id(missed_id)
    view.call_button.click()
    qtbot.waitUntil(lambda: "out1" in ramal.history_ids)
    await until(lambda: ramal.history.get(ramal.history_ids["out1"]).customer_id)
    ramal.handle_event(CallStateChanged("out1", "answered"))
    ramal.handle_event(CallEnded("out1", "completed", duration_s=25.0))
    callback = ramal.log_dialogs["out1"]
    assert callback.choose_subject("2")
    callback.description.setPlainText("Retorno: lentidão resolvida.")
    callback.register_button.click()
    await until(lambda: callback.state_label.text() == "enviado")
    assert ramal.history.get(missed_id).logged
    assert ramal.history.get(ramal.history_ids["out1"]).callback_of == missed_id

    # 3. the unknown caller: its number attached to a customer, the next call pops the card
    unknown = DEMO_NUMBERS["desconhecido"].number
    first, second = [n for n, c in enumerate(calls) if c.number == unknown]
    _ring(ramal, "s3", calls[first].number, calls[first].name)
    stranger = ramal.popups["s3"]
    await until(lambda: stranger.lookup_finished)
    assert stranger.new_contact.isVisible()           # "Cadastrar como novo contato" offered
    ramal.choose_customer("s3", 101)
    await until(lambda: stranger.card.record is not None and stranger.card.record.complete)
    stranger.attach_phone_button.click()
    box = await until(lambda: ramal.phone_attach.confirmations.get("s3"))
    box.button(QMessageBox.StandardButton.Yes).click()
    await until(lambda: not stranger.attach_phone_button.isVisible())
    ramal.handle_event(CallEnded("s3", "missed"))
    _ring(ramal, "s4", calls[second].number, calls[second].name)
    again = ramal.popups["s4"]
    await until(lambda: again.lookup_finished)
    assert again.card.record is not None and again.card.record.customer.id == 101
    assert not again.new_contact.isVisible()
