"""Async client for IXC's webservice v1 (``<url>/webservice/v1/<table>``).

Lists use the flexigrid protocol: header ``ixcsoft: listar`` and a JSON body with
``qtype/query/oper/page/rp/sortname/sortorder`` and ``grid_param`` as a JSON *string*. Inserts
are a plain POST. Every answer is checked for the ways IXC fails with HTTP 200 (see
:mod:`desktop.ixc.errors`), ``senha`` fields are dropped before a row leaves this module, and at
most ``max_concurrency`` requests are in flight per tenant, because ISP servers are small boxes.

The token is only ever placed in the Authorization header; nothing here logs it.
"""

from __future__ import annotations

import asyncio
import base64
import importlib.util
import json
import logging
import ssl
import sys
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from desktop.ixc.bounded_body import BodyTooLargeError, UnsupportedEncodingError, read_bounded
from desktop.ixc.errors import (
    IxcApiError,
    IxcAuthError,
    IxcBadResponseError,
    IxcDeadlineError,
    IxcError,
    IxcHtmlError,
    IxcRedirectError,
    IxcResponseTooLargeError,
    IxcServerError,
    IxcTimeoutError,
    IxcTlsError,
    IxcUnreachableError,
    IxcWrongUrlError,
)
from desktop.ixc.sent_watch import trace_extension
from desktop.settings.model import IxcSettings

log = logging.getLogger(__name__)

# httpcore asks ``import sniffio`` on every lock it sets up (4 times per request). anyio 4.x no
# longer installs sniffio, and a failed import is not cached: each one walks sys.path, which
# measured ~0.75 ms of CPU per request (half of httpx's cost). Caching the miss keeps httpcore
# on its documented fallback ("asyncio") and costs nothing if sniffio is ever installed.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

Row = dict[str, str]
Rows = list[Row]

# The largest answer read, decompressed. A 500-row ``cliente`` page is ~1.5 MB; past this the
# server is sending something else (a gzip bomb, every row of a table that ignored ``rp``).
MAX_BODY_BYTES = 16 * 1024 * 1024
# Bulk reads (phone index, reference tables) stop after this many pages even if IXC keeps
# claiming more: 200 × rp 500 = 100 000 customers, far above any ISP using one IXC.
MAX_PAGES = 200

# Secrets IXC returns in list responses (cliente.senha, radusuarios.senha, senha_root_sistema...)
_SECRET_PREFIXES = ("senha", "token")


@dataclass(frozen=True)
class Filter:
    """One ``grid_param`` item: ``column`` (``table.column``), operator, value."""

    column: str
    op: str
    value: str

    def as_grid_param(self) -> dict[str, str]:
        return {"TB": self.column, "OP": self.op, "P": self.value}


@dataclass(frozen=True)
class Page:
    total: int
    rows: tuple[Row, ...]


