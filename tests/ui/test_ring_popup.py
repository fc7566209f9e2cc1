from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.ixc.models import CustomerMatch, LookupResult, SearchKind, Section
from desktop.settings.model import Sector
from desktop.ui.ring_popup import PAGE_CARD, PAGE_MESSAGE, PAGE_PICK, PAGE_SEARCH, RingPopup
from desktop.ui.view_models import CallerKind, CallPhase, CallView
from tests.ui.records import HOSTILE_NAMES, complete_record, customer, pending_record

SECTORS = (Sector(name="Suporte", transfer_to="2000"), Sector(name="Financeiro",
                                                              transfer_to="3000"),
           Sector(name="Sem ramal"))


def popup_for(qtbot: QtBot, call: CallView) -> RingPopup:
    popup = RingPopup(call, SECTORS)
    qtbot.addWidget(popup)
    popup.pop_up()
    return popup


def ringing(number: str = "+5511987654321", name: str = "MARIA SILVA",
            kind: CallerKind = CallerKind.EXTERNAL) -> CallView:
    return CallView("c1", number, name, incoming=True, phase=CallPhase.RINGING, kind=kind)


def test_pops_up_on_top_without_taking_focus(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing())
    flags = popup.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    assert popup.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert popup.isVisible()
    assert popup.number_label.text() == "(11) 98765-4321"
    assert popup.display_label.text() == "MARIA SILVA"
    assert popup.lookup_label.text() == "buscando no IXC…"
    assert popup.page() == PAGE_MESSAGE


def test_single_match_fills_the_card_progressively(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing())
    record = pending_record()
    popup.show_lookup(LookupResult("+5511987654321", (record,)), finished=False)
    assert popup.page() == PAGE_CARD
    assert popup.lookup_label.text() == "Cliente encontrado no IXC (carregando…)"
    full = complete_record()
    for section in Section:
        record = record.with_section(section, getattr(full, section.value))
        popup.show_lookup(LookupResult("+5511987654321", (record,)), finished=False)
    popup.show_lookup(LookupResult("+5511987654321", (record,)), finished=True)
    assert popup.lookup_label.text() == "Cliente encontrado no IXC"
    assert popup.card.name_label.text() == "Maria da Silva"


def test_several_matches_ask_who_is_calling(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing())
    family = tuple(complete_record(cid, name) for cid, name in
                   ((108, "Ana Souza"), (109, "João Souza"), (110, "Júlia Souza")))
    popup.show_lookup(LookupResult("+5511966665555", family), finished=True)
    assert popup.page() == PAGE_PICK
    assert popup.pick.customer_ids() == [108, 109, 110]
    assert popup.pick.list.item(1).text().splitlines()[:2] == ["João Souza", "***.456.789-**"]
    popup.pick.customer_chosen.emit(109)
    assert popup.page() == PAGE_CARD
    assert popup.current_customer_id() == 109
    popup.show_lookup(LookupResult("+5511966665555", family), finished=True)  # stays chosen
    assert popup.current_customer_id() == 109
    popup.back_to_list.click()
    assert popup.page() == PAGE_PICK


def test_a_number_shared_by_many_lists_the_rest_and_loads_one_on_demand(
        qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing())
    loaded = tuple(complete_record(cid, f"Apto {cid}") for cid in range(301, 306))
    rest = tuple(CustomerMatch(customer(cid, f"Apto {cid}"), SearchKind.PHONE)
                 for cid in range(306, 309))
    result = LookupResult("+5511970000300", loaded, more=rest, unread=292)
    popup.show_lookup(result, finished=True)
    assert popup.page() == PAGE_PICK
    assert "mais 295 clientes com este número" in popup.lookup_label.text()
    assert popup.pick.customer_ids() == list(range(301, 309))
    with qtbot.waitSignal(popup.customer_chosen) as chosen:
        popup.pick.customer_chosen.emit(307)          # not loaded yet: the search path loads it
    assert chosen.args == [popup.call.call_id, 307]
    popup.pick.customer_chosen.emit(302)              # loaded: shown at once
    assert popup.current_customer_id() == 302


def test_no_match_offers_the_search_box(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing("+5511900001234", ""))
    popup.show_lookup(LookupResult("+5511900001234"), finished=False)
    assert popup.page() == PAGE_MESSAGE
    popup.show_lookup(LookupResult("+5511900001234"), finished=True)
    assert popup.page() == PAGE_SEARCH
    assert popup.lookup_label.text() == "Nenhum cliente com este número no IXC."
    popup.search.query.setText("Maria")
    with qtbot.waitSignal(popup.search_requested) as blocker:
        popup.search.button.click()
    assert blocker.args == ["c1", "Maria"]


