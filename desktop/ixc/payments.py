"""Paying an invoice from the card: the PIX "copia e cola" (``get_pix``) and the boleto's
second copy (``get_boleto``).

``get_pix`` answers ``{"type": "success", "pix": {"qrCode": {"qrcode": "<BR Code>"}}}`` in the
one documented shape [M]; other versions nest it differently, so the BR Code is looked for by the
keys integrators have seen and, failing those, as any string that is a valid BR Code. A string
that fails the CRC is not offered: a customer's bank app would refuse it.

``get_boleto`` answers a base64 string (sometimes raw text, not JSON), or the PDF bytes
themselves with ``base64: "N"``. Generating it also fills ``fn_areceber.linha_digitavel``, so the
line is read again afterwards.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.i18n import tr
from desktop.ixc.actions import action_result
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcApiError, IxcBadResponseError
from desktop.ixc.pix_emv import BrCode, check_br_code

GET_PIX = "get_pix"
GET_BOLETO = "get_boleto"

_CONTEXT = "ixc.payments"
_PIX_KEYS = ("qrcode", "copia_e_cola", "copiaecola", "copia_cola", "emv", "brcode",
             "pix_copia_e_cola", "payload", "codigo")


@dataclass(frozen=True)
class PixResult:
    ok: bool
    message: str
    code: BrCode | None = None

    @property
    def copia_e_cola(self) -> str:
        return self.code.text if self.code else ""


@dataclass(frozen=True)
class BoletoResult:
    ok: bool
    message: str
    pdf: bytes = b""
    linha_digitavel: str = ""
    gateway_link: str = ""


def _strings(value: Any, preferred: bool = False) -> Iterator[tuple[bool, str]]:
    """Every string inside ``value`` with whether its key is one of the PIX keys, depth first."""
    if isinstance(value, str):
        yield preferred, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, str(key).lower() in _PIX_KEYS)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, preferred)


def find_br_code(payload: Any) -> BrCode | None:
    """The BR Code in a ``get_pix`` answer, whatever its nesting; None when there is none."""
    found = list(_strings(payload))
    for preferred_first in (True, False):
        for preferred, text in found:
            if preferred == preferred_first:
                code = check_br_code(text)
                if code is not None:
                    return code
    return None


def pix_result(payload: Any) -> PixResult:
    """What an already decoded ``get_pix`` answer means for the agent."""
    if isinstance(payload, (Mapping, list)):
        code = find_br_code(payload)
        if code is not None:
            return PixResult(True, tr(_CONTEXT, "Código PIX copia e cola gerado pelo IXC."), code)
        try:
            refusal = action_result(GET_PIX, payload)
        except IxcBadResponseError:
            refusal = None
        if refusal is not None and not refusal.ok:
            return PixResult(False, refusal.message or tr(_CONTEXT, "O IXC recusou o PIX."))
        broken = any(t.strip().startswith("000201") for _, t in _strings(payload))
        if broken:
            return PixResult(False, tr(_CONTEXT, "O IXC devolveu um código PIX inválido (CRC "
                                                 "não confere); não o envie ao cliente."))
    return PixResult(False, tr(_CONTEXT, "O IXC não devolveu código PIX para esta fatura "
                                         "(a carteira de cobrança tem PIX?)."))


async def get_pix(client: IxcClient, invoice_id: int) -> PixResult:
    """The PIX "copia e cola" of an open invoice, read from IXC (never ``pix_txid``)."""
    try:
        payload = await client.action(GET_PIX, {"id_areceber": invoice_id})
    except IxcApiError as exc:
        if exc.table != GET_PIX:
            raise
        return PixResult(False, exc.ixc_message or tr(_CONTEXT, "O IXC recusou o PIX."))
    return pix_result(payload)


def boleto_pdf(raw: bytes) -> bytes | str:
    """The PDF in a ``get_boleto`` answer, or IXC's refusal message (a str)."""
    body = raw.strip()
    if body.startswith(b"%PDF"):
        return body
    text = body.decode("utf-8", errors="replace").strip()
    candidates: list[str] = []
    try:
        payload = json.loads(text)
    except json.JSONDecodeError:
        candidates.append(text)          # the raw base64 text some versions send
    else:
        if isinstance(payload, str):
            candidates.append(payload)
        elif isinstance(payload, Mapping | list):
            if isinstance(payload, Mapping) and str(
                    payload.get("type", payload.get("tipo", ""))).lower() in ("error", "erro"):
                return action_result(GET_BOLETO, payload).message or tr(
                    _CONTEXT, "O IXC recusou a segunda via.")
            candidates.extend(t for _, t in _strings(payload))
    for candidate in candidates:
        cleaned = "".join(candidate.split())
        if cleaned.startswith("data:") and "," in cleaned:
            cleaned = cleaned.split(",", 1)[1]
        try:
            pdf = base64.b64decode(cleaned, validate=True)
        except (binascii.Error, ValueError):
            continue
        if pdf.startswith(b"%PDF"):
            return pdf
    return tr(_CONTEXT, "O IXC não devolveu um PDF de boleto ({start}).").format(
        start=text[:60] or tr(_CONTEXT, "resposta vazia"))


async def invoice_row(client: IxcClient, invoice_id: int) -> dict[str, str] | None:
    page = await client.list("fn_areceber", qtype="fn_areceber.id", query=str(invoice_id),
                             rp=1)
    return dict(page.rows[0]) if page.rows else None


async def get_boleto(client: IxcClient, invoice_id: int) -> BoletoResult:
    """The boleto's PDF (second copy) and its line, read again after IXC generated it."""
    body = {"boletos": invoice_id, "juro": "N", "multa": "N", "atualiza_boleto": "N",
            "tipo_boleto": "arquivo", "base64": "S"}
    raw = await client.action_bytes(GET_BOLETO, body)
    pdf = boleto_pdf(raw)
    if isinstance(pdf, str):
        return BoletoResult(False, pdf)
    row = await invoice_row(client, invoice_id) or {}
    return BoletoResult(True, tr(_CONTEXT, "Segunda via gerada pelo IXC."), pdf,
                        row.get("linha_digitavel", ""), row.get("gateway_link", ""))
