"""A faithful IXC webservice v1 simulator: a real HTTP(S) server on loopback.

It follows the contract in docs/ixc.md (and the reference it came from): Basic auth (401
otherwise), ``/webservice/v1/<table>[/<id>]``, list mode only with the ``ixcsoft: listar`` header
(POST or GET with a body, JSON or form-encoded), flexigrid filters (``qtype/query/oper`` plus a
``grid_param`` JSON string, ANDed), sorting, paging, every value a string, IXC's red HTML box for
an unknown column, inserts/updates/deletes with IXC's envelopes, and a login page for any path
outside the webservice (what a wrong URL gets in real life).

Faults can be switched at run time, from Python (:meth:`SimulatorHandle.set_faults`) or over HTTP
(``POST /_sim/faults`` with a JSON object), so a test or the demo can make the "ISP server" slow,
broken or unreachable while a client talks to it.
"""

from __future__ import annotations

import base64
import binascii
import copy
import dataclasses
import functools
import json
import re
import ssl
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop.demo.simulators import ixc_network as network
from desktop.demo.simulators.http_base import (
    RunningServer,
    SimulatorRequestHandler,
    serve_in_background,
)
from desktop.demo.simulators.ixc_action_resources import (
    ACTION_RESOURCES,
    RawAnswer,
    complete_service_order,
)
from desktop.demo.simulators.ixc_contacts import contact_refusal, store_contact
from desktop.demo.simulators.ixc_protocols import RESOURCE as PROTOCOL_RESOURCE
from desktop.demo.simulators.ixc_protocols import ProtocolCounter, protocol_answer
from desktop.demo.simulators.ixc_seed import COLUMNS, DEMO_NUMBERS, DEMO_TOKEN, REQUIRED, build_seed

__all__ = ["DEMO_NUMBERS", "DEMO_TOKEN", "Faults", "SimulatorHandle", "run_simulator",
           "start_simulator"]

HTML_ERROR = (
    '<div style="margin:40px; padding:30px; background:#FF0000; color:#FFFFFF; '
    'font-family:Arial; font-size:14px; border-radius:5px;">Ocorreu um erro ao processar. '
    "Contate o suporte IXC Soft.</div>"
)
PHP_NOTICE = (
    "<br />\n<b>Notice</b>:  Undefined index: filial in <b>/var/www/ixc/webservice/v1/"
    "listar.php</b> on line <b>214</b><br />\n"
)
LOGIN_PAGE = (
    "<!DOCTYPE html>\n<html lang=\"pt-br\"><head><meta charset=\"utf-8\"><title>IXC Provedor"
    "</title></head><body><form method=\"post\" action=\"/adm.php\"><h1>IXCsoft</h1>"
    "<input name=\"email\" placeholder=\"E-mail\"><input type=\"password\" name=\"senha\">"
    "<button>Entrar</button></form></body></html>"
)
OPERATORS = ("=", "!=", "<", ">", "<=", ">=", "L", "NL", "IN", "NI", "BE", "NBE")


@dataclass(frozen=True)
class Faults:
    """What goes wrong, for every request or only for ``tables`` (empty = all tables)."""

    latency_ms: float = 0.0          # added to every webservice request
    slow_ms: float = 0.0             # extra delay on the faulted tables only
    error_500: bool = False
    html_error: bool = False         # the red box, HTTP 200
    php_notice: bool = False         # a PHP notice in front of the JSON
    json_error: str = ""             # {"type":"error","message": json_error}, HTTP 200
    action_as_list: bool = False     # action resources answer [{...}] (a newer IXC) not {...}
    unauthorized: bool = False       # 401 whatever the credentials
    # the card's actions: answer after the work is done (a client timing out on a write that
    # landed), and which answer shape (see ixc_action_resources: "text", "pdf", "flat")
    answer_delay_ms: float = 0.0
    action_variant: str = ""
    # an insert/update/delete is done, then the connection is closed without an answer (a
    # proxy or a crash dropping it): the client cannot tell whether IXC wrote
    drop_answer: bool = False
    # error_500 / html_error / json_error hit writes only (listing the table still works: an
    # ISP whose IXC refuses the insert, say a field it made mandatory)
    writes_only: bool = False
    # gerar_protocolo_atendimento: the answer's shape (see ixc_protocols: "object", "number",
    # "string", "text"), or a raw body sent instead of the protocol (hostile answers)
    protocol_shape: str = ""
    protocol_body: str = ""
    tables: frozenset[str] = frozenset()

    def applies_to(self, table: str) -> bool:
        return not self.tables or table in self.tables


