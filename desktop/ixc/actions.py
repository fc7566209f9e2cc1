"""IXC action resources: one-shot operations with their own (Portuguese) answer envelope.

Actions answer ``{"tipo": "sucesso" | "erro", "codigo": "...", "mensagem": "..."}``, and one IXC
update changed that answer from an object to a one-item list, so :func:`action_result` accepts
both (and the English ``type``/``message`` keys some endpoints use).
"""

from __future__ import annotations

import re
from typing import Any

from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcBadResponseError
from desktop.ixc.models import ActionResult

TRUST_UNLOCK = "desbloqueio_confianca"

_TAGS = re.compile(r"<[^>]+>")


def action_result(resource: str, payload: Any) -> ActionResult:
    """The answer of ``resource`` as an :class:`ActionResult`, whatever its envelope."""
    if isinstance(payload, list):
        items = [item for item in payload if isinstance(item, dict)]
        if len(items) != 1:
            raise IxcBadResponseError(resource, f"lista com {len(items)} respostas")
        payload = items[0]
    if not isinstance(payload, dict):
        raise IxcBadResponseError(resource, str(payload)[:120])
    kind = str(payload.get("tipo", payload.get("type", ""))).strip().lower()
    if kind not in ("sucesso", "success", "erro", "error"):
        raise IxcBadResponseError(resource, f"sem 'tipo': {str(payload)[:100]}")
    raw = str(payload.get("mensagem", payload.get("message", "")))
    message = " ".join(_TAGS.sub(" ", raw).split())
    return ActionResult(ok=kind in ("sucesso", "success"), message=message,
                        code=str(payload.get("codigo", "") or ""))


async def trust_unlock(client: IxcClient, contract_id: int) -> ActionResult:
    """Ask IXC for a trust unlock (``desbloqueio de confiança``) of a blocked contract.

    Not idempotent on IXC's side (it is granted once per debt): call it on an agent's explicit
    action only, never in a retry loop.
    """
    payload = await client.action(TRUST_UNLOCK, {"id": contract_id})
    return action_result(TRUST_UNLOCK, payload)
