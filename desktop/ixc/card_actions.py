"""The card's actions as one Qt-free vocabulary, shared by the desk and ``ramal action``.

:func:`perform` runs one action once and says what IXC answered as an :class:`ActionOutcome`
(the CLI prints it as JSON, the card shows its message). After a timeout,
:func:`state_after_timeout` reads what IXC did (an unlock active, a release today, an OS with
the same text) so nobody sends a second, non-idempotent request blindly.
:func:`attendance_note` is the line the action leaves in
the call's attendance text.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop.i18n import N_, tr
from desktop.ixc import actions, diagnostics, payments
from desktop.ixc.client import IxcClient
from desktop.ixc.diagnostics import LoginNotFoundError, SignalThresholds
from desktop.ixc.models import ActionResult
from desktop.ixc.service_order_open import NewServiceOrder, find_opened, open_service_order

_CONTEXT = "ixc.card_actions"
DEFAULT_THRESHOLDS = SignalThresholds()


class ActionKind(enum.StrEnum):
    """An action of the card; the value is the CLI's name, :attr:`setting` the ``[actions]`` key."""

    UNLOCK = "unlock"
    TEMPORARY_RELEASE = "temporary-release"
    PIX = "pix"
    BOLETO = "boleto"
    SESSIONS = "sessions"
    ONU = "onu"
    DISCONNECT = "disconnect"
    CLEAR_MAC = "clear-mac"
    SERVICE_ORDER = "service-order"
    WHATSAPP = "whatsapp"

    @property
    def setting(self) -> str:
        return _SETTINGS[self.value]

    @property
    def label(self) -> str:
        return tr(_CONTEXT, _LABELS[self.value])

    @property
    def changes_data(self) -> bool:
        """Whether it changes the ISP's data (confirmed first, never retried blindly)."""
        return self in _WRITES


_SETTINGS = {"unlock": "trust_unlock", "temporary-release": "temporary_release", "pix": "pix",
             "boleto": "boleto", "sessions": "sessions", "onu": "onu",
             "disconnect": "disconnect", "clear-mac": "clear_mac",
             "service-order": "service_order", "whatsapp": "whatsapp"}
_LABELS = {
    "unlock": N_(_CONTEXT, "Desbloqueio de confiança"),
    "temporary-release": N_(_CONTEXT, "Liberação temporária"),
    "pix": N_(_CONTEXT, "PIX copia e cola"),
    "boleto": N_(_CONTEXT, "2ª via do boleto"),
    "sessions": N_(_CONTEXT, "Últimas sessões"),
    "onu": N_(_CONTEXT, "Sinal da ONU"),
    "disconnect": N_(_CONTEXT, "Desconectar sessão PPPoE"),
    "clear-mac": N_(_CONTEXT, "Limpar MAC"),
    "service-order": N_(_CONTEXT, "Abrir OS"),
    "whatsapp": N_(_CONTEXT, "Enviar no WhatsApp"),
}
_NOTES = {
    "unlock": N_(_CONTEXT, "Desbloqueio de confiança concedido às {time}"),
    "temporary-release": N_(_CONTEXT, "Liberação temporária concedida às {time}"),
    "pix": N_(_CONTEXT, "PIX copia e cola gerado às {time} (fatura {invoice})"),
    "boleto": N_(_CONTEXT, "2ª via do boleto gerada às {time} (fatura {invoice})"),
    "sessions": N_(_CONTEXT, "Sessões PPPoE consultadas às {time}"),
    "onu": N_(_CONTEXT, "Sinal da ONU consultado às {time}: {message}"),
    "disconnect": N_(_CONTEXT, "Sessão PPPoE desconectada às {time}"),
    "clear-mac": N_(_CONTEXT, "MAC do login limpo às {time}"),
    "service-order": N_(_CONTEXT, "OS {order} aberta às {time}"),
    "whatsapp": N_(_CONTEXT, "{message} às {time}"),
}
_WRITES = frozenset({"unlock", "temporary-release", "disconnect", "clear-mac",
                     "service-order", "whatsapp"})


@dataclass(frozen=True)
class ActionOutcome:
    action: ActionKind
    ok: bool
    message: str
    code: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    pdf: bytes = b""                    # the boleto, kept out of the JSON
    checked_after_timeout: bool = False  # IXC's state was read after the request timed out

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action.value, "ok": self.ok, "code": self.code,
                "message": self.message, **self.data}


def _from_result(kind: ActionKind, result: ActionResult, **data: Any) -> ActionOutcome:
    return ActionOutcome(kind, result.ok, result.message, result.code, data)


def session_json(session: diagnostics.Session) -> dict[str, Any]:
    def stamp(value: datetime | None) -> str:
        return value.isoformat(sep=" ") if value else ""
    return {"start": stamp(session.start), "end": stamp(session.end),
            "terminate_cause": session.terminate_cause, "ip": session.ip,
            "duration_s": session.duration_s}


