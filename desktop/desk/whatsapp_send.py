""""Enviar no WhatsApp" on the card: the PIX code or 2ª via just shown goes to the customer
through OPA (:mod:`desktop.forward.whatsapp_payment`), once per click, and the send is written
into the call's attendance ("PIX enviado no WhatsApp às 14:07").

Offered only where ``[actions] whatsapp`` is on and OPA is configured; the panel keeps the
code on screen and shows OPA's answer under it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.forward.opa import OpaClient
from desktop.forward.whatsapp_payment import (
    PIX,
    PaymentShare,
    PaymentTemplate,
    send_payment,
    whatsapp_numbers,
)
from desktop.i18n import tr
from desktop.settings.model import Settings
from desktop.ui.customer_card import CustomerCard

_CONTEXT = "whatsapp_send"

Confirm = Callable[[QWidget, str, str], bool]


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def payment_template(settings: Settings) -> PaymentTemplate | None:
    if not settings.actions.whatsapp_template_id or not settings.opa.template_channel:
        return None
    names = tuple(v.strip() for v in settings.actions.whatsapp_template_variables.split(",")
                  if v.strip())
    return PaymentTemplate(settings.actions.whatsapp_template_id,
                           settings.opa.template_channel, names)


class WhatsAppSend:
    def __init__(self, opa: Callable[[], OpaClient | None], settings: Callable[[], Settings],
                 spawn: Callable[[Any], object], *, confirm: Confirm = ask_confirmation,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.opa = opa
        self.settings = settings
        self.spawn = spawn
        self.confirm = confirm
        self.clock = clock
        self.offered: dict[int, PaymentShare] = {}   # per card: what its panel shows now
        self.running: set[int] = set()

    def available(self) -> bool:
        return self.settings().actions.enabled("whatsapp") and self.opa() is not None

    def wire(self, card: CustomerCard) -> None:
        card.action_panel.share_requested.connect(lambda: self.request(card))

    def offer(self, card: CustomerCard, share: PaymentShare | None) -> bool:
        """Remember what the card's panel now shows; whether to show "Enviar no WhatsApp"."""
        self.offered.pop(id(card), None)
        if share is None or not self.available():
            return False
        self.offered[id(card)] = share
        return True

    def request(self, card: CustomerCard) -> None:
        """An explicit click: confirm, then send once (a second click meanwhile is ignored)."""
        share = self.offered.get(id(card))
        client = self.opa()
        record = card.record
        if share is None or client is None or record is None or id(card) in self.running:
            return
        if not self.settings().actions.enabled("whatsapp"):
            return
        self.running.add(id(card))
        what = (tr(_CONTEXT, "o PIX copia e cola") if share.kind == PIX
                else tr(_CONTEXT, "a 2ª via do boleto"))
        text = tr(_CONTEXT, "Enviar {what} da fatura {invoice} no WhatsApp de {name}? Vai na "
                            "conversa aberta no OPA ou, se não houver, por modelo de "
                            "mensagem.").format(what=what, invoice=share.invoice_id,
                                                name=record.customer.name)
        if not self.confirm(card, tr(_CONTEXT, "Enviar no WhatsApp"), text):
            self.running.discard(id(card))
            return
        card.action_panel.share.setEnabled(False)
        phones = whatsapp_numbers(record.customer.phones)
        self.spawn(self._send(card, client, share, phones))

    async def _send(self, card: CustomerCard, client: OpaClient, share: PaymentShare,
                    phones: list[str]) -> None:
        settings = self.settings()
        card.action_panel.show_share_status(tr(_CONTEXT, "Enviando pelo OPA…"), ok=True)
        try:
            result = await send_payment(client, share, phones, payment_template(settings),
                                        self.clock().date())
        finally:
            self.running.discard(id(card))
            card.action_panel.share.setEnabled(True)
        card.action_panel.show_share_status(result.message, ok=result.ok)
        card.action_notes.append(result.note(share, self.clock()))