def _as_text(value: Any) -> str:
    """IXC sends every value as a string; a proxy or a broken version may not: numbers become
    their text, null and nested junk (objects, lists: IXC never nests) become empty."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "S" if value else "N"
    return str(value)


def drop_secrets(row: Mapping[str, Any]) -> Row:
    """The row with every password/token column removed and values as strings."""
    return {
        str(k): _as_text(v)
        for k, v in row.items()
        if not str(k).lower().startswith(_SECRET_PREFIXES)
    }


def _row_key(row: Row) -> str:
    """What makes a row new in a paged walk: its id (every IXC table has one)."""
    return row.get("id") or json.dumps(row, sort_keys=True)


def _basic_auth(token: str) -> str:
    """``Basic base64("<user id>:<hash>")``: the token exactly as IXC shows it."""
    return "Basic " + base64.b64encode(token.strip().encode("utf-8")).decode("ascii")


def _tls_verify(verify_tls: bool | str) -> bool | ssl.SSLContext:
    if isinstance(verify_tls, bool):
        return verify_tls
    path = Path(verify_tls).expanduser()
    try:
        return ssl.create_default_context(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        raise IxcTlsError(str(path), f"não foi possível ler a CA: {exc}") from None


def _is_tls_failure(exc: BaseException) -> str | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return getattr(seen, "verify_message", None) or seen.reason or str(seen)
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return text
    return None


def _extract_json(text: str) -> tuple[Any, bool]:
    """The JSON payload, tolerating PHP notices/warnings printed before it; and whether the
    text was JSON from the start (False: something came before the object and was ignored)."""
    stripped = text.strip()
    try:
        return json.loads(stripped), True
    except json.JSONDecodeError:
        pass
    start, end = stripped.find("{"), stripped.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object")
    return json.loads(stripped[start:end + 1]), False


class IxcClient:
    """One tenant's webservice. Create once, share, and ``await aclose()`` at shutdown."""

    def __init__(self, url: str, token: str, *, verify_tls: bool | str = True,
                 max_concurrency: int = 8, timeout_s: float = 10.0,
                 deadline_s: float | None = None,
                 max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.url = url.rstrip("/")
        self.base_url = f"{self.url}/webservice/v1"
        self.timeout_s = timeout_s
        # httpx's timeouts are per read: a server sending a byte every few seconds never trips
        # them. The deadline bounds the whole exchange (waiting for a slot not included), so a
        # sick table gives its concurrency slot back instead of freezing every later popup.
        self.deadline_s = deadline_s if deadline_s is not None else timeout_s
        self.max_body_bytes = max_body_bytes
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self.max_concurrency = max_concurrency
        self.request_count = 0
        # One persistent client: connections are kept alive between requests and lookups (a new
        # one costs a TCP round trip, plus the TLS handshake's on https). Enough of them for a
        # whole wave; idle ones are kept a minute (calls come minutes apart; the server may
        # still close them sooner, and httpcore then reconnects transparently).
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            verify=_tls_verify(verify_tls),
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)),
            limits=httpx.Limits(max_connections=max_concurrency,
                                max_keepalive_connections=max_concurrency,
                                keepalive_expiry=60.0),
            # Basic auth as a fixed header: same bytes as httpx.BasicAuth without running its
            # auth flow on every request; the token is set here once and never logged
            headers={"Accept": "application/json",
                     # only what read_bounded() can inflate under its cap
                     "Accept-Encoding": "gzip, deflate",
                     "Authorization": _basic_auth(token)},
            follow_redirects=False,   # the token must never follow a 3xx to another host
        )

    @classmethod
    def from_settings(cls, settings: IxcSettings) -> IxcClient:
        return cls(settings.url, settings.token, verify_tls=settings.verify_tls,
                   max_concurrency=settings.max_concurrency, timeout_s=settings.timeout_s)

    def __repr__(self) -> str:  # never the token
        return f"IxcClient({self.base_url!r})"

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> IxcClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    # --- requests -------------------------------------------------------------------------------

    async def _request(self, table: str, body: Mapping[str, Any], *, listing: bool,
                       method: str = "POST", bare_text: bool = False) -> Any:
        headers = {"ixcsoft": "listar"} if listing else {}
        async with self._semaphore:
            started = time.perf_counter()
            self.request_count += 1
            try:
                async with asyncio.timeout(self.deadline_s):
                    status, text = await self._exchange(table, method, body, headers)
            except TimeoutError:
                raise IxcDeadlineError(self.deadline_s) from None
            log.debug("IXC %s %s (%s) -> HTTP %s in %.0f ms", method, table,
                      "listar" if listing else "gravar", status,
                      (time.perf_counter() - started) * 1000)
        return self._decode(table, status, text, bare_text=bare_text)

    async def _exchange(self, table: str, method: str, body: Mapping[str, Any],
                        headers: Mapping[str, str]) -> tuple[int, str]:
        """Status and text of one request, the body read under the size cap."""
        status, raw, charset = await self._exchange_bytes(table, method, body, headers)
        try:
            return status, raw.decode(charset, errors="replace")
        except LookupError:  # an unknown charset name: IXC speaks UTF-8
            return status, raw.decode("utf-8", errors="replace")

    async def _exchange_bytes(self, table: str, method: str, body: Mapping[str, Any],
                              headers: Mapping[str, str]) -> tuple[int, bytes, str]:
        """Status, body bytes and charset of one request, read under the size cap."""
        try:
            async with self._http.stream(method, f"/{table}", json=dict(body),
                                         headers=headers,
                                         extensions=trace_extension()) as response:
                status = response.status_code
                if 300 <= status < 400:
                    raise IxcRedirectError(self.url, status,
                                           response.headers.get("location", ""))
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_body_bytes:
                    raise IxcResponseTooLargeError(table, self.max_body_bytes)
                try:
                    raw = await read_bounded(response.aiter_raw(),
                                             response.headers.get("content-encoding", ""),
                                             self.max_body_bytes)
                except BodyTooLargeError:
                    raise IxcResponseTooLargeError(table, self.max_body_bytes) from None
                except (UnsupportedEncodingError, zlib.error) as exc:
                    raise IxcBadResponseError(
                        table, f"compressão ilegível ({exc or 'gzip'})") from None
                charset = response.charset_encoding or "utf-8"
        except httpx.TimeoutException:
            raise IxcTimeoutError(self.url, self.timeout_s) from None
        except httpx.TransportError as exc:
            reason = _is_tls_failure(exc)
            if reason is not None:
                raise IxcTlsError(self.url, reason) from None
            raise IxcUnreachableError(self.url, str(exc) or type(exc).__name__) from None
        return status, raw, charset

    def _decode(self, table: str, status: int, text: str, *, bare_text: bool = False) -> Any:
        if status == 401:
            raise IxcAuthError()
        if status >= 500:
            raise IxcServerError(status)
        lowered = text.lower()
        if "ocorreu um erro ao processar" in lowered:
            raise IxcHtmlError(table)
        if status == 404 or (
                ("<html" in lowered or "<!doctype" in lowered) and "{" not in text):
            raise IxcWrongUrlError(self.url)
        try:
            payload, clean = _extract_json(text)
        except (ValueError, json.JSONDecodeError):
            if bare_text and text.strip():
                return text.strip()    # the caller validates it (it may be anything)
            raise IxcBadResponseError(table, text[:120].strip() or "corpo vazio") from None
        if not clean:
            log.warning("IXC %s: PHP notice before the JSON was ignored", table)
        if isinstance(payload, dict) and str(payload.get("type", "")).lower() == "error":
            raise IxcApiError(table, str(payload.get("message", "")))
        return payload

    async def list(self, table: str, *, qtype: str = "", query: str = "", oper: str = "=",
                   filters: Sequence[Filter] = (), sortname: str = "", sortorder: str = "asc",
                   page: int = 1, rp: int = 20) -> Page:
        """One page of ``table`` rows matching ``qtype oper query`` AND every filter."""
        body: dict[str, Any] = {
            "qtype": qtype or table, "query": query, "oper": oper if qtype else "",
            "page": str(page), "rp": str(rp),
            "sortname": sortname or f"{table}.id", "sortorder": sortorder,
        }
        if filters:
            body["grid_param"] = json.dumps([f.as_grid_param() for f in filters])
        payload = await self._request(table, body, listing=True)
        if not isinstance(payload, dict) or ("registros" not in payload
                                             and "total" not in payload):
            raise IxcBadResponseError(table, "sem 'registros'")
        rows = payload.get("registros") or []
        if isinstance(rows, dict):   # PHP's json_encode turns a gapped array into an object
            rows = list(rows.values())
        if not isinstance(rows, list):
            raise IxcBadResponseError(table, "'registros' não é uma lista")
        if len(rows) > rp:
            # a server that ignores rp: the caller asked for rp rows and plans its work on that
            log.warning("IXC %s sent %d rows for rp=%d; the rest were ignored",
                        table, len(rows), rp)
            rows = rows[:rp]
        try:
            total = int(str(payload.get("total", len(rows))))
        except ValueError:
            total = len(rows)
        return Page(max(total, 0),
                    tuple(drop_secrets(r) for r in rows if isinstance(r, dict)))

    async def list_all(self, table: str, *, qtype: str = "", query: str = "",
                       oper: str = "=", filters: Sequence[Filter] = (), sortname: str = "",
                       rp: int = 500, max_pages: int = MAX_PAGES) -> Rows:
        """Every matching row, page by page (bulk reads: the phone index, lookup tables).

        Stops at a short page, at ``total``, at ``max_pages``, and at a page that brings no
        row not seen before: a server that ignores ``page`` and lies about ``total`` would
        otherwise be walked forever, resending the same rows.
        """
        rows: Rows = []
        seen: set[str] = set()
        for page in range(1, max_pages + 1):
            chunk = await self.list(table, qtype=qtype, query=query, oper=oper,
                                    filters=filters, sortname=sortname, page=page, rp=rp)
            new = [r for r in chunk.rows if _row_key(r) not in seen]
            seen.update(_row_key(r) for r in new)
            rows.extend(new)
            if not new or len(chunk.rows) < rp or len(rows) >= chunk.total:
                if chunk.rows and not new:
                    log.warning("IXC %s: page %d repeated earlier rows; paging stopped",
                                table, page)
                break
        else:
            log.warning("IXC %s: stopped after %d pages (total %s claimed)", table,
                        max_pages, chunk.total)
        return rows

    async def action(self, resource: str, values: Mapping[str, Any]) -> Any:
        """POST to an action resource (``desbloqueio_confianca``, ``get_boleto``...).

        Returns the decoded payload as IXC sent it: action answers changed shape between IXC
        versions (an object, then a one-item list), so callers parse it defensively.
        """
        body = {k: "" if v is None else str(v) for k, v in values.items()}
        return await self._request(resource, body, listing=False)

    async def generate(self, resource: str) -> Any:
        """POST ``{}`` to a resource that hands out a value and stores nothing
        (``gerar_protocolo_atendimento``). Transport, auth and IXC's error shapes fail as in
        :meth:`action`; the answer comes back decoded from JSON (a number, a string, an
        object...), or as its stripped text when it is not JSON (some IXC versions answer a
        bare text). The caller validates it: it may be anything up to the size cap."""
        return await self._request(resource, {}, listing=False, bare_text=True)

    async def action_bytes(self, resource: str, values: Mapping[str, Any]) -> bytes:
        """POST to an action resource whose answer may not be JSON (``get_boleto``: PDF bytes
        or a bare base64 text); transport, auth and IXC's red box fail as in :meth:`action`."""
        body = {k: "" if v is None else str(v) for k, v in values.items()}
        async with self._semaphore:
            self.request_count += 1
            try:
                async with asyncio.timeout(self.deadline_s):
                    status, raw, _charset = await self._exchange_bytes(resource, "POST", body, {})
            except TimeoutError:
                raise IxcDeadlineError(self.deadline_s) from None
        if status == 401:
            raise IxcAuthError()
        if status >= 500:
            raise IxcServerError(status)
        head = raw[:4096].lower()
        if b"ocorreu um erro ao processar" in head:
            raise IxcHtmlError(resource)
        if status == 404 or ((b"<html" in head or b"<!doctype" in head) and b"{" not in head):
            raise IxcWrongUrlError(self.url)
        return raw

    async def insert(self, table: str, values: Mapping[str, Any]) -> str:
        """Insert a row; returns IXC's new id. Not idempotent: do not blindly retry."""
        body = {k: "" if v is None else str(v) for k, v in values.items()}
        payload = await self._request(table, body, listing=False)
        if not isinstance(payload, dict) or str(payload.get("type", "")).lower() != "success":
            raise IxcBadResponseError(table, str(payload)[:120])
        return str(payload.get("id", ""))

    async def read_for_update(self, table: str, record_id: str) -> Row | None:
        """The whole row, secret columns included, to be sent back by :meth:`update`.

        A PUT without ``senha`` would blank the customer's hotsite password (IXC takes the body
        as the new row), so this one read keeps it; the row must go nowhere but the PUT: never
        to a log, a widget or the local database."""
        body = {"qtype": f"{table}.id", "query": record_id, "oper": "=", "page": "1",
                "rp": "1", "sortname": f"{table}.id", "sortorder": "asc"}
        payload = await self._request(table, body, listing=True)
        rows = payload.get("registros") if isinstance(payload, dict) else None
        if isinstance(rows, dict):
            rows = list(rows.values())
        for row in rows or []:
            if isinstance(row, dict) and _as_text(row.get("id")) == record_id:
                return {str(k): _as_text(v) for k, v in row.items()}
        return None

    async def update(self, table: str, record_id: str, values: Mapping[str, Any]) -> None:
        """``PUT /<table>/<id>``. IXC may blank the columns a PUT leaves out (reference §4), so
        ``values`` must be the whole row as read just before, with the changes applied."""
        if not record_id.isdigit():
            raise IxcBadResponseError(table, f"id inválido para alterar: {record_id!r}")
        body = {k: "" if v is None else str(v) for k, v in values.items() if k != "id"}
        payload = await self._request(f"{table}/{record_id}", body, listing=False, method="PUT")
        if not isinstance(payload, dict) or str(payload.get("type", "")).lower() != "success":
            raise IxcBadResponseError(table, str(payload)[:120])


__all__ = ["Filter", "IxcClient", "IxcError", "Page", "Row", "drop_secrets"]
