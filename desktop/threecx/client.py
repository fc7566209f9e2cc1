"""Async client for 3CX V20's XAPI (``<url>/xapi/v1``): token, paging, errors, the calls Ramal
makes (licence probe, users' queue status, recordings, report functions).

- Every request carries the Bearer token from :class:`TokenSource`; a 401 drops that token, gets
  a new one and retries **once** (the token expired early, or another desk using the same API
  client took the one active token). A second 401 is an authentication error.
- Collections page with ``$top``/``$skip`` (XAPI has no nextLink), 100 rows at most per page
  (some entity sets refuse more), until a short page or ``limit``.
- Errors become :mod:`desktop.threecx.errors` with pt-BR messages: 403 (role), 404, 504 (range
  too large), 5xx, network, and the OData ``{"error":{"code","message"}}`` body where there is one
  (the 401 body is not assumed to be JSON).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx

from desktop.privacy.redaction import redact_patterns
from desktop.settings.model import ThreecxSettings
from desktop.threecx import errors
from desktop.threecx.errors import XapiError
from desktop.threecx.models import (
    AgentQueueFigures,
    Licence,
    QueueStatus,
    Recording,
    XapiUser,
    parse_agent_in_queue,
    parse_licence,
    parse_recording,
    parse_user,
)
from desktop.threecx.odata import function_path, literal, utc_instant
from desktop.threecx.token import TokenSource

log = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_ROWS = 20_000
Row = dict[str, Any]

# the waitInterval the web UI sends: count every call whatever it waited
WAIT_INTERVAL = "'0:00:0'"


def _odata_error(reply: httpx.Response) -> tuple[str, str]:
    try:
        body = reply.json()
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            message = redact_patterns(str(error.get("message") or ""))[:200]
            return str(error.get("code") or ""), message
    except ValueError:
        pass
    return "", ""


class XapiClient:
    def __init__(self, settings: ThreecxSettings, *,
                 transport: httpx.AsyncBaseTransport | None = None,
                 monotonic: Callable[[], float] = time.monotonic, timeout_s: float = 20.0) -> None:
        base = settings.url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=base + "/xapi/v1/", verify=settings.verify_tls, transport=transport,
            timeout=httpx.Timeout(timeout_s), follow_redirects=False)
        self.tokens = TokenSource(self._http, base, settings.client_id, settings.client_secret,
                                  monotonic)
        self.requests = 0        # XAPI requests sent, token requests excluded (benchmark)

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- plumbing -----------------------------------------------------------------------------

    async def _send(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                    json: Any = None, what: str = "") -> httpx.Response:
        for attempt in (1, 2):
            token = await self.tokens.token()
            self.requests += 1
            try:
                reply = await self._http.request(
                    method, path, params=params, json=json,
                    headers={"Authorization": f"Bearer {token}"})
            except httpx.TimeoutException:
                raise errors.timed_out() from None
            except httpx.HTTPError as exc:
                raise errors.unreachable(type(exc).__name__) from None
            if reply.status_code == 401 and attempt == 1:
                log.info("3CX refused the token (HTTP 401): asking a new one and retrying once")
                self.tokens.invalidate(token)
                continue
            self._check(reply, what or path.split("(")[0].split("/")[0])
            return reply
        raise errors.auth_failed()

    def _check(self, reply: httpx.Response, what: str) -> None:
        status = reply.status_code
        if status < 400:
            return
        code, message = _odata_error(reply)
        log.warning("XAPI %s answered HTTP %s %s %s", what, status, code, message)
        if status == 401:
            raise errors.auth_failed()
        if status == 403:
            raise errors.forbidden(what)
        if status == 504:
            raise errors.too_large()
        if status == 404 or "FILE_NOT_FOUND" in message:
            raise errors.not_found(what)
        if status >= 500:
            raise errors.unreachable(f"HTTP {status}")
        raise XapiError(errors.bad_response(f"HTTP {status} {message}".strip()).args[0],
                        status, code)

    async def _json(self, path: str, params: Mapping[str, str] | None = None,
                    what: str = "") -> Any:
        reply = await self._send("GET", path, params=params, what=what)
        try:
            return reply.json()
        except ValueError:
            raise errors.bad_response(what or path) from None

    async def collection(self, path: str, params: Mapping[str, str] | None = None, *,
                         limit: int = MAX_ROWS, what: str = "") -> list[Row]:
        """Every row of an entity set or function result, ``$top``/``$skip`` page by page."""
        rows: list[Row] = []
        while len(rows) < limit:
            top = min(PAGE_SIZE, limit - len(rows))
            page_params = {**(params or {}), "$top": str(top), "$skip": str(len(rows))}
            body = await self._json(path, page_params, what)
            value = body.get("value") if isinstance(body, dict) else None
            if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
                raise errors.bad_response(what or path)
            rows += value
            if len(value) < top:
                break
        return rows

    # --- what Ramal asks ----------------------------------------------------------------------

    async def licence(self) -> Licence:
        """The feature probe: a token, then the licence and the version."""
        body = await self._json("Defs/Pbx.GetLicenseParameters()", what="licença")
        status = await self._json("SystemStatus", what="SystemStatus")
        version = str(status.get("Version") or "") if isinstance(status, dict) else ""
        return parse_licence(body if isinstance(body, dict) else {}, version)

    async def user(self, number: str) -> XapiUser:
        rows = await self.collection("Users", {
            "$filter": f"Number eq {literal(number)}",
            "$select": "Id,Number,DisplayName,QueueStatus,CurrentProfileName,IsRegistered",
        }, limit=1, what="usuários")
        if not rows:
            raise errors.not_found(f"ramal {number}")
        return parse_user(rows[0])

    async def set_queue_status(self, user_id: int, status: QueueStatus) -> None:
        await self._send("PATCH", f"Users({int(user_id)})", json={"QueueStatus": status.value},
                         what="usuários")

    async def recordings(self, start: datetime, end: datetime, extension: str = "",
                         limit: int = 1000) -> list[Recording]:
        where = f"StartTime ge {utc_instant(start)} and StartTime lt {utc_instant(end)}"
        if extension:
            ext = literal(extension)
            where += f" and (FromDn eq {ext} or ToDn eq {ext})"
        rows = await self.collection("Recordings", {"$filter": where, "$orderby": "StartTime asc"},
                                     limit=limit, what="gravações")
        return [parse_recording(r) for r in rows]

    async def download_recording(self, recording_id: int) -> bytes:
        path = f"Recordings/Pbx.DownloadRecording(recId={int(recording_id)})"
        reply = await self._send("GET", path, what="gravação")
        return reply.content

    async def report(self, entity: str, function: str, params: Sequence[tuple[str, str]],
                     what: str) -> list[Row]:
        return await self.collection(function_path(entity, function, params), what=what)

    async def agents_in_queue(self, queue: str, start: datetime,
                              end: datetime) -> list[AgentQueueFigures]:
        rows = await self.report(
            "ReportAgentsInQueueStatistics", "Pbx.GetAgentsInQueueStatisticsData",
            [("queueDnStr", literal(queue)), ("startDt", utc_instant(start)),
             ("endDt", utc_instant(end)), ("waitInterval", WAIT_INTERVAL)],
            what="relatórios")
        return [parse_agent_in_queue(r) for r in rows]

    async def queues(self) -> list[Row]:
        return await self.collection("Queues", {"$select": "Id,Number,Name,SLATime"},
                                     what="filas")
