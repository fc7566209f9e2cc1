""""Enviar no WhatsApp": an invoice's PIX copia e cola or its 2ª via sent to the customer
through OPA, while the agent is still on the call.

Where the customer has an open OPA conversation (AG/EA/PS, last 7 days, found by phone or
contact), the messages go into it (``POST /atendimento/mensagem/send``): no template, no quota.
Otherwise WhatsApp only lets a business start a conversation with an approved template
(``POST /template/send``), counted against the channel's daily allowance: the allowance is
read first (``limites-diarios-envio``) and an exhausted one refuses before anything is sent.

A direct call, not the outbox: the agent is telling the customer "acabei de enviar", so the
answer is needed now, not after a back-off; a PIX code sent an hour later, after the customer
hung up and maybe paid another way, is worse than a clear "não enviado". And OPA offers no way
to read a sent message back, so the outbox could not make a resend safe anyway: a request that
may have reached OPA (connection lost after sending) is reported as *uncertain* and never
repeated by itself — the agent asks the customer before clicking again.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop.forward.case import format_brl
from desktop.forward.opa import (
    OPEN_WINDOW_DAYS,
    OpaClient,
    OpaError,
    find_open_attendances,
)
from desktop.i18n import N_, tr
from desktop.phone.numbers import NumberKind, normalize_br_number

_CONTEXT = "whatsapp_payment"

PIX = "pix"
BOLETO = "boleto"
# IXC's phone columns, the one the customer gave as WhatsApp first
_PHONE_ORDER = ("whatsapp", "telefone_celular", "fone", "telefone_comercial")

_NOTES = {
    (PIX, True): N_(_CONTEXT, "PIX enviado no WhatsApp às {time} (fatura {invoice})"),
    (BOLETO, True): N_(_CONTEXT, "2ª via enviada no WhatsApp às {time} (fatura {invoice})"),
}


@dataclass(frozen=True)
class PaymentShare:
    """What is sent: ``code`` is the PIX copia e cola or the boleto's linha digitável."""

    kind: str                 # PIX or BOLETO
    invoice_id: int
    customer_name: str
    code: str
    amount: Decimal | None = None
    due: date | None = None
    link: str = ""            # the boleto's payment page (fn_areceber.gateway_link)
    pdf: bytes = b""          # the 2ª via, attached when there is no link to send

    @property
    def label(self) -> str:
        return tr(_CONTEXT, "PIX") if self.kind == PIX else tr(_CONTEXT, "2ª via")


@dataclass(frozen=True)
class PaymentTemplate:
    """The approved WhatsApp template that opens a conversation with a payment."""

    template_id: str
    channel_id: str
    variables: tuple[str, ...]


@dataclass(frozen=True)
class ShareResult:
    ok: bool
    message: str              # pt-BR, shown on the card
    via_template: bool = False
    protocol: str = ""        # the OPA conversation it went into
    uncertain: bool = False   # the request may have reached OPA: never resent by itself

    def note(self, share: PaymentShare, at: datetime) -> str:
        """The line the send leaves in the call's attendance ("PIX enviado no WhatsApp…")."""
        clock = at.strftime("%H:%M")
        if self.ok:
            text = tr(_CONTEXT, _NOTES[(share.kind, True)]).format(
                time=clock, invoice=share.invoice_id)
            return text + (tr(_CONTEXT, " por modelo") if self.via_template else "")
        return tr(_CONTEXT, "{what} não enviado no WhatsApp às {time}: {message}").format(
            what=share.label, time=clock, message=self.message)


def whatsapp_numbers(phones: Mapping[str, str], caller: str = "") -> list[str]:
    """The customer's Brazilian mobile numbers (E.164), the WhatsApp column first, then the
    caller's own number: landlines and extensions have no WhatsApp."""
    ordered = [phones.get(c, "") for c in _PHONE_ORDER]
    ordered += [v for c, v in phones.items() if c not in _PHONE_ORDER]
    ordered.append(caller)
    found: list[str] = []
    for raw in ordered:
        number = normalize_br_number(raw) if raw else None
        if number and number.kind is NumberKind.BRAZIL and number.is_mobile \
                and number.number not in found:
            found.append(number.number)
    return found


def _describe(share: PaymentShare) -> str:
    parts = [f"fatura {share.invoice_id}"]
    if share.amount is not None:
        parts.append(format_brl(share.amount))
    if share.due is not None:
        parts.append(f"vencimento {share.due:%d/%m/%Y}")
    return ", ".join(parts)


