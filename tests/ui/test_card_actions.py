"""The card's "Ações" in the real desk, offscreen, against the IXC simulator: buttons on the
blocked customer's contract, invoices and login; one request for a double click; the card
refreshed after an unlock; the PIX code with its QR code; the boleto saved; the Conexão tab's
diagnostics; every action in the call's attendance text; actions off → not shown."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.desk.customer_actions import enabled_kinds
from desktop.ixc.models import AccessStatus, Section
from desktop.ixc.pix_emv import check_br_code
from desktop.settings.model import ActionsSettings, Settings
from desktop.sip.events import IncomingCall
from desktop.ui.text_widgets import CopyButton
from tests.ui.recording_engine import until

BLOCKED = DEMO_NUMBERS["bloqueio_automatico"].number


async def _ring_blocked(ramal: RamalApp) -> object:
    completed: list[str] = []
    ramal.card_completed.connect(lambda cid, _t: completed.append(cid))
    ramal.handle_event(IncomingCall("a1", BLOCKED, "JOSE", False, False, f"<sip:{BLOCKED}@x>"))
    await until(lambda: completed == ["a1"])
    card = ramal.popups["a1"].card
    card.ensure_built()   # the hidden tabs (their action buttons) are built after the visible one
    return card


async def test_unlock_pix_boleto_and_diagnostics_from_the_card(
        desk: tuple[RamalApp, DemoBackends], tmp_path: Path) -> None:
    ramal, backends = desk
    card = await _ring_blocked(ramal)
    record = card.record
    contract = record.contracts[0]
    assert contract.access_status is AccessStatus.BLOCKED_AUTOMATIC
    # the txid copy button is gone: the PIX action reads the real code
    assert not [b for b in card.findChildren(CopyButton) if b.label == "Copiar PIX"]
    invoice = record.open_invoices[0]
    login = record.connections[0]
    for key in (("unlock", contract.id), ("pix", invoice.id), ("boleto", invoice.id),
                ("sessions", login.id), ("disconnect", login.id)):
        assert key in card.action_buttons, key
    assert ("temporary-release", contract.id) not in card.action_buttons   # off by default

    asked: list[str] = []
    actions = ramal.customer_actions
    actions.confirm = lambda _parent, _title, text: asked.append(text) or True
    pdf = tmp_path / "boleto.pdf"
    actions.choose_pdf = lambda _parent, _name: pdf
    log = backends.ixc.state.log

    # double click: the second click finds the action running and sends nothing
    button = card.action_buttons[("unlock", contract.id)]
    button.click()
    button.click()
    actions.request(card, "unlock", contract.id)
    await until(lambda: card.record.contracts[0].access_status is AccessStatus.ACTIVE)
    assert sum(1 for r in list(log) if r.table == "desbloqueio_confianca") == 1
    assert len(asked) == 1 and "desbloqueio de confiança" in asked[0].lower()
    assert card.record.contracts[0].trust_unlock_active

    card.action_buttons[("pix", invoice.id)].click()
    await until(lambda: card.action_panel.code.toPlainText())
    code = card.action_panel.code.toPlainText()
    assert check_br_code(code) is not None and code != invoice.pix_txid
    assert card.action_panel.qr.pixmap() is not None and not card.action_panel.qr.pixmap().isNull()
    copy = next(b for b in card.action_panel.copy_buttons if b.value == code)
    copy.click()
    assert QApplication.clipboard().text() == code

    card.action_buttons[("boleto", invoice.id)].click()
    await until(pdf.exists)
    assert pdf.read_bytes().startswith(b"%PDF")
    await until(lambda: "PDF salvo" in card.action_panel.details.text())

    card.tabs.tabBarClicked.emit(card.tab_index(Section.CONNECTIONS))
    await until(lambda: "ONU" in card.action_panel.details.text())
    assert "→" in card.action_panel.details.text()        # the sessions, start → end

    notes = card.action_notes
    assert re.fullmatch(r"Desbloqueio de confiança concedido às \d\d:\d\d", notes[0])
    assert notes[1].startswith("PIX copia e cola gerado às") and notes[2].startswith("2ª via")
    dialog = ramal.attendance_prompts.open_log_for_call("a1")
    text = dialog.description.toPlainText()
    assert all(note in text for note in notes)


async def test_refusal_shown_and_disconnect_confirmed(desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    card = await _ring_blocked(ramal)
    login = card.record.connections[0]
    actions = ramal.customer_actions
    actions.confirm = lambda _parent, _title, _text: False
    card.action_buttons[("disconnect", login.id)].click()
    assert not [r for r in backends.ixc.state.log if r.table == "desconectar_clientes"]
    actions.confirm = lambda _parent, _title, _text: True
    card.action_buttons[("disconnect", login.id)].click()
    await until(lambda: "não está conectado" in card.action_panel.message.text())
    assert "recusado" in card.action_notes[-1]


async def test_actions_switched_off_are_not_shown(desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, _backends = desk
    card = await _ring_blocked(ramal)
    off = Settings(actions=ActionsSettings(trust_unlock=False, pix=False, disconnect=False))
    card.set_enabled_actions(enabled_kinds(off))
    card.ensure_built()
    shown = {kind for kind, _target in card.action_buttons}
    assert {"boleto", "sessions", "onu", "clear-mac", "service-order"} <= shown
    assert not {"unlock", "pix", "disconnect", "temporary-release"} & shown
    card.action_requested.emit("pix", card.record.open_invoices[0].id)   # a stale click
    assert not card.action_panel.isVisibleTo(card)
