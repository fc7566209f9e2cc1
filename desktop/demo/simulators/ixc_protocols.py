"""The IXC simulator's ``gerar_protocolo_atendimento``: a new attendance protocol on every call.

IXC hands out the next protocol number without creating anything; a ``su_ticket`` insert that
carries it in ``protocolo`` keeps it (the simulator's insert already keeps a given
``protocolo``). Numbers are ``YYYYMM`` from the simulator's clock plus a six-digit sequence
(12 digits, the format seen on real tenants), never one a ticket or an order already has.

The answer's shape differs between IXC versions; ``Faults.protocol_shape`` picks it:
``"object"`` (the default: ``{"type": "success", "message": ..., "protocolo": "..."}``),
``"number"`` (a bare JSON number), ``"string"`` (a JSON string), ``"text"`` (the bare digits
as ``text/html``, as PHP's ``echo`` sends them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime

RESOURCE = "gerar_protocolo_atendimento"
SHAPES = ("object", "number", "string", "text")

JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=UTF-8"


class ProtocolCounter:
    """Protocols handed out so far (``issued``), numbered from the injected clock's month."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._sequence = 0
        self.issued: list[str] = []

    def next(self, taken: Iterable[str] = ()) -> str:
        used = set(taken) | set(self.issued)
        while True:
            self._sequence += 1
            protocol = f"{self._clock():%Y%m}{self._sequence:06d}"
            if protocol not in used:
                self.issued.append(protocol)
                return protocol


def protocol_answer(protocol: str, shape: str) -> tuple[str, str]:
    """The body and content type of the answer in ``shape`` (unknown shapes: the object)."""
    if shape == "number":
        return protocol, JSON
    if shape == "string":
        return json.dumps(protocol), JSON
    if shape == "text":
        return protocol, HTML
    return json.dumps({"type": "success", "message": "Acao executada com sucesso",
                       "protocolo": protocol}), JSON


__all__ = ["RESOURCE", "SHAPES", "ProtocolCounter", "protocol_answer"]
