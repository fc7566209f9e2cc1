"""OPA Suite: the client for the few public endpoints Ramal uses, and the outbox deliveries.

What the API allows (see the reference notes; the official collection is not public):
find a contact by phone, create one (an unknown caller as a lead), list open attendances, add an
internal observation to one, send a WhatsApp template (which opens a conversation), list a
department's attendants and notify them.
What it does not allow — transferring an attendance to another department, creating an
attendance directly — is answered with an :class:`OpaLimitation` the UI shows as it is.

Envelope: ``{"status": "success", "code": 200, "data": ...}``; anything else, even with HTTP 200,
is an error whose text is ``data.message``. Lists are ``GET`` with a JSON body (``filter`` and
``options``), which httpx sends with ``request("GET", ..., json=...)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx

from desktop.forward.clock import Clock, SystemClock
from desktop.forward.outbox_worker import (
    Delivered,
    Failed,
    NotDelivered,
    Outcome,
    ReconcileOutcome,
    RetryLater,
    Uncertain,
)
from desktop.i18n import tr
from desktop.store.outbox import Outbox, OutboxItem

_CONTEXT = "opa"

KIND_NOTE = "opa_note"
KIND_NOTIFY = "opa_notify"

OPEN_STATUSES = ("EA", "AG", "PS")   # em atendimento, aguardando, pausado
OPEN_WINDOW_DAYS = 7                 # older "AG" rows are mostly abandoned bot conversations


class OpaError(Exception):
    """A refused or failed OPA call; ``transient`` says whether retrying later may help."""

    def __init__(self, message: str, *, status: int = 0, transient: bool = False,
                 maybe_applied: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.transient = transient
        # the request may have reached OPA (connection lost after sending)
        self.maybe_applied = maybe_applied


@dataclass(frozen=True)
class OpaLimitation:
    """Something the agent asked for that OPA's public API cannot do."""

    message: str


def transfer_limitation() -> OpaLimitation:
    return OpaLimitation(tr(_CONTEXT, "A API do OPA não permite transferir um atendimento para "
                                      "outro setor: o caso foi registrado como observação e os "
                                      "atendentes do setor foram notificados."))


@dataclass(frozen=True)
class OpaContact:
    id: str
    name: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class OpaAttendance:
    id: str
    protocol: str
    status: str
    department: str
    customer_channel: str
    contact_id: str
    observations: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateQuota:
    """The channel's daily template allowance (``limites-diarios-envio``); None = not said."""

    sent: int | None
    limit: int | None
    available: int | None

    @property
    def exhausted(self) -> bool:
        return self.available is not None and self.available <= 0


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _ref_id(value: Any) -> str:
    """An OPA reference: a bare ObjectId string or a populated ``{"_id": ...}`` document."""
    if isinstance(value, dict):
        return str(value.get("_id", ""))
    return str(value or "")


def _observation_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("message") or value.get("mensagem") or value.get("texto") or "")
    return str(value)


def _attendance(row: Mapping[str, Any]) -> OpaAttendance:
    return OpaAttendance(
        id=str(row.get("_id", "")),
        protocol=str(row.get("protocolo", "")),
        status=str(row.get("status", "")),
        department=_ref_id(row.get("setor")),
        customer_channel=str(row.get("canal_cliente", "")),
        contact_id=_ref_id(row.get("id_cliente")),
        observations=tuple(_observation_text(o) for o in row.get("observacoes") or ()),
    )


class OpaClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        verify: bool | str = True,
        timeout_s: float = 15.0,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        root = base_url.rstrip("/")
        if not root.endswith("/api/v1"):
            root += "/api/v1"
        self._http = http or httpx.AsyncClient(
            base_url=root, verify=verify, timeout=httpx.Timeout(timeout_s, connect=5.0),
            headers={"Authorization": f"Bearer {token}"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        try:
            response = await self._http.request(method, path, json=body)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise OpaError(tr(_CONTEXT, "Sem conexão com o OPA ({error}).").format(
                error=type(exc).__name__), transient=True) from exc
        except httpx.TransportError as exc:
            raise OpaError(tr(_CONTEXT, "A conexão com o OPA caiu ({error}).").format(
                error=type(exc).__name__), transient=True, maybe_applied=True) from exc
        try:
            envelope = response.json()
        except ValueError:
            envelope = None
        status = response.status_code
        if isinstance(envelope, dict) and envelope.get("status") == "success" and status < 400:
            return envelope.get("data")
        data = envelope.get("data") if isinstance(envelope, dict) else None
        message = data.get("message", "") if isinstance(data, dict) else ""
        if not message:
            message = tr(_CONTEXT, "resposta inesperada")
        explain = {
            401: tr(_CONTEXT, "token do OPA inválido ou substituído"),
            403: tr(_CONTEXT, "sem permissão no OPA (grupo da API ou rede não permitida)"),
        }.get(status, "")
        text = tr(_CONTEXT, "O OPA recusou ({status}): {message}").format(
            status=status, message=f"{explain}: {message}" if explain else message)
        raise OpaError(text, status=status, transient=status >= 500 or status == 429)

    async def _list(self, path: str, filters: Mapping[str, Any], limit: int = 100) -> list[Any]:
        data = await self._call("GET", path, {"filter": dict(filters),
                                              "options": {"skip": 0, "limit": limit}})
        return list(data) if isinstance(data, list) else []

    async def find_contacts(self, phone_e164: str) -> list[OpaContact]:
        rows = await self._list("/contato", {"fones.numero": phone_e164})
        return [
            OpaContact(
                id=str(r.get("_id", "")), name=str(r.get("nome", "")),
                phones=tuple(str(f.get("numero", "")) for f in r.get("fones") or ()
                             if isinstance(f, dict)),
            )
            for r in rows if isinstance(r, dict)
        ]

    async def create_contact(self, name: str, phone_e164: str, *, lead: bool = True) -> OpaContact:
        """``POST /contato``: a new contact (a lead, for a caller nobody knows).

        The reply's shape is not documented beyond the envelope: the created document, or only
        its id; whatever comes back, the contact is described with what was sent.
        """
        data = await self._call("POST", "/contato", {
            "nome": name, "celularCompleto": phone_e164, "lead": lead,
            "requerAutenticacaoSempre": False, "habilitarAlerta": False,
            "historico_email": False,
        })
        if isinstance(data, dict):
            contact_id = str(data.get("_id") or data.get("id") or "")
        else:
            contact_id = str(data or "")
        return OpaContact(id=contact_id, name=name, phones=(phone_e164,))

    async def open_attendances(self, since: date) -> list[OpaAttendance]:
        found: list[OpaAttendance] = []
        for status in OPEN_STATUSES:
            rows = await self._list("/atendimento", {
                "status": status, "dataInicialAbertura": since.isoformat()}, limit=1000)
            found += [_attendance(r) for r in rows if isinstance(r, dict)]
        return found

    async def attendance(self, attendance_id: str) -> OpaAttendance:
        data = await self._call("GET", f"/atendimento/{attendance_id}")
        return _attendance(data if isinstance(data, dict) else {})

    async def add_observation(self, attendance_id: str, message: str) -> None:
        await self._call("POST", f"/atendimento/{attendance_id}/observacao", {"message": message})

    async def send_template(
        self, *, phone_e164: str, template_id: str, channel_id: str,
        variables: Sequence[str], metadata: Mapping[str, Any],
    ) -> str:
        data = await self._call("POST", "/template/send", {
            "contato": {"canalCliente": phone_e164},
            "template": {"_id": template_id, "variaveis": list(variables)},
            "canal": channel_id,
            "allowSendingToStartedCustomerService": False,
            "metadata": dict(metadata),
        })
        return str(data.get("messageSentId", "")) if isinstance(data, dict) else ""

    async def send_message(self, attendance_id: str, content: Mapping[str, Any]) -> str:
        """Post ``content`` (``{"type": "text", "text": ...}`` or ``{"type": "media", "media":
        {"url" | "base64": ...}}``) into an open attendance; the created message's id."""
        data = await self._call("POST", "/atendimento/mensagem/send",
                                {"customerServiceId": attendance_id, "content": dict(content)})
        if isinstance(data, dict):
            for key in ("_id", "id", "messageId", "messageSentId"):
                if data.get(key):
                    return str(data[key])
        return str(data or "")

    async def template_quota(self, channel_id: str) -> TemplateQuota:
        data = await self._call(
            "GET", f"/canal-comunicacao/{channel_id}/template/limites-diarios-envio")
        row = data if isinstance(data, dict) else {}

        def number(key: str) -> int | None:
            try:
                return int(row[key])
            except (KeyError, TypeError, ValueError):
                return None
        return TemplateQuota(number("messagesSent"), number("dailyLimit"),
                             number("availableAmount"))

    async def department_users(self, department_id: str) -> list[str]:
        rows = await self._list("/usuario", {"status": "A"}, limit=1000)
        users: list[str] = []
        for row in rows:
            if not isinstance(row, dict) or row.get("tipo", "user") != "user":
                continue
            depts = row.get("departamento")
            ids = {_ref_id(d) for d in depts} if isinstance(depts, list) else {_ref_id(depts)}
            if department_id in ids:
                users.append(str(row.get("_id", "")))
        return users

    async def notify(self, users: Sequence[str], title: str, description: str) -> None:
        if not users:  # an empty list means "every active user" to OPA: never send that
            raise OpaError(tr(_CONTEXT, "Nenhum atendente para notificar."))
        await self._call("POST", "/notificacao/send", {
            "users": list(users), "type": "alert", "title": title, "description": description})


# --- outbox deliveries -------------------------------------------------------------------------


def _matches(att: OpaAttendance, phone_digits: str, contact_ids: set[str]) -> bool:
    channel = _digits(att.customer_channel)
    return (bool(channel) and channel.endswith(phone_digits[-10:])) or att.contact_id in contact_ids


async def find_open_attendances(client: OpaClient, phones: Sequence[str],
                                 since: date) -> list[OpaAttendance]:
    """The open attendances (AG/EA/PS since ``since``) of whoever has one of ``phones`` (E.164):
    the list endpoint has no phone filter, so channel numbers and contact ids are matched here."""
    contact_ids: set[str] = set()
    for phone in phones:
        contact_ids |= {c.id for c in await client.find_contacts(phone)}
    wanted = [_digits(p) for p in phones if _digits(p)]
    return [a for a in await client.open_attendances(since)
            if any(_matches(a, digits, contact_ids) for digits in wanted)]


class OpaDelivery:
    """Outbox handler for ``opa_note`` and ``opa_notify`` items.

    ``opa_note`` payload: ``phone`` (E.164), ``department``, ``text`` (contains ``marker``),
    optional ``template`` ``{"id", "channel", "variables"}``. ``opa_notify`` payload:
    ``department``, ``title``, ``description``.
    """

    def __init__(self, outbox: Outbox, client: OpaClient, clock: Clock | None = None) -> None:
        self._outbox = outbox
        self._client = client
        self._clock = clock or SystemClock()

    async def deliver(self, item: OutboxItem) -> Outcome:
        try:
            if item.kind == KIND_NOTIFY:
                return await self._notify(item)
            return await self._note(item)
        except OpaError as exc:
            if exc.maybe_applied:
                return Uncertain(exc.message)
            if exc.transient:
                return RetryLater(exc.message)
            return Failed(exc.message)

    async def _find_open(self, payload: Mapping[str, Any]) -> list[OpaAttendance]:
        since = self._clock.now().date() - timedelta(days=OPEN_WINDOW_DAYS)
        candidates = await find_open_attendances(self._client, [str(payload["phone"])], since)
        # the sector's own attendance first, then the others
        department = str(payload.get("department", ""))
        return sorted(candidates, key=lambda a: a.department != department)

    async def _note(self, item: OutboxItem) -> Outcome:
        payload = item.payload
        open_ones = await self._find_open(payload)
        if open_ones:
            target = open_ones[0]
            self._outbox.record_progress(item.id, {"step": "observacao", "attendance": target.id})
            await self._client.add_observation(target.id, str(payload["text"]))
            return Delivered({"action": "observacao", "attendance_id": target.id,
                              "protocol": target.protocol})
        template = payload.get("template")
        if not template:
            return Failed(tr(_CONTEXT, "O cliente não tem atendimento aberto no OPA e a API do "
                                       "OPA não permite abrir um sem um modelo de WhatsApp; "
                                       "configure opa_template_id no setor."))
        self._outbox.record_progress(item.id, {"step": "template"})
        message_id = await self._client.send_template(
            phone_e164=str(payload["phone"]), template_id=str(template["id"]),
            channel_id=str(template["channel"]), variables=list(template["variables"]),
            metadata={"origem": "ramal", "ref": str(payload["marker"])},
        )
        return Delivered({"action": "template", "message_id": message_id})

    async def _notify(self, item: OutboxItem) -> Outcome:
        payload = item.payload
        users = await self._client.department_users(str(payload["department"]))
        if not users:
            return Failed(tr(_CONTEXT, "Nenhum atendente ativo no departamento do OPA "
                                       "configurado para o setor {sector}.").format(
                sector=item.target))
        self._outbox.record_progress(item.id, {"step": "notificacao"})
        await self._client.notify(users, str(payload["title"]), str(payload["description"]))
        return Delivered({"action": "notificacao", "users": len(users)})

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        step = item.result.get("step")
        if step is None:
            return NotDelivered()   # killed before any write was attempted
        if step == "observacao":
            try:
                attendance = await self._client.attendance(str(item.result["attendance"]))
            except OpaError as exc:
                if exc.transient:
                    return RetryLater(exc.message)
                return NotDelivered() if exc.status == 404 else Failed(exc.message)
            marker = str(item.payload["marker"])
            if any(marker in text for text in attendance.observations):
                return Delivered({"action": "observacao", "attendance_id": attendance.id,
                                  "protocol": attendance.protocol})
            return NotDelivered()
        # templates and notifications leave nothing the API can read back
        return Failed(tr(_CONTEXT, "O envio ao OPA foi interrompido e pode ter sido feito. "
                                   "Confira no OPA antes de tentar de novo."))
