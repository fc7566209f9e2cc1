from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.ixc.models import Section
from desktop.ui.customer_card import CustomerCard
from desktop.ui.text_widgets import BadgeLabel, CopyButton
from tests.ui.records import HOSTILE_NAMES, complete_record, pending_record


def make_card(qtbot: QtBot) -> CustomerCard:
    card = CustomerCard()
    qtbot.addWidget(card)
    card.resize(480, 600)
    card.show()
    return card


def badge_texts(card: CustomerCard) -> list[str]:
    return [b.text() for b in card.badge_box.findChildren(BadgeLabel)]


def test_card_fills_in_as_sections_arrive(qtbot: QtBot) -> None:
    card = make_card(qtbot)
    partial = pending_record()
    card.set_record(partial)
    assert card.name_label.text() == "Maria da Silva"
    assert card.tabs.tabText(card.tab_index(Section.INVOICES)) == "Financeiro …"
    assert badge_texts(card) == []

    full = complete_record(overdue=True)
    for section in Section:
        partial = partial.with_section(section, getattr(full, section.value))
        card.set_record(partial)
    assert card.tabs.tabText(card.tab_index(Section.INVOICES)) == "Financeiro (3)"
    assert "Financeiro em atraso: R$ 89,90 · 17 dia(s) · 1 fatura(s)" in badge_texts(card)
    assert card.identity_label.text().startswith("***.456.789-**")


def test_alerta_is_prominent_and_plain(qtbot: QtBot) -> None:
    card = make_card(qtbot)
    card.set_record(complete_record(alerta="<b>Cliente ameaçou ir ao PROCON</b>"))
    assert card.alert_label.isVisible()
    assert card.alert_label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Cliente ameaçou ir ao PROCON</b>" in card.alert_label.text()


def test_opened_sections_count_only_the_agents_clicks(qtbot: QtBot) -> None:
    card = make_card(qtbot)
    card.set_record(complete_record())
    assert card.opened_sections() == frozenset()
    bar = card.tabs.tabBar()
    for section in (Section.SERVICE_ORDERS, Section.CONNECTIONS):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                         pos=bar.tabRect(card.tab_index(section)).center())
    card.set_record(complete_record())  # a progressive update does not forget them
    assert card.opened_sections() == {Section.SERVICE_ORDERS, Section.CONNECTIONS}
    assert card.tabs.currentIndex() == card.tab_index(Section.CONNECTIONS)
    card.set_record(complete_record(cid=202))  # another customer: start over
    assert card.opened_sections() == frozenset()


def test_copy_buttons_copy_the_exact_value(qtbot: QtBot) -> None:
    card = make_card(qtbot)
    card.set_record(complete_record(overdue=True, open_os=True))
    # the hidden tabs are built in the loop turns after the visible one
    qtbot.waitUntil(lambda: all(card.page_built(s) for s in Section))
    buttons = {(b.label, b.value[:8]): b for b in card.findChildren(CopyButton)}
    qtbot.mouseClick(buttons["Copiar linha digitável", "34191.79"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        "34191.79001 01043.510047 91020.150008 1 12340000008990")
    # pix_txid is a transaction id no bank app can pay: no button copies it (the PIX action
    # reads the real "copia e cola" from IXC)
    assert not [key for key in buttons if key[0] == "Copiar PIX"]
    protocols = [b.value for b in card.findChildren(CopyButton) if b.label == "Copiar protocolo"]
    assert "2026031900042" in protocols and "2026031800007" in protocols


def test_open_in_ixc_emits_the_customer_id(qtbot: QtBot) -> None:
    card = make_card(qtbot)
    card.set_record(complete_record(cid=4321))
    with qtbot.waitSignal(card.open_in_ixc_requested) as blocker:
        qtbot.mouseClick(card.open_ixc_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [4321]


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_hostile_customer_text_is_never_markup(qtbot: QtBot, hostile: str) -> None:
    card = make_card(qtbot)
    record = complete_record(name=hostile, alerta=hostile, open_os=True)
    card.set_record(record)
    card.ensure_built()
    labels = card.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    shown = card.name_label.text().replace("\u200b", "")
    assert shown == hostile[:159] + "…" if len(hostile) > 160 else shown == hostile
    # a 5000-character name wraps instead of widening the card past the screen
    assert card.sizeHint().width() < 1200
    assert card.minimumSizeHint().width() < 1200


def test_an_arriving_section_rebuilds_only_its_own_tab(qtbot: QtBot) -> None:
    card = make_card(qtbot)
    partial = pending_record()
    card.set_record(partial)
    full = complete_record(overdue=True)
    partial = partial.with_section(Section.SERVICE_ORDERS, full.service_orders)
    card.set_record(partial)
    card.ensure_built()
    pages = {s: card._pages[card.tab_index(s)].widget() for s in Section}
    partial = partial.with_section(Section.CONNECTIONS, full.connections)
    card.set_record(partial)
    # only the tab on show is built at once: the changed hidden one waits for its turn
    assert not card.page_built(Section.CONNECTIONS) and card.page_built(Section.INVOICES)
    card.ensure_built()
    after = {s: card._pages[card.tab_index(s)].widget() for s in Section}
    assert after[Section.CONNECTIONS] is not pages[Section.CONNECTIONS]
    assert [s for s in Section if after[s] is not pages[s]] == [Section.CONNECTIONS]
    # the same record again changes nothing; another customer rebuilds everything
    card.set_record(partial)
    assert all(card.page_built(s) for s in Section)
    assert all(card._pages[card.tab_index(s)].widget() is after[s] for s in Section)
    card.set_record(pending_record(99, "Outro"))
    assert card.name_label.text() == "Outro"
    card.ensure_built()
    assert all(card._pages[card.tab_index(s)].widget() is not after[s] for s in Section)


def test_hidden_tabs_are_built_after_the_visible_one_or_when_shown(qtbot: QtBot) -> None:
    card = make_card(qtbot)
    card.set_record(complete_record(overdue=True, open_os=True))
    # the ringing card draws the summary (on show) first; the other pages wait their turn
    assert card.page_built(Section.INVOICES) is False
    summary = card._pages[0].widget()
    assert summary is not None and "Financeiro" in [
        label.text() for label in summary.findChildren(QLabel)]
    assert card.tabs.tabText(card.tab_index(Section.INVOICES)) == "Financeiro (3)"
    # showing a tab builds its page at once
    card.tabs.setCurrentIndex(card.tab_index(Section.CONNECTIONS))
    assert card.page_built(Section.CONNECTIONS) and not card.page_built(Section.TICKETS)
    # the rest follow in the next loop turns, one page per turn
    qtbot.waitUntil(lambda: all(card.page_built(s) for s in Section))
    invoices = card._pages[card.tab_index(Section.INVOICES)].widget()
    assert invoices is not None and any(
        "em atraso" in label.text() for label in invoices.findChildren(QLabel))