def conversation_messages(share: PaymentShare) -> list[dict[str, Any]]:
    """What goes into an open conversation. The PIX code travels alone in its own message:
    WhatsApp copies a whole message, and a bank app refuses a code with words around it.

    Always in Portuguese, not through ``tr``: the customer reads it, whatever language the
    agent's desk is in."""
    name = share.customer_name.split()[0].title() if share.customer_name.strip() else ""
    hello = f"Olá, {name}!" if name else "Olá!"
    what = _describe(share)
    if share.kind == PIX:
        intro = (f"{hello} Segue o PIX copia e cola da sua {what}. Copie a próxima mensagem e "
                 "cole no app do seu banco, em PIX → Copia e cola.")
        return [{"type": "text", "text": intro}, {"type": "text", "text": share.code}]
    lines = [f"{hello} Segue a 2ª via da sua {what}."]
    if share.code:
        lines.append(f"Linha digitável: {share.code}")
    if share.link:
        lines.append(f"Boleto: {share.link}")
    messages: list[dict[str, Any]] = [{"type": "text", "text": "\n".join(lines)}]
    if not share.link and share.pdf:
        encoded = base64.b64encode(share.pdf).decode("ascii")
        messages.append({"type": "media", "media": {
            "base64": f"data:application/pdf;base64,{encoded}"}})
    return messages


def template_values(share: PaymentShare, names: Sequence[str]) -> list[str]:
    values = {
        "nome": share.customer_name, "fatura": str(share.invoice_id),
        "valor": format_brl(share.amount) if share.amount is not None else "",
        "vencimento": share.due.strftime("%d/%m/%Y") if share.due else "",
        "codigo": share.code, "link": share.link,
    }
    return [values.get(name, "") for name in names]


def _failure(exc: OpaError, *, sending: bool) -> ShareResult:
    if exc.maybe_applied and sending:
        return ShareResult(False, tr(_CONTEXT, "{error} A mensagem pode ter chegado: pergunte ao "
                                               "cliente antes de enviar de novo.").format(
            error=exc.message), uncertain=True)
    return ShareResult(False, exc.message)


async def send_payment(client: OpaClient, share: PaymentShare, phones: Sequence[str],
                       template: PaymentTemplate | None, today: date) -> ShareResult:
    """Send ``share`` to the customer's WhatsApp once; never raises for OPA's answers."""
    if not phones:
        return ShareResult(False, tr(_CONTEXT, "O cadastro do cliente no IXC não tem celular "
                                               "com WhatsApp."))
    if not share.code and not share.link:
        return ShareResult(False, tr(_CONTEXT, "Não há código para enviar."))
    since = today - timedelta(days=OPEN_WINDOW_DAYS)
    try:
        open_ones = await find_open_attendances(client, phones, since)
    except OpaError as exc:
        return _failure(exc, sending=False)
    if open_ones:
        target = open_ones[0]
        sent = 0
        try:
            for content in conversation_messages(share):
                await client.send_message(target.id, content)
                sent += 1
        except OpaError as exc:
            failed = _failure(exc, sending=True)
            if sent and not failed.uncertain:
                return ShareResult(False, tr(_CONTEXT, "Só parte foi enviada: {error}").format(
                    error=failed.message))
            return failed
        return ShareResult(True, tr(_CONTEXT, "{what} enviado no WhatsApp, na conversa {protocol} "
                                              "do OPA.").format(what=share.label,
                                                               protocol=target.protocol),
                           protocol=target.protocol)
    return await _send_template(client, share, phones[0], template)


async def _send_template(client: OpaClient, share: PaymentShare, phone: str,
                         template: PaymentTemplate | None) -> ShareResult:
    if template is None or not template.template_id or not template.channel_id:
        return ShareResult(False, tr(_CONTEXT, "O cliente não tem conversa aberta no OPA e nenhum "
                                               "modelo de WhatsApp de cobrança está configurado "
                                               "([actions] whatsapp_template_id e [opa] "
                                               "template_channel)."))
    try:
        quota = await client.template_quota(template.channel_id)
    except OpaError as exc:
        if exc.transient or exc.status in (401, 403):
            return _failure(exc, sending=False)
        quota = None   # an OPA without the allowance route: its refusal on send still counts
    if quota is not None and quota.exhausted:
        return ShareResult(False, _quota_text(quota.sent, quota.limit))
    try:
        await client.send_template(
            phone_e164=phone, template_id=template.template_id, channel_id=template.channel_id,
            variables=template_values(share, template.variables),
            metadata={"origem": "ramal", "fatura": str(share.invoice_id), "tipo": share.kind})
    except OpaError as exc:
        if exc.status == 429:
            return ShareResult(False, _quota_text(None, None))
        return _failure(exc, sending=True)
    return ShareResult(True, tr(_CONTEXT, "{what} enviado no WhatsApp por modelo para {phone} "
                                          "(o cliente não tinha conversa aberta).").format(
        what=share.label, phone=phone), via_template=True)


def _quota_text(sent: int | None, limit: int | None) -> str:
    counted = (tr(_CONTEXT, " ({sent} de {limit} hoje)").format(sent=sent, limit=limit)
               if sent is not None and limit is not None else "")
    return tr(_CONTEXT, "O limite diário de modelos de WhatsApp do canal acabou{counted}. Peça ao "
                        "cliente que mande uma mensagem no WhatsApp (conversa aberta não usa o "
                        "limite) ou passe o código por telefone.").format(counted=counted)