@dataclass
class RequestRecord:
    method: str
    table: str
    listing: bool
    body: dict[str, Any]
    at: float


@dataclass
class _State:
    tables: dict[str, list[dict[str, str]]]
    token: str
    faults: Faults = field(default_factory=Faults)
    log: list[RequestRecord] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0   # how many webservice requests were ever served at once
    lock: threading.Lock = field(default_factory=threading.Lock)
    # staged outages: (scope, id) → the logins dropped (see ixc_network)
    outages: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # gerar_protocolo_atendimento's numbers, from the simulator's clock
    protocols: ProtocolCounter = field(default_factory=lambda: ProtocolCounter(datetime.now))


class SimulatorHandle(RunningServer):
    """A running simulator: its address, its data, its faults, and how to stop it."""

    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread, state: _State,
                 scheme: str) -> None:
        super().__init__(server, thread, scheme)
        self.state = state

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def tables(self) -> dict[str, list[dict[str, str]]]:
        return self.state.tables

    def set_faults(self, **changes: Any) -> None:
        if "tables" in changes:
            changes["tables"] = frozenset(changes["tables"])
        with self.state.lock:
            self.state.faults = dataclasses.replace(self.state.faults, **changes)

    def clear_faults(self, keep_latency: bool = True) -> None:
        with self.state.lock:
            latency = self.state.faults.latency_ms if keep_latency else 0.0
            self.state.faults = Faults(latency_ms=latency)

    @property
    def requests(self) -> list[RequestRecord]:
        with self.state.lock:
            return list(self.state.log)

    @property
    def max_in_flight(self) -> int:
        return self.state.max_in_flight

    @property
    def reserved_protocols(self) -> list[str]:
        """Every protocol ``gerar_protocolo_atendimento`` handed out, in order."""
        with self.state.lock:
            return list(self.state.protocols.issued)

    def reset_log(self) -> None:
        with self.state.lock:
            self.state.log.clear()
            self.state.max_in_flight = 0

    def stage_outage(self, scope: str, scope_id: str, down_at: datetime,
                     share: float = 0.75) -> int:
        """A CTO/concentrador/transmissor loses ``share`` of its logins at ``down_at``."""
        with self.state.lock:
            return _stage_outage(self.state, scope, scope_id, down_at, share)

    def end_outage(self, scope: str, scope_id: str, up_at: datetime) -> int:
        """The staged outage is over: its logins reconnect at ``up_at``."""
        with self.state.lock:
            return _end_outage(self.state, scope, scope_id, up_at)

    def churn(self, count: int, now: datetime, seed: int = 11) -> int:
        """Background churn: ``count`` random logins offline at scattered past times."""
        with self.state.lock:
            return len(network.churn(self.state.tables, count, now, seed))

    def insert(self, table: str, row: Mapping[str, str]) -> str:
        """Add a row as if typed into IXC (e.g. a customer the phone index has not seen)."""
        with self.state.lock:
            return _insert_row(self.state.tables, table, dict(row))


# --- the query engine ----------------------------------------------------------------------------


class _HtmlError(Exception):
    """IXC's answer to an invalid filter: the red box with HTTP 200."""


def _number(value: str) -> Decimal | None:
    try:
        return Decimal(value) if value.strip() and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()) \
            else None
    except InvalidOperation:
        return None


