"""An attendance protocol reserved in IXC before its ticket exists (issue 16).

``gerar_protocolo_atendimento`` makes IXC hand out the next attendance protocol number without
creating anything; public integrations then pass that number in the ``su_ticket`` (or
``su_oss_chamado``) insert's ``protocolo`` column, and IXC stores it instead of numbering the
ticket itself (**[M]**: seen in public integrations' code, not in IXC's reference). So the
agent has the protocol after one request, and the insert needs no read-back.

Reserving writes nothing: a desk that dies right after wastes one number and nothing else, so
it is a direct call (not an outbox item), made once per call and never retried; when it fails
the ticket is opened the old way and IXC numbers it.

IXC versions answer in three shapes: a bare JSON number (``202607581218``), a bare text or a
JSON string (``202607581219``, ``"202607581219"``), or an object ``{"type": "success",
"message": "Acao executada com sucesso", "protocolo": "202607581197"}``. Errors come as usual
(``{"type": "error"}`` with HTTP 200, IXC's red box, 401, 5xx...: :class:`IxcClient` raises
them). Whatever the shape, the value must look like a protocol (``YYYYMM`` + digits in the
versions seen; letters and dashes are allowed, 1–40 characters) or it is refused: it goes on
the agent's screen and into IXC.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.i18n import tr
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcBadResponseError

_CONTEXT = "ixc.tickets"

RESOURCE = "gerar_protocolo_atendimento"
PROTOCOL_MAX = 40
_PROTOCOL = re.compile(rf"[0-9A-Za-z-]{{1,{PROTOCOL_MAX}}}")


def is_valid_protocol(text: str) -> bool:
    """Digits, ASCII letters and dashes only, 1–40 characters: nothing else is a protocol."""
    return _PROTOCOL.fullmatch(text) is not None


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_reserved_protocol(payload: Any) -> str:
    """The protocol in ``gerar_protocolo_atendimento``'s answer (any of its three shapes), or
    :class:`IxcBadResponseError` (pt-BR) for anything that is not one."""
    value = payload.get("protocolo") if isinstance(payload, dict) else payload
    text = ""
    # bool is an int to Python, and a float is not a protocol IXC would print
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    if not is_valid_protocol(text):
        if isinstance(payload, dict) and "protocolo" not in payload:
            detail = tr(_CONTEXT, "a resposta não tem \"protocolo\" ({answer})")
        else:
            detail = tr(_CONTEXT, "protocolo inválido ({answer})")
        raise IxcBadResponseError(RESOURCE, detail.format(answer=_preview(payload)))
    return text


async def reserve_protocol(client: IxcClient) -> str:
    """One request: IXC's next attendance protocol, reserved for a ticket not inserted yet."""
    return parse_reserved_protocol(await client.generate(RESOURCE))


__all__ = ["PROTOCOL_MAX", "RESOURCE", "is_valid_protocol", "parse_reserved_protocol",
           "reserve_protocol"]
