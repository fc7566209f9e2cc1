"""An OPA Suite API simulator: a real HTTP server on loopback with OPA's envelope and errors.

Routes under ``/api/v1`` (Bearer token, 401 otherwise): ``GET /contato``, ``POST /contato`` (a new
contact: ``nome`` and ``celularCompleto`` in ``+DDI…`` form required), ``GET /atendimento``
(list, GET with a JSON body ``{"filter", "options"}``; an empty filter or an unknown field is a
400 like OPA's), ``GET /atendimento/:id``, ``POST /atendimento/:id/observacao``,
``POST /template/send`` (refused while the contact has an open attendance unless
``allowSendingToStartedCustomerService``; otherwise opens an ``AG`` attendance), ``GET /usuario``,
``GET /departamento``, ``POST /notificacao/send``, ``POST /atendimento/mensagem/send`` (a text or
media message into an open attendance; 400 on a finished one), and
``GET /canal-comunicacao/:id/template/limites-diarios-envio`` (``messagesSent``, ``dailyLimit``,
``availableAmount``): each template sent counts, and past the limit ``/template/send`` answers
429 (OPA's exact refusal is not public; this is the assumption the client handles).
Answers are ``{"status", "code", "data"}``.

Faults: latency, the next N requests failing with a status, "network not allowed" (403), and the
next write's reply lost (applied, then the connection closed without an answer).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from desktop.demo.simulators.http_base import (
    RunningServer,
    SimulatorRequestHandler,
    serve_in_background,
)

__all__ = ["OpaSimulator", "start_opa_simulator"]

DEMO_TOKEN = "eyJpZCI6IjY1ZjAwMDAwMDAwMDAwMDAwMDAwMDAwMSJ9.demo"

_ALLOWED_FILTERS = {
    "contato": {"fones.numero", "nome", "email_principal", "classificacao", "cli_emp"},
    "atendimento": {"protocolo", "status", "dataInicialAbertura", "dataFinalAbertura",
                    "dataInicialEncerramento", "dataFinalEncerramento"},
    "usuario": {"nome", "status", "tipo"},
    "departamento": {"nome", "recebeAtendimento", "realizaAtendimento", "token", "cod_pabx"},
}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@dataclass
class _State:
    token: str
    contacts: list[dict[str, Any]] = field(default_factory=list)
    attendances: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    departments: list[dict[str, Any]] = field(default_factory=list)
    templates_sent: list[dict[str, Any]] = field(default_factory=list)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    template_daily_limit: int = 250
    templates_today: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    latency_s: float = 0.0
    # (path part, seconds): requests whose path contains it are done, then answered late
    answer_delay: tuple[str, float] = ("", 0.0)
    fail_status: int = 0
    fail_remaining: int = 0
    network_blocked: bool = False
    drop_next_write_reply: bool = False
    counter: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def new_id(self) -> str:
        self.counter += 1
        return f"{0x65F0_0000 + self.counter:08x}" + f"{self.counter:016x}"


def _envelope(code: int, data: Any) -> dict[str, Any]:
    return {"status": "success" if code < 400 else "error", "code": code, "data": data}


def _error(code: int, message: str, description: str = "") -> tuple[int, dict[str, Any]]:
    data = {"message": message}
    if description:
        data["description"] = description
    return code, _envelope(code, data)


class _Handler(SimulatorRequestHandler):
    state: _State

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        raw = self.read_body()
        state = self.state
        if state.latency_s:
            time.sleep(state.latency_s)
        path = urlsplit(self.path).path.rstrip("/")
        with state.lock:
            state.requests.append((method, path))
            status, body = self._route(method, path, raw)
            drop = method == "POST" and status < 400 and state.drop_next_write_reply
            if drop:
                state.drop_next_write_reply = False
        if drop:   # applied, but the answer never arrives
            self.close_connection = True
            return
        part, delay = state.answer_delay
        if delay and part in path:
            time.sleep(delay)
        self.send_bytes(status, json.dumps(body, ensure_ascii=False).encode(),
                        "application/json; charset=utf-8")

    def _route(self, method: str, path: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        state = self.state
        if self.headers.get("Authorization", "") != f"Bearer {state.token}":
            return _error(401, "Token inválido")
        if state.network_blocked:
            return _error(403, "Acesso negado", "Rede não permitida para este grupo de API")
        if state.fail_remaining > 0:
            state.fail_remaining -= 1
            return _error(state.fail_status, "Erro interno")
        if not path.startswith("/api/v1/"):
            return _error(404, "Rota não encontrada")
        parts = path[len("/api/v1/"):].split("/")
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            return _error(400, "JSON inválido")
        if not isinstance(body, dict):
            return _error(400, "JSON inválido")
        if method == "GET" and len(parts) == 1 and parts[0] in _ALLOWED_FILTERS:
            return self._list(parts[0], body)
        if method == "GET" and len(parts) == 2 and parts[0] == "atendimento":
            found = self._attendance(parts[1])
            if found is None:
                return _error(404, "Atendimento não encontrado")
            return 200, _envelope(200, found)
        if method == "POST" and len(parts) == 3 and parts[0] == "atendimento" \
                and parts[2] == "observacao":
            return self._observation(parts[1], body)
        if method == "POST" and parts == ["atendimento", "mensagem", "send"]:
            return self._message(body)
        if method == "GET" and len(parts) == 4 and parts[0] == "canal-comunicacao" \
                and parts[2:] == ["template", "limites-diarios-envio"]:
            return 200, _envelope(200, self._quota())
        if method == "POST" and parts == ["contato"]:
            return self._new_contact(body)
        if method == "POST" and parts == ["template", "send"]:
            return self._template(body)
        if method == "POST" and parts == ["notificacao", "send"]:
            return self._notify(body)
        return _error(404, "Rota não encontrada")

    def _list(self, resource: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        state = self.state
        filters = body.get("filter")
        if not isinstance(filters, dict) or not filters:
            return _error(400, "Informe ao menos um filtro válido")
        for key in filters:
            if key not in _ALLOWED_FILTERS[resource]:
                return _error(400, f"Field '{key}' is not allowed")
        options = body.get("options") or {}
        limit = int(options.get("limit", 100))
        skip = int(options.get("skip", 0))
        if not 1 <= limit <= 1000:
            return _error(400, "options.limit deve estar entre 1 e 1000")
        rows = {"contato": state.contacts, "atendimento": state.attendances,
                "usuario": state.users, "departamento": state.departments}[resource]
        found = [r for r in rows if self._match(resource, r, filters)]
        return 200, _envelope(200, found[skip:skip + limit])

    @staticmethod
    def _match(resource: str, row: dict[str, Any], filters: dict[str, Any]) -> bool:
        for key, value in filters.items():
            if key == "fones.numero":
                if not any(_digits(f.get("numero", "")) == _digits(str(value))
                           for f in row.get("fones", [])):
                    return False
            elif key == "dataInicialAbertura":
                if row.get("date", "")[:10] < str(value):
                    return False
            elif key == "dataFinalAbertura":
                if row.get("date", "")[:10] > str(value):
                    return False
            elif key in ("dataInicialEncerramento", "dataFinalEncerramento"):
                continue
            elif row.get(key) != value:
                return False
        return True

    def _attendance(self, attendance_id: str) -> dict[str, Any] | None:
        return next((a for a in self.state.attendances if a["_id"] == attendance_id), None)

    def _observation(self, attendance_id: str,
                     body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        attendance = self._attendance(attendance_id)
        if attendance is None:
            return _error(404, "Atendimento não encontrado")
        message = body.get("message")
        if not isinstance(message, str) or not message.strip():
            return _error(400, "O campo message é obrigatório")
        attendance.setdefault("observacoes", []).append(
            {"message": message, "data": datetime.now(UTC).isoformat()})
        return 200, _envelope(200, {"success": True})

    def _quota(self) -> dict[str, int]:
        state = self.state
        return {"messagesSent": state.templates_today, "dailyLimit": state.template_daily_limit,
                "availableAmount": max(0, state.template_daily_limit - state.templates_today)}

    def _message(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        attendance = self._attendance(str(body.get("customerServiceId", "")))
        if attendance is None:
            return _error(404, "Atendimento não encontrado")
        if attendance.get("status") not in ("AG", "EA", "PS"):
            return _error(400, "Atendimento finalizado")
        content = body.get("content")
        if not isinstance(content, dict) or content.get("type") not in ("text", "media"):
            return _error(400, "content.type deve ser text ou media")
        if content["type"] == "text":
            if not isinstance(content.get("text"), str) or not content["text"].strip():
                return _error(400, "content.text é obrigatório")
        else:
            media = content.get("media")
            if not isinstance(media, dict) or len({"url", "base64"} & set(media)) != 1:
                return _error(400, "Informe media.url ou media.base64 (apenas um)")
        message_id = self.state.new_id()
        self.state.messages.append({"_id": message_id, "attendance": attendance["_id"],
                                    "content": content})
        return 200, _envelope(200, {"_id": message_id})

    def _new_contact(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        state = self.state
        name = body.get("nome")
        phone = body.get("celularCompleto")
        if not isinstance(name, str) or not name.strip():
            return _error(400, "O campo nome é obrigatório")
        if not isinstance(phone, str) or not re.fullmatch(r"\+\d{8,15}", phone.replace(" ", "")):
            return _error(400, "celularCompleto deve estar no formato +DDI DDD número")
        contact_id = state.new_id()
        state.contacts.append({
            "_id": contact_id, "nome": name, "lead": bool(body.get("lead", False)),
            "classificacao": "", "opt_in_opt_out": "",
            "fones": [{"numero": phone, "tipo": "celular", "whatsapp": True, "celular": True}],
            "requerAutenticacaoSempre": bool(body.get("requerAutenticacaoSempre", False)),
            "habilitarAlerta": bool(body.get("habilitarAlerta", False)),
        })
        return 200, _envelope(200, {"_id": contact_id, "nome": name})

    def _template(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        state = self.state
        contact = body.get("contato") or {}
        template = body.get("template") or {}
        phone = str(contact.get("canalCliente", ""))
        if not phone or not template.get("_id") or not body.get("canal"):
            return _error(400, "Parâmetros obrigatórios: contato.canalCliente, template._id, "
                               "canal")
        open_one = any(_digits(a.get("canal_cliente", "")) == _digits(phone)
                       and a.get("status") in ("AG", "EA", "PS") for a in state.attendances)
        if open_one and not body.get("allowSendingToStartedCustomerService"):
            return _error(409, "O contato já possui um atendimento em andamento")
        if state.templates_today >= state.template_daily_limit:
            return _error(429, "Limite diário de envio de templates atingido")
        state.templates_today += 1
        message_id = state.new_id()
        state.templates_sent.append({**body, "messageSentId": message_id})
        state.attendances.append({
            "_id": state.new_id(), "protocolo": f"OPA{datetime.now(UTC):%Y%m%d}{state.counter:05d}",
            "date": datetime.now(UTC).isoformat(), "status": "AG", "setor": "",
            "canal_cliente": phone, "id_cliente": "", "observacoes": []})
        return 200, _envelope(200, {"message": "Template has been succesfully sent.",
                                    "messageSentId": message_id})

    def _notify(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("type") not in ("alert", "news", "survey") or not body.get("title"):
            return _error(400, "Parâmetros inválidos: type e title são obrigatórios")
        self.state.notifications.append(body)
        return 200, _envelope(200, {"success": True})


class OpaSimulator(RunningServer):
    """Handle on a running simulator: ``url``, ``token``, ``stop()``, seeding and inspection."""

    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread,
                 state: _State) -> None:
        super().__init__(server, thread)
        self._state = state
        self.token = state.token

    # --- seeding ----------------------------------------------------------------------------

    def add_department(self, name: str) -> str:
        with self._state.lock:
            dept_id = self._state.new_id()
            self._state.departments.append({"_id": dept_id, "nome": name, "status": "A",
                                            "realizaAtendimento": True})
        return dept_id

    def add_user(self, name: str, department_id: str, status: str = "A") -> str:
        with self._state.lock:
            user_id = self._state.new_id()
            self._state.users.append({"_id": user_id, "nome": name, "status": status,
                                      "tipo": "user", "online": "on",
                                      "departamento": [department_id]})
        return user_id

    def add_contact(self, name: str, phone_e164: str) -> str:
        with self._state.lock:
            contact_id = self._state.new_id()
            self._state.contacts.append({"_id": contact_id, "nome": name, "lead": False,
                                         "fones": [{"numero": phone_e164, "tipo": "celular",
                                                    "whatsapp": True, "celular": True}]})
        return contact_id

    def add_attendance(self, phone_e164: str, *, department_id: str = "", status: str = "EA",
                       contact_id: str = "", opened_at: datetime | None = None) -> str:
        with self._state.lock:
            att_id = self._state.new_id()
            opened = opened_at or datetime.now(UTC)
            self._state.attendances.append({
                "_id": att_id, "protocolo": f"OPA{opened:%Y%m%d}{self._state.counter:05d}",
                "date": opened.isoformat(), "status": status, "setor": department_id,
                "canal": "whatsapp", "canal_cliente": phone_e164, "id_cliente": contact_id,
                "observacoes": []})
        return att_id

    # --- inspection and faults ----------------------------------------------------------------

    def observations(self, attendance_id: str) -> list[str]:
        with self._state.lock:
            for att in self._state.attendances:
                if att["_id"] == attendance_id:
                    return [o["message"] for o in att.get("observacoes", [])]
        raise KeyError(attendance_id)

    def contacts(self) -> list[dict[str, Any]]:
        with self._state.lock:
            return [dict(c) for c in self._state.contacts]

    def lose_next_write_reply(self) -> None:
        """The next successful POST is applied, then its connection closed unanswered."""
        self._state.drop_next_write_reply = True

    def templates_sent(self) -> list[dict[str, Any]]:
        with self._state.lock:
            return list(self._state.templates_sent)

    def messages(self, attendance_id: str = "") -> list[dict[str, Any]]:
        """The messages sent into attendances (``content`` as posted), or into one of them."""
        with self._state.lock:
            return [m for m in self._state.messages
                    if not attendance_id or m["attendance"] == attendance_id]

    def set_template_quota(self, daily_limit: int, sent_today: int = 0) -> None:
        with self._state.lock:
            self._state.template_daily_limit = daily_limit
            self._state.templates_today = sent_today

    def notifications(self) -> list[dict[str, Any]]:
        with self._state.lock:
            return list(self._state.notifications)

    def requests(self) -> list[tuple[str, str]]:
        with self._state.lock:
            return list(self._state.requests)

    def set_latency(self, seconds: float) -> None:
        self._state.latency_s = seconds

    def delay_answers(self, path_part: str, seconds: float) -> None:
        """Requests to paths containing ``path_part`` are carried out, then answered after
        ``seconds``: a client that gives up meanwhile does not know its write landed."""
        self._state.answer_delay = (path_part, seconds)

    def fail_next(self, requests: int, status: int = 500) -> None:
        with self._state.lock:
            self._state.fail_remaining = requests
            self._state.fail_status = status

    def block_network(self, blocked: bool = True) -> None:
        self._state.network_blocked = blocked


def start_opa_simulator(host: str = "127.0.0.1", port: int = 0,
                        token: str = DEMO_TOKEN) -> OpaSimulator:
    """Start the simulator in a background thread (``port=0``: any free port)."""
    state = _State(token=token)
    handler = type("OpaHandler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer((host, port), handler)
    thread = serve_in_background(server, "opa-simulator")
    return OpaSimulator(server, thread, state)