def test_search_box_can_be_disabled_with_a_reason(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing())
    popup.set_search_available(False, "Busca por nome ainda não disponível")
    assert not popup.search.query.isEnabled()
    assert popup.search.button.toolTip() == "Busca por nome ainda não disponível"


@pytest.mark.parametrize(("kind", "number", "text"), [
    (CallerKind.INTERNAL, "201", "Ramal interno: sem busca no IXC."),
    (CallerKind.ANONYMOUS, "", "Número oculto: sem busca no IXC."),
])
def test_internal_and_anonymous_calls_are_not_looked_up(
        qtbot: QtBot, kind: CallerKind, number: str, text: str) -> None:
    popup = popup_for(qtbot, ringing(number, "", kind))
    assert popup.lookup_label.text() == text
    assert popup.lookup_finished
    if kind is CallerKind.ANONYMOUS:
        assert popup.number_label.text() == "Número oculto"


def test_buttons_emit_commands_for_this_call(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing())
    with qtbot.waitSignal(popup.answer_requested) as answer:
        qtbot.mouseClick(popup.answer_button, Qt.MouseButton.LeftButton)
    assert answer.args == ["c1"]
    with qtbot.waitSignal(popup.decline_requested) as decline:
        qtbot.mouseClick(popup.decline_button, Qt.MouseButton.LeftButton)
    assert decline.args == ["c1"]
    actions = popup.transfer_menu.actions()
    assert [a.text() for a in actions] == ["Suporte (2000)", "Financeiro (3000)"]
    with qtbot.waitSignal(popup.transfer_requested) as transfer:
        actions[1].trigger()
    assert transfer.args == ["c1", "3000"]
    assert not popup.log_button.isEnabled() and popup.log_button.toolTip()
    assert not popup.forward_button.isEnabled() and popup.forward_button.toolTip()


def test_log_and_forward_open_up_once_the_call_was_answered(qtbot: QtBot) -> None:
    call = ringing()
    popup = popup_for(qtbot, call)
    popup.set_attendance_available(True)
    assert not popup.log_button.isEnabled()
    assert popup.log_button.toolTip() == "Disponível depois de atender a chamada."
    talking = dataclasses.replace(call, phase=CallPhase.CONNECTED,
                                  connected_at=datetime.now(UTC))
    popup.update_call(talking)
    assert popup.log_button.isEnabled() and popup.forward_button.isEnabled()
    popup.update_call(dataclasses.replace(talking, phase=CallPhase.ENDED))
    assert popup.log_button.isEnabled() and popup.forward_button.isEnabled()
    with qtbot.waitSignal(popup.log_button.clicked):
        qtbot.mouseClick(popup.log_button, Qt.MouseButton.LeftButton)
    # without the attendance service (no history database) they stay off, saying why
    popup.set_attendance_available(False)
    assert not popup.log_button.isEnabled()
    assert "histórico" in popup.log_button.toolTip()


def test_buttons_follow_the_call(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing())
    assert popup.answer_button.isVisible() and not popup.hangup_button.isVisible()
    popup.update_call(CallView("c1", "+5511987654321", phase=CallPhase.CONNECTED))
    assert not popup.answer_button.isVisible() and popup.hangup_button.isVisible()
    popup.update_call(CallView("c1", "+5511987654321", phase=CallPhase.ENDED))
    assert popup.close_button.isVisible() and not popup.hangup_button.isVisible()
    assert popup.phase_label.text() == "Chamada encerrada"


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_hostile_display_names_are_text(qtbot: QtBot, hostile: str) -> None:
    popup = popup_for(qtbot, ringing(name=hostile))
    popup.show_lookup(LookupResult("+5511987654321", (complete_record(name=hostile),)), True)
    assert all(lbl.textFormat() == Qt.TextFormat.PlainText for lbl in popup.findChildren(QLabel))
    assert popup.display_label.text().replace("\u200b", "").startswith(hostile[:100])
    assert popup.sizeHint().width() < 1200


def test_clicking_the_search_box_lets_the_popup_take_the_keyboard(qtbot: QtBot) -> None:
    popup = popup_for(qtbot, ringing("+5511900001234", ""))
    popup.show_lookup(LookupResult("+5511900001234", ()), finished=True)
    handle = popup.windowHandle()
    assert handle is not None and handle.flags() & Qt.WindowType.WindowDoesNotAcceptFocus
    qtbot.mouseClick(popup.search.query, Qt.MouseButton.LeftButton)
    # only the agent's click into the box lifts "never take focus"
    assert not handle.flags() & Qt.WindowType.WindowDoesNotAcceptFocus
    qtbot.waitUntil(popup.search.query.hasFocus, timeout=2000)
