"""The IXC simulator's action resources for the card's actions (issue 13).

Each handler takes the tenant's tables (the simulator holds its lock) and the request body, and
returns what IXC answers: a JSON-able payload, or :class:`RawAnswer` for ``get_boleto``'s bytes.
State is kept: a released contract reads as active afterwards, a disconnected login as offline,
a generated boleto has its line. ``variant`` (the simulator's ``Faults.action_variant``) picks the
other answer shapes seen across IXC versions: ``"text"`` (get_boleto as bare base64 text, not
JSON), ``"pdf"`` (raw PDF bytes), ``"flat"`` (get_pix's code at the top level).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.demo.simulators.ixc_action_seed import NO_PIX_WALLET
from desktop.ixc.pix_emv import build_br_code

Tables = dict[str, list[dict[str, str]]]
PIX_KEY = "financeiro@provedorfibra.com.br"


@dataclass(frozen=True)
class RawAnswer:
    body: bytes
    content_type: str


def _row(tables: Tables, table: str, key: str, value: Any) -> dict[str, str] | None:
    wanted = str(value or "").strip()
    return next((r for r in tables.get(table, []) if wanted and r.get(key) == wanted), None)


def _now() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def _error(message: str) -> dict[str, str]:
    return {"type": "error", "message": message}


def _success(message: str) -> dict[str, str]:
    return {"type": "success", "message": message}


def _get_pix(tables: Tables, body: Mapping[str, Any], variant: str) -> Any:
    invoice = _row(tables, "fn_areceber", "id", body.get("id_areceber"))
    if invoice is None:
        return _error("Conta a receber não encontrada!")
    if invoice.get("status") not in ("A", "P"):
        return _error("Esta conta a receber já foi recebida ou cancelada!")
    if invoice.get("id_carteira_cobranca") == NO_PIX_WALLET:
        return {"type": "success", "pix": {}}
    amount = invoice.get("valor_aberto") or invoice.get("valor") or "0.00"
    txid = invoice.get("pix_txid") or f"RAMAL{invoice['id']}"
    code = build_br_code(key=PIX_KEY, amount=amount, merchant="PROVEDOR FIBRA LTDA",
                         city="SAO PAULO", txid=txid)
    if variant == "flat":
        return {"type": "success", "qrcode": code}
    return {"type": "success", "pix": {"qrCode": {"qrcode": code, "txid": txid}}}


def boleto_pdf(invoice: Mapping[str, str]) -> bytes:
    """A small, valid one-page PDF saying which invoice it is (what a viewer can open)."""
    text = (f"Boleto - fatura {invoice.get('id', '')} - vencimento "
            f"{invoice.get('data_vencimento', '')} - R$ {invoice.get('valor_aberto', '')}")
    stream = f"BT /F1 12 Tf 50 750 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return out


def _get_boleto(tables: Tables, body: Mapping[str, Any], variant: str) -> Any:
    invoice = _row(tables, "fn_areceber", "id", body.get("boletos"))
    if invoice is None:
        return _error("Boleto não encontrado!")
    if invoice.get("status") not in ("A", "P"):
        return _error("Boleto já recebido ou cancelado!")
    if not invoice.get("linha_digitavel"):
        value = (invoice.get("valor_aberto") or invoice.get("valor") or "0").replace(".", "")
        invoice["linha_digitavel"] = (f"34191.79001 01043.510047 91020.150008 7 "
                                      f"{9100 + int(invoice['id']) % 1000}0000{value}")
    invoice["impresso"] = "S"
    invoice["ultima_atualizacao"] = _now()
    pdf = boleto_pdf(invoice)
    if variant == "pdf" or str(body.get("base64", "S")).upper() == "N":
        return RawAnswer(pdf, "application/pdf")
    encoded = base64.b64encode(pdf).decode("ascii")
    if variant == "text":
        return RawAnswer(encoded.encode("ascii"), "text/html; charset=UTF-8")
    return RawAnswer(json.dumps(encoded).encode("ascii"), "application/json; charset=utf-8")


def _temporary_release(tables: Tables, body: Mapping[str, Any], _variant: str) -> Any:
    contract = _row(tables, "cliente_contrato", "id", body.get("id"))
    if contract is None:
        return _error("Contrato não encontrado!")
    if contract.get("status") != "A":
        return _error("Contrato inativo não pode ser liberado!")
    today = datetime.now().date().isoformat()
    if contract.get("dt_ult_liberacao_temporaria", "").startswith(today):
        return _error("Liberação temporária já realizada hoje para este contrato!")
    if contract.get("status_internet") == "A":
        return _error("Contrato não está bloqueado!")
    contract.update({"status_internet": "A", "dt_ult_liberacao_temporaria": _now()})
    return _success("Contrato liberado temporariamente por 72 horas!")


def _disconnect(tables: Tables, body: Mapping[str, Any], _variant: str) -> Any:
    login = _row(tables, "radusuarios", "id", body.get("id"))
    if login is None:
        return {"msg": [_error("Login não encontrado!")]}
    if login.get("online") != "S":
        return {"msg": [_error("Login não está conectado!")]}
    now = _now()
    for session in tables.get("radacct", []):
        if session.get("username") == login.get("login") and not session.get("acctstoptime"):
            session.update({"acctstoptime": now, "acctterminatecause": "Admin-Reset"})
    login.update({"online": "N", "ip": "", "ultima_conexao_final": now,
                  "motivo_desconexao": "Admin-Reset"})
    return {"msg": [_success("Cliente desconectado com sucesso!")]}


def _clear_mac(tables: Tables, body: Mapping[str, Any], _variant: str) -> Any:
    login = _row(tables, "radusuarios", "id", body.get("get_id"))
    if login is None:
        return _error("Login não encontrado!")
    if not login.get("mac"):
        return _error("Este login não tem MAC vinculado!")
    login["mac"] = ""
    return _success("MAC removido com sucesso!")


def complete_service_order(row: dict[str, str], now: datetime) -> None:
    """What IXC fills in on an inserted OS: protocol, opening time, status."""
    row["protocolo"] = row.get("protocolo") or f"{now.year}{row['id']}"
    row["data_abertura"] = row.get("data_abertura") or now.strftime("%Y-%m-%d %H:%M:%S")
    row["status"] = row.get("status") or "A"


Handler = Callable[[Tables, Mapping[str, Any], str], Any]
ACTION_RESOURCES: dict[str, Handler] = {
    "get_pix": _get_pix,
    "get_boleto": _get_boleto,
    "cliente_contrato_btn_lib_temp_24722": _temporary_release,
    "desconectar_clientes": _disconnect,
    "radusuarios_25452": _clear_mac,
}
