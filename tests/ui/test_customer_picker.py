"""The pick list's entries: drawn by a delegate as two lines (bold name + status hint, then the
masked CPF/CNPJ and address), from plain text only, sized to its entries up to a limit."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.ui.customer_badges import Tone
from desktop.ui.customer_picker import (
    VISIBLE_ROWS,
    CustomerPickList,
    detail_line,
    status_hint,
)
from desktop.ui.text_widgets import TONE_COLORS
from desktop.ui.view_models import CustomerLine
from tests.ui.records import HOSTILE_NAMES

FAMILY = [
    CustomerLine(108, "Helena Martins Rocha", "123.223.307-00", "Rua São Bento, 548",
                    active=True),
    CustomerLine(109, "Jorge Martins Rocha", "12.345.678/0001-90", "Rua da Consolação",
                    active=True, blocked=True),
    CustomerLine(110, "Beatriz Martins Rocha", "", "Av. Brasil, 1953", active=False),
    CustomerLine(111, "Sem situação conhecida"),
]


def pick_list(qtbot: QtBot, customers: list[CustomerLine]) -> CustomerPickList:
    widget = CustomerPickList("Quem está ligando?")
    qtbot.addWidget(widget)
    widget.resize(520, 600)
    widget.set_customers(customers)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def has_colour(image: QImage, colour: str, rows: range) -> bool:
    wanted = QColor(colour).rgb()
    return any(image.pixel(x, y) == wanted for y in rows for x in range(image.width()))


def test_entries_show_status_document_and_address(qtbot: QtBot) -> None:
    widget = pick_list(qtbot, FAMILY)
    assert [status_hint(s) for s in FAMILY] == [
        ("Ativo", Tone.GOOD), ("Bloqueado", Tone.BAD), ("Inativo", Tone.NEUTRAL), None]
    assert detail_line(FAMILY[0]) == "***.223.307-** · Rua São Bento, 548"
    # each entry's status pill is painted in its tone's colour, on that entry's rows
    image = widget.list.viewport().grab().toImage()
    for row, tone in ((0, Tone.GOOD), (1, Tone.BAD), (2, Tone.NEUTRAL)):
        rect = widget.list.visualRect(widget.list.model().index(row, 0))
        assert has_colour(image, TONE_COLORS[tone][0], range(rect.top(), rect.bottom()))
    rect = widget.list.visualRect(widget.list.model().index(3, 0))
    assert not any(has_colour(image, TONE_COLORS[t][0], range(rect.top(), rect.bottom()))
                   for t in (Tone.GOOD, Tone.BAD))     # (grey text may match the neutral)
    # the entry's text and tooltip stay plain text (accessibility, copy)
    assert widget.list.item(0).text().splitlines()[:2] == ["Helena Martins Rocha",
                                                           "***.223.307-**"]


def test_the_list_is_as_tall_as_its_entries_up_to_a_limit(qtbot: QtBot) -> None:
    widget = pick_list(qtbot, FAMILY[:2])
    two = widget.list.height()
    row = widget.list.sizeHintForRow(0)
    assert two < 3 * row and two >= 2 * row        # no big empty box under two entries
    many = [CustomerLine(200 + i, f"Cliente {i}") for i in range(12)]
    widget.set_customers(many)
    assert widget.list.height() >= VISIBLE_ROWS * row
    assert widget.list.height() < (VISIBLE_ROWS + 1) * row   # then it scrolls
    qtbot.waitUntil(lambda: widget.list.verticalScrollBar().maximum() > 0)


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_hostile_names_are_drawn_as_text(qtbot: QtBot, hostile: str) -> None:
    widget = pick_list(qtbot, [CustomerLine(1, hostile, "", hostile, active=True),
                               CustomerLine(2, "Maria")])
    image = widget.list.viewport().grab().toImage()     # painting must not choke on it
    assert not image.isNull()
    assert widget.list.item(0).text().startswith(hostile[:60])
    tip = widget.list.item(0).toolTip()
    assert "<b>" not in tip and "<img" not in tip and "<a " not in tip
