"""An unknown caller's number attached to the customer the agent found by hand (issue 16),
offscreen against the IXC simulator: asked first, written into an empty phone column without
overwriting, and the next call from that number pops the customer's card."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.phone.numbers import normalize_br_number
from desktop.sip.events import CallEnded, IncomingCall
from tests.ui.recording_engine import until

UNKNOWN = DEMO_NUMBERS["desconhecido"].number
MARIA = 101


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


async def test_an_unknown_number_attached_after_confirmation_pops_the_card_next_time(
        desk: tuple[RamalApp, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    [before] = [dict(r) for r in backends.ixc.tables["cliente"] if r["id"] == str(MARIA)]
    ramal.handle_event(IncomingCall("u1", UNKNOWN, "", False, False, f"<sip:{UNKNOWN}@x>"))
    popup = ramal.popups["u1"]
    await until(lambda: popup.lookup_finished)
    assert not popup.attach_phone_button.isVisible()
    ramal.choose_customer("u1", MARIA)
    await until(lambda: popup.card.record is not None and popup.card.record.complete)
    assert popup.attach_phone_button.isVisible()

    # "No": nothing written
    popup.attach_phone_button.click()
    box = await until(lambda: ramal.phone_attach.confirmations.get("u1"))
    assert "Maria Aparecida da Silva" in box.text() and "próximas ligações" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    [row] = [r for r in backends.ixc.tables["cliente"] if r["id"] == str(MARIA)]
    assert row == before

    # "Yes": one empty column filled, the others (and the secrets) kept
    popup.attach_phone_button.click()
    box = await until(lambda: ramal.phone_attach.confirmations.get("u1"))
    box.button(QMessageBox.StandardButton.Yes).click()
    await until(lambda: not popup.attach_phone_button.isVisible())
    [row] = [r for r in backends.ixc.tables["cliente"] if r["id"] == str(MARIA)]
    changed = {k for k in row if row[k] != before.get(k)} - {"ultima_atualizacao"}
    assert len(changed) == 1
    [column] = changed
    assert not before[column].strip()
    assert _digits(row[column]).endswith(normalize_br_number(UNKNOWN).subscriber)
    assert "adicionado" in ramal.window.statusBar().currentMessage()
    ramal.handle_event(CallEnded("u1", "missed"))

    # the next call from the number pops Maria's card
    ramal.handle_event(IncomingCall("u2", UNKNOWN, "", False, False, f"<sip:{UNKNOWN}@x>"))
    again = ramal.popups["u2"]
    await until(lambda: again.lookup_finished)
    assert again.card.record is not None and again.card.record.customer.id == MARIA
