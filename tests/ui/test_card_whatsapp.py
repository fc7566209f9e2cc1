""""Enviar no WhatsApp" on the real desk, offscreen, against the IXC and OPA simulators: the
blocked customer's PIX code goes into his open OPA conversation (one send for a double click),
a customer with none gets the payment template, an exhausted daily allowance is said and sends
nothing, and every send is in the call's attendance text; off in [actions] → no button."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DEMO_PAYMENT_TEMPLATE, DemoBackends
from tests.ui.recording_engine import until
from tests.ui.ring_card import ring_for_card


async def test_pix_sent_into_the_open_conversation(desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    card = await ring_for_card(ramal, "bloqueio_automatico", "w1")
    invoice = card.record.open_invoices[0]
    asked: list[str] = []
    sender = ramal.customer_actions.whatsapp
    assert sender is not None
    sender.confirm = lambda _parent, _title, text: asked.append(text) or True

    card.action_buttons[("pix", invoice.id)].click()
    await until(lambda: card.action_panel.code.toPlainText())
    code = card.action_panel.code.toPlainText()
    panel = card.action_panel
    assert panel.share.isVisibleTo(card)
    panel.share.click()
    panel.share.click()                       # a double click: one send
    sender.request(card)
    await until(lambda: "enviado no WhatsApp" in panel.share_status.text())
    assert len(asked) == 1 and str(invoice.id) in asked[0]
    sent = [m["content"].get("text") for m in backends.opa.messages()]
    assert sent.count(code) == 1 and len(sent) == 2
    assert panel.code.toPlainText() == code                # the code stays on screen
    assert any(n.startswith("PIX enviado no WhatsApp às") for n in card.action_notes)
    dialog = ramal.attendance_prompts.open_log_for_call("w1")
    assert "PIX enviado no WhatsApp" in dialog.description.toPlainText()


async def test_boleto_by_template_and_quota(desk: tuple[RamalApp, DemoBackends],
                                            tmp_path: Path) -> None:
    ramal, backends = desk
    actions = ramal.customer_actions
    sender = actions.whatsapp
    assert sender is not None
    sender.confirm = lambda _parent, _title, _text: True
    # a customer with a landline only: said, nothing sent
    landline = await ring_for_card(ramal, "financeiro_em_atraso", "w2")
    landline.action_buttons[("pix", landline.record.open_invoices[0].id)].click()
    await until(lambda: landline.action_panel.share.isVisibleTo(landline))
    landline.action_panel.share.click()
    await until(lambda: "não tem celular" in landline.action_panel.share_status.text())

    card = await ring_for_card(ramal, "bloqueio_manual", "w4")
    invoice = card.record.open_invoices[0]
    actions.choose_pdf = lambda _parent, _name: tmp_path / "b.pdf"
    backends.opa.set_template_quota(10, sent_today=10)

    card.action_buttons[("boleto", invoice.id)].click()
    await until(lambda: "PDF salvo" in card.action_panel.details.text())
    card.action_panel.share.click()
    await until(lambda: "limite diário" in card.action_panel.share_status.text())
    assert backends.opa.templates_sent() == []

    backends.opa.set_template_quota(10, sent_today=3)
    card.action_panel.share.click()
    await until(lambda: "por modelo" in card.action_panel.share_status.text())
    sent = backends.opa.templates_sent()
    assert len(sent) == 1 and sent[0]["template"]["_id"] == DEMO_PAYMENT_TEMPLATE
    assert card.action_notes[-2].startswith("2ª via não enviado")
    assert card.action_notes[-1].startswith("2ª via enviada no WhatsApp")


async def test_whatsapp_off_hides_the_button(desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, _backends = desk
    source = ramal.settings_source
    settings = source()
    source.replace(dataclasses.replace(
        settings, actions=dataclasses.replace(settings.actions, whatsapp=False)))
    card = await ring_for_card(ramal, "bloqueio_automatico", "w3")
    card.action_buttons[("pix", card.record.open_invoices[0].id)].click()
    await until(lambda: card.action_panel.code.toPlainText())
    assert not card.action_panel.share.isVisibleTo(card)