def _fold(value: str) -> str:
    """Text as MySQL's default collations (``utf8mb4_general_ci``, ``utf8mb4_0900_ai_ci``)
    compare it: case- and accent-insensitive, so "joao" finds "João" and "JOÃO"."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _compare_key(value: str) -> tuple[int, Decimal | str]:
    num = _number(value)
    return (0, num) if num is not None else (1, _fold(value.strip()))


@functools.lru_cache(maxsize=256)
def _like_regex(pattern: str) -> re.Pattern[str]:
    # IXC wraps the value in %...% itself (a bare name matches, and "%x%" works too because
    # "%%x%%" means the same); MySQL's % and _ wildcards inside the value stay wildcards.
    body = f"%{_fold(pattern)}%"
    regex = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in body)
    return re.compile(regex, re.IGNORECASE | re.DOTALL)


def _like(value: str, pattern: str) -> bool:
    return _like_regex(pattern).fullmatch(_fold(value)) is not None


def _matches(value: str, oper: str, query: str) -> bool:
    if oper in ("L", "NL"):
        return _like(value, query) == (oper == "L")
    if oper in ("IN", "NI"):
        options = {v.strip().casefold() for v in query.split(",")}
        return (value.casefold() in options) == (oper == "IN")
    if oper in ("BE", "NBE"):
        low, _, high = query.partition(",")
        inside = _compare_key(low) <= _compare_key(value) <= _compare_key(high)
        return inside == (oper == "BE")
    a, b = _compare_key(value), _compare_key(query)
    if a[0] != b[0]:  # a number against text: compare as text, like MySQL's loose casting
        a, b = (1, _fold(value)), (1, _fold(query))
    return {
        "=": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b,
    }[oper]


def _column(table: str, name: str) -> str:
    name = name.strip()  # MySQL ignores blanks around an identifier ("cliente.id ")
    bare = name.split(".", 1)[1] if name.startswith(f"{table}.") else name
    if bare not in COLUMNS.get(table, ()) or "." in bare:
        raise _HtmlError(name)
    return bare


def _filters(table: str, body: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    result: list[tuple[str, str, str]] = []
    qtype = str(body.get("qtype", "") or "")
    query = str(body.get("query", "") or "")
    oper = str(body.get("oper", "") or "=").upper()
    if qtype and qtype != table and not (query == "" and oper in ("", "=")):
        if oper not in OPERATORS:
            raise _HtmlError(oper)
        result.append((_column(table, qtype), oper, query))
    raw = body.get("grid_param")
    if raw not in (None, ""):
        if not isinstance(raw, str):
            raise _HtmlError("grid_param must be a JSON string")
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _HtmlError("grid_param") from exc
        if not isinstance(items, list):
            raise _HtmlError("grid_param")
        for item in items:
            if not isinstance(item, dict) or "TB" not in item:
                raise _HtmlError("grid_param item")
            op = str(item.get("OP", "=")).upper()
            if op not in OPERATORS:
                raise _HtmlError(op)
            result.append((_column(table, str(item["TB"])), op, str(item.get("P", ""))))
    return result


def _int(value: Any, default: int) -> int:
    try:
        return max(1, int(str(value)))
    except ValueError:
        return default


def _list(tables: dict[str, list[dict[str, str]]], table: str, body: Mapping[str, Any],
          record_id: str | None) -> dict[str, Any]:
    filters = _filters(table, body)
    if record_id is not None:
        filters.append(("id", "=", record_id))
    rows = [r for r in tables[table] if all(_matches(r.get(c, ""), o, q) for c, o, q in filters)]
    sortname = str(body.get("sortname", "") or "")
    if sortname:
        column = _column(table, sortname)
        descending = str(body.get("sortorder", "asc")).lower() == "desc"
        rows.sort(key=lambda r: _compare_key(r.get(column, "")), reverse=descending)
    page, rp = _int(body.get("page", 1), 1), _int(body.get("rp", 20), 20)
    chunk = rows[(page - 1) * rp: page * rp]
    return {"page": str(page), "total": str(len(rows)),
            "registros": [{k: str(v) for k, v in r.items()} for r in chunk]}


def _stage_outage(state: _State, scope: str, scope_id: str, down_at: datetime,
                  share: float) -> int:
    dropped = network.stage_outage(state.tables, scope, scope_id, down_at, share)
    state.outages.setdefault((scope, scope_id), []).extend(dropped)
    return len(dropped)


def _end_outage(state: _State, scope: str, scope_id: str, up_at: datetime) -> int:
    return network.end_outage(state.tables, state.outages.pop((scope, scope_id), []), up_at)


def _sim_time(value: Any) -> datetime:
    """A ``YYYY-MM-DD HH:MM:SS`` from a ``/_sim`` body; now when missing (the demo)."""
    text = str(value or "").strip()
    return datetime.strptime(text, network.STAMP) if text else datetime.now().replace(
        microsecond=0)


def _next_id(rows: list[dict[str, str]]) -> str:
    return str(max((int(r["id"]) for r in rows if r.get("id", "").isdigit()), default=0) + 1)


def _insert_row(tables: dict[str, list[dict[str, str]]], table: str,
                values: dict[str, Any]) -> str:
    row = {col: "" for col in COLUMNS[table]}
    row.update({k: str(v) for k, v in values.items() if k in row})
    row["id"] = _next_id(tables[table])
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    if table == "su_ticket":
        row["protocolo"] = row["protocolo"] or f"AT{datetime.now().year}{row['id']}"
        row["data_criacao"] = row["data_criacao"] or now
        row["data_ultima_alteracao"] = now
        row["su_status"] = row["su_status"] or "N"
    if table == "su_oss_chamado":
        complete_service_order(row, datetime.now())
    if table == "contato":
        store_contact(row)
    if "ultima_atualizacao" in row:
        row["ultima_atualizacao"] = now
    tables[table].append(row)
    return row["id"]


def _put_full_record(table: str, row: dict[str, str], body: Mapping[str, Any]) -> None:
    """An update as integrators report IXC doing it (reference §4, [M]): the body is the new
    row, so a column it leaves out is blanked. A client that PUTs only the changed fields
    loses the rest, as it would on a real tenant."""
    for column in row:
        if column != "id":
            row[column] = str(body.get(column, ""))
    if table == "su_ticket":
        row["data_ultima_alteracao"] = datetime.now().strftime("%Y-%m-%d %H:%M:%S")


# --- action resources (POST without ``ixcsoft: listar``; Portuguese envelope) ------------------


def _trust_unlock(tables: dict[str, list[dict[str, str]]], body: Mapping[str, Any]
                  ) -> dict[str, str]:
    """``desbloqueio_confianca``: unlock a blocked contract for a few days, once per debt."""
    target = str(body.get("id", "")).strip()
    contract = next((r for r in tables["cliente_contrato"] if r.get("id") == target), None)
    if contract is None:
        return {"tipo": "erro", "codigo": "106",
                "mensagem": "ID de contrato inexistente ou não informado!"}
    if contract.get("status") != "A":
        return {"tipo": "erro", "codigo": "109", "mensagem": "Contrato inativo!"}
    if contract.get("desbloqueio_confianca_ativo") == "S":
        return {"tipo": "erro", "codigo": "107",
                "mensagem": "Desbloqueio de confiança já está ativo para este contrato!"}
    used = contract.get("dt_ult_desb_conf", "") not in ("", "0000-00-00")
    if used and contract.get("num_parcelas_atraso", "0") not in ("", "0"):
        return {"tipo": "erro", "codigo": "113",
                "mensagem": "Desbloqueio de confiança já utilizado e não pago!"}
    today = datetime.now().date()
    contract.update({"desbloqueio_confianca_ativo": "S", "status_internet": "A",
                     "dt_ult_desb_conf": today.isoformat(),
                     "dt_retorno_desb_conf": (today + timedelta(days=3)).isoformat()})
    return {"tipo": "sucesso", "mensagem": "Desbloqueio de confiança efetuado com sucesso!"}


ACTIONS = {"desbloqueio_confianca": _trust_unlock}
# what an insert must satisfy besides its required fields (IXC's message, or "")
INSERT_RULES: dict[str, Callable[[Mapping[str, Any]], str]] = {"contato": contact_refusal}


# --- HTTP ----------------------------------------------------------------------------------------


class _Handler(SimulatorRequestHandler):
    server_version = "Apache"
    sys_version = ""
    # Headers and body are two writes; with Nagle on, the body waits for the client's delayed
    # ACK of the headers (~40 ms on Linux) -- a stall no real IXC (Apache/nginx) has.
    disable_nagle_algorithm = True
    state: _State  # set on the subclass made per server

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    # -- plumbing

    def _read_body(self) -> dict[str, Any]:
        raw = self.read_body()
        if not raw:
            return {}
        ctype = self.headers.get("Content-Type", "")
        text = raw.decode("utf-8", errors="replace")
        if "json" in ctype or text.lstrip().startswith("{"):
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                return {}
            return data if isinstance(data, dict) else {}
        if "multipart/" in ctype:
            return _parse_multipart(raw, ctype)
        return {k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()}

    def _send(self, status: int, body: str, ctype: str = "application/json; charset=utf-8",
              extra: Mapping[str, str] | None = None) -> None:
        self.send_bytes(status, body.encode("utf-8"), ctype, extra)

    def _json(self, payload: Any, notice: bool = False) -> None:
        text = json.dumps(payload, ensure_ascii=False)
        # PHP prints notices as HTML, so the whole answer comes back as text/html
        if notice:
            self._send(200, PHP_NOTICE + text, "text/html; charset=UTF-8")
        else:
            self._send(200, text)

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return decoded == self.state.token

    # -- routing

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        if path.startswith("/_sim/"):
            self._admin(method, path)
            return
        match = re.fullmatch(r"/webservice/(v[^/]*)/([A-Za-z0-9_]+)/?(?:([^/]+)/?)?", path)
        if not match:
            self._send(200, LOGIN_PAGE, "text/html; charset=UTF-8")
            return
        version, table, record_id = match.group(1), match.group(2), match.group(3)
        body = self._read_body()
        if parts.query:
            for k, v in parse_qs(parts.query).items():
                body.setdefault(k, v[-1])
        listing = self.headers.get("ixcsoft", "").strip().lower() == "listar"
        with self.state.lock:
            faults = self.state.faults
            self.state.log.append(RequestRecord(method, table, listing, body, time.monotonic()))
            self.state.in_flight += 1
            self.state.max_in_flight = max(self.state.max_in_flight, self.state.in_flight)
        try:
            self._serve(method, table, version, record_id, body, listing, faults)
        finally:
            with self.state.lock:
                self.state.in_flight -= 1

    def _serve(self, method: str, table: str, version: str, record_id: str | None,
               body: dict[str, Any], listing: bool, faults: Faults) -> None:
        delay = faults.latency_ms + (faults.slow_ms if faults.applies_to(table) else 0.0)
        if delay:
            time.sleep(delay / 1000.0)
        if faults.unauthorized or not self._authorized():
            self._send(401, "Unauthorized", "text/html; charset=UTF-8",
                       {"WWW-Authenticate": 'Basic realm="IXCSoft"'})
            return
        if version != "v1":
            self._json({"type": "error",
                        "message": f"Versão {version} do webservice não está disponível!"})
            return
        reading = listing or method == "GET"
        if faults.applies_to(table) and not (faults.writes_only and reading):
            if faults.error_500:
                self._send(500, "<h1>500 Internal Server Error</h1>", "text/html")
                return
            if faults.html_error:
                self._send(200, HTML_ERROR, "text/html; charset=UTF-8")
                return
            if faults.json_error:
                self._json({"type": "error", "message": faults.json_error})
                return
        notice = faults.php_notice and faults.applies_to(table)
        if table == PROTOCOL_RESOURCE and method in ("GET", "POST"):
            self._reserve_protocol(faults, notice)
            return
        if table in ACTIONS and not listing:
            with self.state.lock:
                answer = ACTIONS[table](self.state.tables, body)
            self._late(faults, table)
            self._json([answer] if faults.action_as_list else answer, notice)
            return
        if table in ACTION_RESOURCES and not listing:
            with self.state.lock:
                reply = ACTION_RESOURCES[table](self.state.tables, body, faults.action_variant)
            self._late(faults, table)
            if isinstance(reply, RawAnswer):
                self.send_bytes(200, reply.body, reply.content_type, None)
            else:
                self._json([reply] if faults.action_as_list else reply, notice)
            return
        if table not in COLUMNS:
            self._json({"type": "error", "message": f"Recurso {table} não está disponível!"},
                       notice)
            return
        try:
            with self.state.lock:
                payload = self._operate(method, table, record_id, body, listing)
        except _HtmlError:
            self._send(200, HTML_ERROR, "text/html; charset=UTF-8")
            return
        if not listing and method == "POST":
            self._late(faults, table)
        if not reading and faults.drop_answer and faults.applies_to(table):
            self.close_connection = True      # the write stays; its answer never leaves
            return
        self._json(payload, notice)

    def _reserve_protocol(self, faults: Faults, notice: bool) -> None:
        """``gerar_protocolo_atendimento`` (POST or GET, any ``ixcsoft`` header): the next
        protocol, stored nowhere but the counter, in the shape ``faults`` picks."""
        with self.state.lock:
            taken = [r.get("protocolo", "") for name in ("su_ticket", "su_oss_chamado")
                     for r in self.state.tables.get(name, [])]
            protocol = self.state.protocols.next(taken)
        self._late(faults, PROTOCOL_RESOURCE)
        if faults.protocol_body:
            self._send(200, faults.protocol_body, "text/html; charset=UTF-8")
            return
        body, ctype = protocol_answer(protocol, faults.protocol_shape)
        if notice:
            self._send(200, PHP_NOTICE + body, "text/html; charset=UTF-8")
        else:
            self._send(200, body, ctype)

    @staticmethod
    def _late(faults: Faults, table: str) -> None:
        if faults.answer_delay_ms and faults.applies_to(table):
            time.sleep(faults.answer_delay_ms / 1000.0)

    def _operate(self, method: str, table: str, record_id: str | None, body: dict[str, Any],
                 listing: bool) -> dict[str, Any]:
        tables = self.state.tables
        header = self.headers.get("ixcsoft", "").strip().lower()
        if listing or (method == "GET"):
            return _list(tables, table, body, record_id)
        if method == "DELETE" or header == "excluir":
            before = len(tables[table])
            tables[table][:] = [r for r in tables[table] if r.get("id") != record_id]
            if len(tables[table]) == before:
                return {"type": "error", "message": "Registro não encontrado!"}
            return {"type": "success", "message": "Registro excluído com sucesso!"}
        if method == "PUT" or header in ("alterar", "editar"):
            target = record_id or str(body.get("id", ""))
            row = next((r for r in tables[table] if r.get("id") == target), None)
            if row is None:
                return {"type": "error", "message": "Registro não encontrado!"}
            _put_full_record(table, row, body)
            return {"type": "success", "message": "Registro atualizado com sucesso!",
                    "id": target}
        missing = [label for col, label in REQUIRED.get(table, {}).items()
                   if not str(body.get(col, "")).strip() or str(body.get(col)) == "0"]
        if missing:
            return {"type": "error",
                    "message": "<br />".join(f"Preencha {label}" for label in missing)}
        refusal = INSERT_RULES[table](body) if table in INSERT_RULES else ""
        if refusal:
            return {"type": "error", "message": refusal}
        new_id = _insert_row(tables, table, body)
        return {"type": "success", "message": "Registro inserido com sucesso!", "id": new_id}

    def _admin(self, method: str, path: str) -> None:
        if path in ("/_sim/outage", "/_sim/churn") and method == "POST":
            self._stage(path, self._read_body())
            return
        if path == "/_sim/log" and method == "GET":
            self._send_log()
            return
        if path == "/_sim/faults" and method == "POST":
            body = self._read_body()
            known = {f.name for f in dataclasses.fields(Faults)}
            changes = {k: v for k, v in body.items() if k in known}
            if "tables" in changes:
                changes["tables"] = frozenset(changes["tables"])
            with self.state.lock:
                self.state.faults = dataclasses.replace(Faults(), **changes)
        with self.state.lock:
            faults = dataclasses.asdict(self.state.faults)
            count = len(self.state.log)
        faults["tables"] = sorted(faults["tables"])
        self._send(200, json.dumps({"faults": faults, "requests": count}))

    def _send_log(self) -> None:
        """``GET /_sim/log``: when each webservice request arrived (``time.monotonic()``, one
        clock for every process of this machine), for a benchmark running the simulator in
        its own process to count request waves."""
        with self.state.lock:
            entries = [{"method": r.method, "table": r.table, "listing": r.listing,
                        "at": r.at} for r in self.state.log]
        self._send(200, json.dumps({"requests": entries}))

    def _stage(self, path: str, body: Mapping[str, Any]) -> None:
        """``/_sim/outage`` ``{"scope", "id", "action": "start"|"end", "at", "share"}`` and
        ``/_sim/churn`` ``{"count", "at", "seed"}``: answers how many logins changed."""
        try:
            at = _sim_time(body.get("at"))
            with self.state.lock:
                if path == "/_sim/churn":
                    changed = len(network.churn(self.state.tables, int(body.get("count", 3)),
                                                at, int(body.get("seed", 11))))
                elif str(body.get("action", "start")) == "end":
                    changed = _end_outage(self.state, str(body.get("scope", "cto")),
                                          str(body.get("id", "")), at)
                else:
                    changed = _stage_outage(self.state, str(body.get("scope", "cto")),
                                            str(body.get("id", "")), at,
                                            float(body.get("share", 0.75)))
        except (KeyError, ValueError) as exc:
            self._send(400, json.dumps({"error": str(exc)}))
            return
        self._send(200, json.dumps({"changed": changed}))


def _parse_multipart(raw: bytes, ctype: str) -> dict[str, Any]:
    boundary = ctype.split("boundary=", 1)[-1].strip('"').encode()
    result: dict[str, Any] = {}
    for part in raw.split(b"--" + boundary):
        head, _, value = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]+)"', head)
        if name:
            result[name.group(1).decode()] = value.rstrip(b"\r\n").decode("utf-8", "replace")
    return result


def load_data(path: Path) -> dict[str, list[dict[str, str]]]:
    """A ``{table: [rows]}`` JSON file (e.g. a dump of :func:`build_seed`).

    Values become strings (``null`` an empty one) and every column the table has is present,
    as in IXC's answers, however sparse the file is. Unknown tables are ignored.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    empty: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
    tables = empty | {
        name: [{col: "" for col in COLUMNS[name]}
               | {k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
        for name, rows in data.items() if name in COLUMNS
    }
    return tables


def start_simulator(host: str = "127.0.0.1", port: int = 0, *, latency_ms: float = 0.0,
                    data: Mapping[str, list[dict[str, str]]] | None = None,
                    token: str = DEMO_TOKEN, tls: tuple[Path, Path] | None = None,
                    clock: Callable[[], datetime] | None = None) -> SimulatorHandle:
    """Start the simulator in a background thread; ``port=0`` picks a free one. ``clock``
    (local, naive; the machine's by default) dates the protocols it hands out."""
    tables = copy.deepcopy(dict(data)) if data is not None else build_seed()
    state = _State(tables={name: tables.get(name, []) for name in COLUMNS}, token=token,
                   faults=Faults(latency_ms=latency_ms),
                   protocols=ProtocolCounter(clock or datetime.now))
    handler = type("IxcHandler", (_Handler,), {"state": state})
    # a lookup opens up to max_concurrency connections at once; socketserver's backlog of 5
    # would drop the rest's SYNs and make them retry a second later
    server_class = type("IxcServer", (ThreadingHTTPServer,), {"request_queue_size": 64})
    server = server_class((host, port), handler)
    scheme = "http"
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls[0]), str(tls[1]))
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    # a short poll interval makes stop() quick, which the test suite feels on every fixture
    thread = serve_in_background(server, "ixc-simulator", poll_interval=0.05)
    return SimulatorHandle(server, thread, state, scheme)


def run_simulator(host: str, port: int, latency_ms: float, data: Path | None,
                  token: str | None) -> int:
    """``ramal simulate-ixc``: serve until interrupted; prints the URL and token to use."""
    tables = load_data(data) if data is not None else None
    handle = start_simulator(host, port, latency_ms=latency_ms, data=tables,
                             token=token or DEMO_TOKEN)
    print(f"Simulador IXC em {handle.url} (token {handle.token})", flush=True)
    print(f"  [ixc]\n  url = \"{handle.url}\"\n  token = \"{handle.token}\"", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        handle.stop()
    print("Simulador encerrado.", file=sys.stderr)
    return 0
