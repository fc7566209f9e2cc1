"""IXC action resources: one-shot operations with their own (Portuguese) answer envelope.

Actions answer ``{"tipo": "sucesso" | "erro", "codigo": "...", "mensagem": "..."}``, and one IXC
update changed that answer from an object to a one-item list, so :func:`action_result` accepts
both (and the English ``type``/``message`` keys some endpoints use, and the ``{"msg": [...]}`` /
``{"msgs": [...]}`` wrapping of ``desconectar_clientes``).

None of these is idempotent (an unlock is granted once per debt, a disconnect drops a live
session): they run on an agent's explicit click only, never in a retry loop. After a timeout the
caller asks :func:`trust_unlock_state` (or the action's own check) what IXC did before offering to
try again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from desktop.i18n import N_, tr
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcApiError, IxcBadResponseError
from desktop.ixc.models import ActionResult

TRUST_UNLOCK = "desbloqueio_confianca"
TEMPORARY_RELEASE = "cliente_contrato_btn_lib_temp_24722"
DISCONNECT = "desconectar_clientes"
CLEAR_MAC = "radusuarios_25452"

_CONTEXT = "ixc.actions"
_TAGS = re.compile(r"<[^>]+>")

# what IXC's refusal codes of desbloqueio_confianca mean, said to the agent in plain pt-BR
REFUSAL_CODES: Mapping[str, str] = {
    "106": N_(_CONTEXT, "Contrato não encontrado no IXC."),
    "107": N_(_CONTEXT, "O desbloqueio de confiança já está ativo neste contrato."),
    "109": N_(_CONTEXT, "O contrato está inativo: o IXC não desbloqueia contratos inativos."),
    "113": N_(_CONTEXT, "O cliente já usou o desbloqueio de confiança e ainda não pagou: "
                        "o IXC não concede outro."),
}


def _clean(raw: Any) -> str:
    return " ".join(_TAGS.sub(" ", str(raw or "")).split())


def _unwrap(resource: str, payload: Any) -> Any:
    if isinstance(payload, Mapping):
        for key in ("msg", "msgs"):
            if key in payload and "tipo" not in payload and "type" not in payload:
                payload = payload[key]
                break
    if isinstance(payload, list):
        items = [item for item in payload if isinstance(item, Mapping)]
        if len(items) != 1:
            raise IxcBadResponseError(resource, f"lista com {len(items)} respostas")
        payload = items[0]
    return payload


def action_result(resource: str, payload: Any) -> ActionResult:
    """The answer of ``resource`` as an :class:`ActionResult`, whatever its envelope."""
    payload = _unwrap(resource, payload)
    if not isinstance(payload, Mapping):
        raise IxcBadResponseError(resource, str(payload)[:120])
    kind = str(payload.get("tipo", payload.get("type", ""))).strip().lower()
    if kind not in ("sucesso", "success", "erro", "error"):
        raise IxcBadResponseError(resource, f"sem 'tipo': {str(payload)[:100]}")
    message = _clean(payload.get("mensagem", payload.get("message", "")))
    code = str(payload.get("codigo", payload.get("code", "")) or "")
    ok = kind in ("sucesso", "success")
    if not ok and code in REFUSAL_CODES:
        explained = tr(_CONTEXT, REFUSAL_CODES[code])
        message = f"{explained} (IXC: {message})" if message else explained
    return ActionResult(ok=ok, message=message, code=code)


async def run_action(client: IxcClient, resource: str, body: Mapping[str, Any]
                     ) -> ActionResult:
    """POST ``body`` to ``resource`` once; IXC's ``{"type": "error"}`` is a refusal, not a
    failure (the client raises it as :class:`IxcApiError` for tables)."""
    try:
        payload = await client.action(resource, body)
    except IxcApiError as exc:
        if exc.table != resource:
            raise
        return ActionResult(ok=False, message=exc.ixc_message)
    return action_result(resource, payload)


async def trust_unlock(client: IxcClient, contract_id: int) -> ActionResult:
    """Ask IXC for a trust unlock (``desbloqueio de confiança``) of a blocked contract.

    Not idempotent on IXC's side (it is granted once per debt): call it on an agent's explicit
    action only, never in a retry loop.
    """
    return await run_action(client, TRUST_UNLOCK, {"id": contract_id})


async def temporary_release(client: IxcClient, contract_id: int) -> ActionResult:
    """``Liberação temporária`` (IXC's 72 h release button) of a blocked contract."""
    return await run_action(client, TEMPORARY_RELEASE, {"id": contract_id})


async def disconnect_session(client: IxcClient, login_id: int) -> ActionResult:
    """Drop the login's current PPPoE/RADIUS session (the router dials again)."""
    return await run_action(client, DISCONNECT, {"id": login_id})


async def clear_mac(client: IxcClient, login_id: int) -> ActionResult:
    """``Limpar MAC``: free the login from the MAC it is bound to (a new router)."""
    return await run_action(client, CLEAR_MAC, {"get_id": login_id})


async def contract_row(client: IxcClient, contract_id: int) -> dict[str, str] | None:
    page = await client.list("cliente_contrato", qtype="cliente_contrato.id",
                             query=str(contract_id), rp=1)
    return dict(page.rows[0]) if page.rows else None


async def trust_unlock_state(client: IxcClient, contract_id: int) -> bool:
    """Whether IXC shows the contract's trust unlock as active: what a timed-out unlock
    request did is read here, never found out by sending a second one."""
    row = await contract_row(client, contract_id)
    return row is not None and row.get("desbloqueio_confianca_ativo", "") == "S"


async def temporary_release_state(client: IxcClient, contract_id: int, today: str) -> bool:
    """Whether IXC recorded a temporary release of the contract on ``today`` (YYYY-MM-DD)."""
    row = await contract_row(client, contract_id)
    return row is not None and row.get("dt_ult_liberacao_temporaria", "").startswith(today)