async def perform(client: IxcClient, kind: ActionKind, target_id: int, *,
                  thresholds: SignalThresholds = DEFAULT_THRESHOLDS,
                  order: NewServiceOrder | None = None) -> ActionOutcome:
    """Run ``kind`` once on ``target_id`` (contract, invoice or login id). IXC's refusals are
    ``ok`` False; transport and auth failures raise :class:`~desktop.ixc.errors.IxcError`."""
    if kind is ActionKind.UNLOCK:
        return _from_result(kind, await actions.trust_unlock(client, target_id))
    if kind is ActionKind.TEMPORARY_RELEASE:
        return _from_result(kind, await actions.temporary_release(client, target_id))
    if kind is ActionKind.DISCONNECT:
        return _from_result(kind, await actions.disconnect_session(client, target_id))
    if kind is ActionKind.CLEAR_MAC:
        return _from_result(kind, await actions.clear_mac(client, target_id))
    if kind is ActionKind.PIX:
        pix = await payments.get_pix(client, target_id)
        return ActionOutcome(kind, pix.ok, pix.message, data={
            "invoice_id": target_id, "copia_e_cola": pix.copia_e_cola,
            "amount": pix.code.amount if pix.code else ""})
    if kind is ActionKind.BOLETO:
        boleto = await payments.get_boleto(client, target_id)
        return ActionOutcome(kind, boleto.ok, boleto.message, data={
            "invoice_id": target_id, "linha_digitavel": boleto.linha_digitavel,
            "gateway_link": boleto.gateway_link}, pdf=boleto.pdf)
    if kind is ActionKind.SESSIONS:
        try:
            found = await diagnostics.login_sessions(client, target_id)
        except LoginNotFoundError as exc:
            return ActionOutcome(kind, False, exc.message)
        message = tr(_CONTEXT, "{n} sessão(ões) de {login}.").format(
            n=len(found.sessions), login=found.login)
        return ActionOutcome(kind, True, message, data={
            "login_id": target_id, "login": found.login,
            "sessions": [session_json(s) for s in found.sessions]})
    if kind is ActionKind.ONU:
        signal = await diagnostics.onu_signal(client, target_id, thresholds)
        if signal is None:
            return ActionOutcome(kind, False, tr(_CONTEXT, "O IXC não tem ONU para este login."))
        return ActionOutcome(kind, True, signal.describe(), data={
            "login_id": target_id,
            "rx_dbm": float(signal.rx_dbm) if signal.rx_dbm is not None else None,
            "tx_dbm": float(signal.tx_dbm) if signal.tx_dbm is not None else None,
            "verdict": signal.verdict.value})
    if kind is ActionKind.SERVICE_ORDER:
        if order is None:
            raise ValueError("service-order needs the order")
        opened = await open_service_order(client, order)
        return _from_result(kind, opened.result, order_id=opened.order_id,
                            protocol=opened.protocol)
    raise ValueError(f"{kind} is not run by perform()")


async def state_after_timeout(client: IxcClient, kind: ActionKind, target_id: int, today: date,
                              order: NewServiceOrder | None = None) -> ActionOutcome | None:
    """What IXC shows a timed-out ``kind`` did: an outcome when it did it, None when it did
    not (or cannot tell), and only then may the agent be offered "tentar de novo"."""
    done: ActionOutcome | None = None
    if kind is ActionKind.UNLOCK and await actions.trust_unlock_state(client, target_id):
        done = ActionOutcome(kind, True, tr(_CONTEXT, "O IXC demorou a responder, mas o "
                                                      "desbloqueio de confiança está ativo."))
    elif kind is ActionKind.TEMPORARY_RELEASE and await actions.temporary_release_state(
            client, target_id, today.isoformat()):
        done = ActionOutcome(kind, True, tr(_CONTEXT, "O IXC demorou a responder, mas a "
                                                      "liberação temporária foi feita."))
    elif kind is ActionKind.SERVICE_ORDER and order is not None:
        found = await find_opened(client, order)
        if found is not None:
            done = _from_result(kind, found.result, order_id=found.order_id,
                                protocol=found.protocol)
    if done is None:
        return None
    return ActionOutcome(done.action, done.ok, done.message, done.code, done.data,
                         checked_after_timeout=True)


def attendance_note(outcome: ActionOutcome, at: datetime) -> str:
    """The line the action leaves in the call's attendance ("OS 4812 aberta às 14:05")."""
    clock = at.strftime("%H:%M")
    kind = outcome.action
    if not outcome.ok:
        return tr(_CONTEXT, "{action} recusado pelo IXC às {time}: {message}").format(
            action=kind.label, time=clock, message=outcome.message)
    return tr(_CONTEXT, _NOTES[kind.value]).format(
        time=clock, invoice=outcome.data.get("invoice_id", ""),
        order=outcome.data.get("order_id", ""), message=outcome.message)
