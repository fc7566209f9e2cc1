""""Enviar no WhatsApp" through the real OPA client against the OPA simulator: into an open
conversation, by template where none is open, the daily quota read first and its 429, a
dropped connection reported as uncertain and not resent, and the numbers a customer has."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from desktop.demo.simulators.opa import OpaSimulator, start_opa_simulator
from desktop.forward.opa import OpaClient, OpaError
from desktop.forward.whatsapp_payment import (
    BOLETO,
    PIX,
    PaymentShare,
    PaymentTemplate,
    conversation_messages,
    send_payment,
    whatsapp_numbers,
)

TODAY = date(2026, 3, 10)
PHONE = "+5511981234567"
CODE = "00020101021226880014br.gov.bcb.pix2566qrcode.exemplo/v2/cobv/abc5204000053039865406129.90" \
       "5802BR5913PROVEDOR DEMO6009SAO PAULO62070503***6304ABCD"
SHARE = PaymentShare(PIX, 7001, "JOSÉ CARLOS PEREIRA", CODE, Decimal("129.90"),
                     date(2026, 3, 5))
TEMPLATE = PaymentTemplate("modelo-cobranca", "canal-wa", ("nome", "valor", "codigo"))


@pytest.fixture
def opa() -> Iterator[OpaSimulator]:
    sim = start_opa_simulator()
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture
async def client(opa: OpaSimulator) -> AsyncIterator[OpaClient]:
    c = OpaClient(opa.url, opa.token, timeout_s=5.0)
    try:
        yield c
    finally:
        await c.aclose()


def _open(opa: OpaSimulator, phone: str = PHONE) -> str:
    contact = opa.add_contact("José", phone)
    return opa.add_attendance(phone, contact_id=contact,
                              opened_at=datetime(2026, 3, 9, 14, 0, tzinfo=UTC))


async def test_pix_into_the_open_conversation(client: OpaClient, opa: OpaSimulator) -> None:
    attendance = _open(opa)
    result = await send_payment(client, SHARE, [PHONE], TEMPLATE, TODAY)
    assert result.ok and not result.via_template and result.protocol
    sent = [m["content"] for m in opa.messages(attendance)]
    # the code alone in its own message, after a line that says what it is
    assert sent[1] == {"type": "text", "text": CODE}
    assert "José" in sent[0]["text"] and "R$ 129,90" in sent[0]["text"]
    assert "05/03/2026" in sent[0]["text"]
    assert opa.templates_sent() == []
    note = result.note(SHARE, datetime(2026, 3, 10, 14, 7))
    assert note == "PIX enviado no WhatsApp às 14:07 (fatura 7001)"


async def test_boleto_link_or_pdf(client: OpaClient, opa: OpaSimulator) -> None:
    attendance = _open(opa)
    line = "23790.12345 60000.000003 00000.000000 1 99990000012990"
    linked = PaymentShare(BOLETO, 7002, "Ana", line,
                          link="https://pagar.exemplo/b/7002", pdf=b"%PDF-1.4 x")
    assert (await send_payment(client, linked, [PHONE], None, TODAY)).ok
    text = opa.messages(attendance)[0]["content"]["text"]
    assert "https://pagar.exemplo/b/7002" in text and "23790.12345" in text
    assert len(opa.messages(attendance)) == 1          # the link is enough
    unlinked = PaymentShare(BOLETO, 7003, "Ana", "23790", pdf=b"%PDF-1.4 y")
    assert (await send_payment(client, unlinked, [PHONE], None, TODAY)).ok
    media = opa.messages(attendance)[-1]["content"]["media"]["base64"]
    assert base64.b64decode(media.split(",", 1)[1]) == b"%PDF-1.4 y"


async def test_template_where_no_conversation_is_open(client: OpaClient,
                                                      opa: OpaSimulator) -> None:
    result = await send_payment(client, SHARE, [PHONE], TEMPLATE, TODAY)
    assert result.ok and result.via_template
    sent = opa.templates_sent()
    assert len(sent) == 1 and sent[0]["canal"] == "canal-wa"
    assert sent[0]["template"]["variaveis"] == ["JOSÉ CARLOS PEREIRA", "R$ 129,90", CODE]
    assert sent[0]["contato"]["canalCliente"] == PHONE
    assert result.note(SHARE, datetime(2026, 3, 10, 9, 5)).endswith("por modelo")


async def test_no_template_configured_says_so(client: OpaClient, opa: OpaSimulator) -> None:
    result = await send_payment(client, SHARE, [PHONE], None, TODAY)
    assert not result.ok and "whatsapp_template_id" in result.message
    assert opa.templates_sent() == [] and opa.messages() == []


async def test_daily_quota_respected(client: OpaClient, opa: OpaSimulator) -> None:
    opa.set_template_quota(2, sent_today=2)
    result = await send_payment(client, SHARE, [PHONE], TEMPLATE, TODAY)
    assert not result.ok and "limite diário" in result.message and "(2 de 2 hoje)" in result.message
    assert opa.templates_sent() == []
    # a conversation the customer opens does not use the quota
    _open(opa)
    assert (await send_payment(client, SHARE, [PHONE], TEMPLATE, TODAY)).ok


async def test_quota_refused_on_send(client: OpaClient, opa: OpaSimulator) -> None:
    """Past the limit OPA itself refuses the template with a 429 (the client's check reads the
    same counter first, so the card says "limite diário" before sending)."""
    opa.set_template_quota(1)
    assert (await send_payment(client, SHARE, [PHONE], TEMPLATE, TODAY)).ok
    with pytest.raises(OpaError) as refused:
        await client.send_template(phone_e164="+5511987650000", template_id="modelo-cobranca",
                                   channel_id="canal-wa", variables=["x"], metadata={})
    assert refused.value.status == 429
    quota = await client.template_quota("canal-wa")
    assert (quota.sent, quota.limit, quota.exhausted) == (1, 1, True)
    assert len(opa.templates_sent()) == 1


async def test_send_answered_late_is_uncertain_not_resent(opa: OpaSimulator) -> None:
    """OPA took the message but answered after the client gave up: the card says it may have
    arrived, and nothing sends it again by itself."""
    attendance = _open(opa)
    opa.delay_answers("/mensagem/send", 0.8)
    impatient = OpaClient(opa.url, opa.token, timeout_s=0.3)
    try:
        result = await send_payment(impatient, SHARE, [PHONE], TEMPLATE, TODAY)
    finally:
        await impatient.aclose()
        opa.delay_answers("", 0.0)
    assert not result.ok and result.uncertain and "pergunte ao cliente" in result.message
    assert len(opa.messages(attendance)) == 1        # the intro landed; the code never left
    assert opa.templates_sent() == []


async def test_refused_and_unreachable(client: OpaClient, opa: OpaSimulator) -> None:
    _open(opa)
    opa.block_network()
    blocked = await send_payment(client, SHARE, [PHONE], TEMPLATE, TODAY)
    assert not blocked.ok and "rede não permitida" in blocked.message
    opa.block_network(False)
    gone = OpaClient("http://127.0.0.1:9", opa.token, timeout_s=1.0)
    try:
        down = await send_payment(gone, SHARE, [PHONE], TEMPLATE, TODAY)
    finally:
        await gone.aclose()
    assert not down.ok and "Sem conexão com o OPA" in down.message and not down.uncertain


def test_whatsapp_numbers() -> None:
    phones = {"fone": "(11) 3333-4444", "telefone_celular": "11 98888-7777",
              "whatsapp": "+55 11 9 8222 3344"}
    assert whatsapp_numbers(phones) == ["+5511982223344", "+5511988887777"]
    assert whatsapp_numbers({}, caller="011981234567") == ["+5511981234567"]
    assert whatsapp_numbers({"fone": "3333-4444"}) == []


def test_hostile_name_stays_text() -> None:
    share = PaymentShare(PIX, 1, "<b>@everyone</b> {nome}", CODE)
    messages = conversation_messages(share)
    # sent as text (OPA renders no markup), formatted once: braces in a name stay braces
    assert messages[1]["text"] == CODE
    assert messages[0]["text"].startswith("Olá, <B>@Everyone</B>!")
