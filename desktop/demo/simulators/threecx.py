"""A 3CX V20 XAPI simulator: a real HTTP server on loopback following the shared reference's §8.

- ``POST /connect/token`` (urlencoded or multipart): ``{"token_type":"Bearer","expires_in":N,
  "access_token":...,"refresh_token":null}``; bad credentials → 401
  ``{"error":"unauthorized",...}``.
  **One active token per client**: issuing a token revokes the previous one.
- ``/xapi/v1/*`` without a valid Bearer → 401 with an empty body (not JSON, as 3CX may).
- Collections wrapped as ``{"@odata.context","value"}`` (plus ``@odata.count``), no nextLink;
  ``$filter`` (see :mod:`odata_filter`), ``$orderby``, ``$top``, ``$skip``, ``$select``, ``$count``.
- ``Defs/Pbx.GetLicenseParameters()``, ``SystemStatus``, ``Users`` (+ ``Users(Number='x')``,
  ``PATCH Users(<id>)`` → 204), ``Queues`` (+ ``$expand=Agents``), ``DialCodeSettings``,
  ``Recordings`` (list only: ``Recordings(<id>)`` → 404), ``Recordings/Pbx.DownloadRecording(
  recId=N)`` → ``audio/x-wav`` (unknown id → 400 ``WARNINGS.XAPI.FILE_NOT_FOUND``),
  ``Recordings/Pbx.TranscribeRecordings`` → 204, and the queue report functions, computed from
  the seeded queue calls (missing parameter → 404, unparsable date → 500).

Faults (attributes of :class:`ThreecxFaults`, switchable while running): ``no_xapi`` (token
endpoint 401, the PBX is not Enterprise), ``admin_role`` (403 on reports and CallHistoryView),
``max_range_days`` (504 past that span), ``strict_top`` (``$top`` > 100 → 400), ``expire_now()``
(the current token dies), ``latency_s``.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from email.parser import BytesParser
from email.policy import HTTP
from http.server import ThreadingHTTPServer
from statistics import fmean
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from desktop.demo.simulators.http_base import (
    RunningServer,
    SimulatorRequestHandler,
    serve_in_background,
)
from desktop.demo.simulators.odata_filter import FilterError, compile_filter
from desktop.demo.simulators.threecx_seed import (
    QueueCall,
    ThreecxSeed,
    build_threecx_seed,
    iso,
    recording_wav,
)

__all__ = ["ThreecxFaults", "ThreecxSimulator", "start_threecx_simulator"]

CLIENT_ID = "ramal-api"
CLIENT_SECRET = "s3cr3t-xapi-key-0123456789"
_FUNCTION = re.compile(r"^(?P<entity>\w+)/(?P<function>Pbx\.\w+)\((?P<params>.*)\)$")


@dataclass
class ThreecxFaults:
    no_xapi: bool = False
    admin_role: bool = False
    max_range_days: int | None = None
    strict_top: bool = True
    latency_s: float = 0.0
    minutes_unit: bool = False        # expires_in in minutes, as before 20.0.9


@dataclass
class _State:
    seed: ThreecxSeed
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    token_lifetime_s: int = 3600
    active_token: str | None = None
    token_expires_at: float = 0.0
    tokens_issued: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    patches: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    transcribe_requests: list[list[int]] = field(default_factory=list)
    audio: dict[int, bytes] = field(default_factory=dict)
    faults: ThreecxFaults = field(default_factory=ThreecxFaults)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _odata_error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "target": None, "details": [],
                      "innerError": {}}}


def _split_params(text: str) -> dict[str, str]:
    """``a=1,b='x,y'`` → {"a": "1", "b": "'x,y'"} (commas inside quotes kept)."""
    params: dict[str, str] = {}
    for part in re.findall(r"(\w+)=('(?:[^']|'')*'|[^,]*)", text):
        params[part[0]] = part[1]
    return params


def _unquote_literal(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _instant(text: str) -> datetime:
    value = text[:-1] + "+00:00" if text.endswith("Z") else text
    return datetime.fromisoformat(value)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"PT{int(minutes)}M{secs:.1f}S" if minutes else f"PT{secs:.1f}S"


def _sort_key(key: str) -> Callable[[dict[str, Any]], tuple[bool, Any]]:
    # nulls last; values of one column share a type in the seed (str, int or ISO text)
    return lambda row: (row.get(key) is None, row.get(key) or 0)


class _Handler(SimulatorRequestHandler):
    server: _Server

    # --- plumbing -----------------------------------------------------------------------------

    @property
    def state(self) -> _State:
        return self.server.state

    def send_json(self, status: int, body: Any) -> None:
        self.send_bytes(status, json.dumps(body, ensure_ascii=False).encode(), "application/json")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def _dispatch(self, method: str) -> None:
        state = self.state
        if state.faults.latency_s:
            time.sleep(state.faults.latency_s)
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        with state.lock:
            state.requests.append((method, path))
        if path == "/connect/token" and method == "POST":
            self._token()
            return
        if not path.startswith("/xapi/v1/"):
            self.send_bytes(404, b"", None)
            return
        if not self._authorised():
            self.send_bytes(401, b"", None)
            return
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        try:
            self._route(method, path[len("/xapi/v1/"):], query)
        except FilterError as exc:
            self.send_json(400, _odata_error("400", f"The query specified in the URI is not "
                                                    f"valid. {exc}"))

    def _token(self) -> None:
        body = self.read_body()
        content_type = self.headers.get("Content-Type", "")
        fields: dict[str, str] = {}
        if content_type.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {content_type}\r\n\r\n".encode() + body)
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if isinstance(name, str):
                    fields[name] = str(part.get_content()).strip()
        else:
            fields = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        state = self.state
        ok = (not state.faults.no_xapi and fields.get("grant_type") == "client_credentials"
              and fields.get("client_id") == state.client_id
              and secrets.compare_digest(fields.get("client_secret", ""), state.client_secret))
        if not ok:
            self.send_json(401, {"error": "unauthorized", "error_description":
                                 "The request requires valid user authentication."})
            return
        with state.lock:
            token = "eyJ" + secrets.token_urlsafe(32)
            state.active_token = token          # the previous token dies: one per client
            state.token_expires_at = time.monotonic() + state.token_lifetime_s
            state.tokens_issued += 1
        lifetime = state.token_lifetime_s
        expires_in = max(1, lifetime // 60) if state.faults.minutes_unit else lifetime
        self.send_json(200, {"token_type": "Bearer", "expires_in": expires_in,
                             "access_token": token, "refresh_token": None})

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        state = self.state
        with state.lock:
            token = state.active_token
            alive = time.monotonic() < state.token_expires_at
        return bool(token) and alive and header == f"Bearer {token}"

    # --- routes -------------------------------------------------------------------------------

    def _route(self, method: str, path: str, query: dict[str, str]) -> None:
        state = self.state
        seed = state.seed
        if path == "Defs/Pbx.GetLicenseParameters()":
            self.send_json(200, {"IsEnterprise": True, "IsProfessional": False,
                                 "MaxSimCalls": 16, "ProductCode": "3CXPSENT",
                                 "IsMaintainceExpired": False})
        elif path == "SystemStatus":
            self.send_json(200, {"Version": "20.0.10.850", "FQDN": "pbx.provedor.com.br"})
        elif path == "Users" and method == "GET":
            self._collection("Users", seed.users, query)
        elif (m := re.fullmatch(r"Users\(Number='((?:[^']|'')*)'\)", path)) and method == "GET":
            number = m.group(1).replace("''", "'")
            found = [u for u in seed.users if u["Number"] == number]
            self._one(found)
        elif (m := re.fullmatch(r"Users\((\d+)\)", path)) and method == "PATCH":
            self._patch_user(int(m.group(1)))
        elif path == "Queues":
            rows = seed.queues if query.get("$expand") == "Agents" else [
                {k: v for k, v in q.items() if k != "Agents"} for q in seed.queues]
            self._collection("Queues", rows, query)
        elif path == "DialCodeSettings":
            self.send_json(200, {"DialCodeLoggedInQueue": "*62", "DialCodeLoggedOutQueue": "*63"})
        elif path == "Recordings":
            self._collection("Recordings", seed.recordings, query)
        elif path.startswith("Recordings("):
            self.send_json(404, _odata_error("404", "Not Found"))
        elif path == "Recordings/Pbx.TranscribeRecordings" and method == "POST":
            ids = json.loads(self.read_body() or b"{}").get("ids") or []
            with state.lock:
                state.transcribe_requests.append([int(i) for i in ids])
            self.send_bytes(204, b"", None)
        elif (m := _FUNCTION.match(path)) is not None:
            self._function(m.group("entity"), m.group("function"), m.group("params"), query)
        else:
            self.send_json(404, _odata_error("404", f"No route for {path}"))

    def _patch_user(self, user_id: int) -> None:
        body = json.loads(self.read_body() or b"{}")
        state = self.state
        with state.lock:
            user = next((u for u in state.seed.users if u["Id"] == user_id), None)
            if user is None:
                self.send_json(404, _odata_error("404", "Not Found"))
                return
            changes = {k: v for k, v in body.items() if k in ("QueueStatus", "CurrentProfileName")}
            if changes.get("QueueStatus", "LoggedIn") not in ("LoggedIn", "LoggedOut"):
                self.send_json(400, _odata_error("400", "Invalid QueueStatus"))
                return
            user.update(changes)
            state.patches.append((user_id, changes))
        self.send_bytes(204, b"", None)

    def _one(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.send_json(200, rows[0])
        else:
            self.send_json(404, _odata_error("404", "Not Found"))

    def _collection(self, name: str, rows: list[dict[str, Any]], query: dict[str, str]) -> None:
        try:
            top = int(query["$top"]) if "$top" in query else None
            skip = int(query.get("$skip") or 0)
        except ValueError:
            self.send_json(400, _odata_error("400", "Invalid $top/$skip"))
            return
        if top is not None and top > 100 and self.state.faults.strict_top:
            self.send_json(400, _odata_error("400", "The limit of '100' for Top query has been "
                                                    "exceeded."))
            return
        if query.get("$filter"):
            keep = compile_filter(query["$filter"])
            rows = [r for r in rows if keep(r)]
        for clause in reversed([c.strip() for c in query.get("$orderby", "").split(",") if c]):
            key, _, direction = clause.partition(" ")
            rows = sorted(rows, key=_sort_key(key), reverse=direction.lower() == "desc")
        total = len(rows)
        rows = rows[skip:] if top is None else rows[skip:skip + top]
        if query.get("$select"):
            wanted = [f.strip() for f in query["$select"].split(",")]
            rows = [{k: r.get(k) for k in wanted} for r in rows]
        body: dict[str, Any] = {"@odata.context": f"https://pbx/xapi/v1/$metadata#{name}"}
        if query.get("$count") == "true":
            body["@odata.count"] = total
        body["value"] = rows
        self.send_json(200, body)

    # --- functions ----------------------------------------------------------------------------

    def _function(self, entity: str, function: str, raw: str, query: dict[str, str]) -> None:
        params = _split_params(raw)
        if entity == "Recordings" and function == "Pbx.DownloadRecording":
            self._download(params.get("recId", ""))
            return
        report = _REPORTS.get((entity, function))
        if report is None:
            self.send_json(404, _odata_error("404", f"No function {entity}/{function}"))
            return
        names, compute = report
        if any(n not in params for n in names):
            self.send_json(404, _odata_error("404", "Not Found"))     # 3CX: a missing parameter
            return
        if self.state.faults.admin_role:
            self.send_json(403, _odata_error("403", "Forbidden"))
            return
        try:
            start = _instant(params[names[1]] if names[0] in ("queueDnStr",) else params[names[0]])
            end = _instant(params[names[2]] if names[0] in ("queueDnStr",) else params[names[1]])
        except ValueError:
            self.send_json(500, _odata_error("500", "An error has occurred."))
            return
        limit = self.state.faults.max_range_days
        if limit is not None and end - start > timedelta(days=limit):
            self.send_bytes(504, b"<html><body>504 Gateway Time-out</body></html>", "text/html")
            return
        queue = _unquote_literal(params.get("queueDnStr") or params.get("queueDns") or "")
        calls = [c for c in self.state.seed.queue_calls
                 if start <= c.start < end and (not queue or c.queue == queue)]
        self._collection(function, compute(calls, self.state.seed), query)

    def _download(self, raw_id: str) -> None:
        rec_id = int(raw_id) if raw_id.isdigit() else -1
        state = self.state
        known = any(r["Id"] == rec_id for r in state.seed.recordings)
        if not known:
            self.send_json(400, _odata_error("400", "WARNINGS.XAPI.FILE_NOT_FOUND"))
            return
        data = state.audio.get(rec_id) or recording_wav()
        self.send_bytes(200, data, "audio/x-wav",
                        {"Content-Disposition": f"attachment; filename=recording-{rec_id}.wav"})


# --- report computations (columns exactly as the spec names them) ---------------------------------

Report = Callable[[list[QueueCall], ThreecxSeed], list[dict[str, Any]]]


def _queue_name(seed: ThreecxSeed, number: str) -> str:
    return next((q["Name"] for q in seed.queues if q["Number"] == number), number)


def _agent_name(seed: ThreecxSeed, ext: str) -> str:
    return next((u["DisplayName"] for u in seed.users if u["Number"] == ext), ext)


def _by_queue(calls: list[QueueCall]) -> dict[str, list[QueueCall]]:
    groups: dict[str, list[QueueCall]] = {}
    for call in calls:
        groups.setdefault(call.queue, []).append(call)
    return dict(sorted(groups.items()))


def _agents_in_queue(calls: list[QueueCall], seed: ThreecxSeed) -> list[dict[str, Any]]:
    rows = []
    for queue, queue_calls in _by_queue(calls).items():
        agents = sorted({c.agent for c in queue_calls if c.agent})
        for ext in agents:
            mine = [c for c in queue_calls if c.agent == ext]
            talk = sum(c.talk_s for c in mine)
            ring = sum(c.wait_s for c in mine)
            rows.append({
                "Dn": ext, "DnDisplayName": _agent_name(seed, ext), "Queue": queue,
                "QueueDisplayName": _queue_name(seed, queue), "LoggedInTime": "PT8H0M0S",
                "AnsweredCount": len(mine),
                "AnsweredPercent": round(100 * len(mine) / len(queue_calls)),
                "AnsweredPerHourCount": 0, "LostCount": 0,
                "RingTime": _duration(ring), "AvgRingTime": _duration(ring / len(mine)),
                "TalkTime": _duration(talk), "AvgTalkTime": _duration(talk / len(mine))})
    return rows


def _abandoned(calls: list[QueueCall], seed: ThreecxSeed) -> list[dict[str, Any]]:
    return [{"CallHistoryId": f"{i:08x}", "CallTime": iso(c.start, fraction=i % 2 == 0),
             "CallTimeForCsv": iso(c.start), "CallerId": c.caller, "QueueDn": c.queue,
             "QueueDisplayName": _queue_name(seed, c.queue), "ExtensionDn": "",
             "ExtensionDisplayName": "", "IsLoggedIn": True, "PollingAttempts": 1,
             "WaitTime": _duration(c.wait_s)}
            for i, c in enumerate(calls) if not c.answered]


def _sla_limit(seed: ThreecxSeed, queue: str) -> int:
    return int(next((q["SLATime"] for q in seed.queues if q["Number"] == queue), 30))


def _statistic_sla(calls: list[QueueCall], seed: ThreecxSeed) -> list[dict[str, Any]]:
    return [{"Dn": queue, "QueueDnNumber": queue, "ReceivedCount": len(group),
             "BadSlaCallsCount": sum(c.wait_s > _sla_limit(seed, queue) for c in group)}
            for queue, group in _by_queue(calls).items()]


def _breaches_sla(calls: list[QueueCall], seed: ThreecxSeed) -> list[dict[str, Any]]:
    return [{"CallTime": iso(c.start), "CallerId": c.caller, "Queue": _queue_name(seed, c.queue),
             "QueueDnNumber": c.queue, "WaitingTime": _duration(c.wait_s)}
            for c in calls if c.wait_s > _sla_limit(seed, c.queue)]


def _detailed(calls: list[QueueCall], seed: ThreecxSeed) -> list[dict[str, Any]]:
    rows = []
    for queue, group in _by_queue(calls).items():
        answered = [c for c in group if c.answered]
        ring = sum(c.wait_s for c in answered)
        talk = sum(c.talk_s for c in answered)
        rows.append({"QueueDn": _queue_name(seed, queue), "QueueDnNumber": queue,
                     "CallsCount": len(group), "AnsweredCount": len(answered),
                     "CallbacksCount": 0, "RingTime": _duration(ring),
                     "AvgRingTime": _duration(ring / len(answered) if answered else 0),
                     "TalkTime": _duration(talk),
                     "AvgTalkTime": _duration(fmean([c.talk_s for c in answered])
                                              if answered else 0)})
    return rows


_QUEUE_FIRST = ("queueDnStr", "startDt", "endDt", "waitInterval")
_PERIOD_FIRST = ("periodFrom", "periodTo", "queueDns", "waitInterval")
_REPORTS: dict[tuple[str, str], tuple[tuple[str, ...], Report]] = {
    ("ReportAgentsInQueueStatistics", "Pbx.GetAgentsInQueueStatisticsData"):
        (_QUEUE_FIRST, _agents_in_queue),
    ("ReportAbandonedQueueCalls", "Pbx.GetAbandonedQueueCallsData"): (_PERIOD_FIRST, _abandoned),
    ("ReportStatisticSla", "Pbx.GetStatisticSlaData"): (_QUEUE_FIRST, _statistic_sla),
    ("ReportBreachesSla", "Pbx.GetBreachesSlaData"): (_QUEUE_FIRST, _breaches_sla),
    ("ReportDetailedQueueStatistics", "Pbx.GetDetailedQueueStatisticsData"):
        (_QUEUE_FIRST, _detailed),
}


class _Server(ThreadingHTTPServer):
    state: _State


class ThreecxSimulator(RunningServer):
    """The running simulator: ``url`` for ``[threecx] url``, plus a Python API for tests."""

    def __init__(self, server: _Server, thread: threading.Thread) -> None:
        super().__init__(server, thread)
        self.state = server.state

    @property
    def faults(self) -> ThreecxFaults:
        return self.state.faults

    @property
    def requests(self) -> list[tuple[str, str]]:
        with self.state.lock:
            return list(self.state.requests)

    @property
    def tokens_issued(self) -> int:
        return self.state.tokens_issued

    def expire_now(self) -> None:
        """The current token dies at once (as if its lifetime ran out on the PBX's clock)."""
        with self.state.lock:
            self.state.token_expires_at = 0.0

    def set_token_lifetime(self, seconds: int) -> None:
        self.state.token_lifetime_s = seconds

    def user(self, number: str) -> dict[str, Any]:
        with self.state.lock:
            return dict(next(u for u in self.state.seed.users if u["Number"] == number))

    def set_queue_status(self, number: str, logged_in: bool) -> None:
        with self.state.lock:
            user = next(u for u in self.state.seed.users if u["Number"] == number)
            user["QueueStatus"] = "LoggedIn" if logged_in else "LoggedOut"

    def add_recording(self, *, extension: str, remote: str, start: datetime, seconds: int,
                      inbound: bool = True, summary: str | None = None,
                      transcription: str | None = None, audio: bytes | None = None) -> int:
        """A recording of a call of ``extension`` with ``remote``; returns its ``Id``."""
        with self.state.lock:
            recordings = self.state.seed.recordings
            rec_id = max((r["Id"] for r in recordings), default=1000) + 1
            ext_side = {"Dn": extension, "DnType": "Extension", "CallerNumber": f"Ext.{extension}"}
            far_side = {"Dn": "10000", "DnType": "ExternalLine", "CallerNumber": remote}
            src, dst = (far_side, ext_side) if inbound else (ext_side, far_side)
            row: dict[str, Any] = {
                "Id": rec_id, "StartTime": iso(start, fraction=rec_id % 2 == 0),
                "EndTime": iso(start + timedelta(seconds=seconds)),
                "CallType": "InboundExternal" if inbound else "OutboundExternal",
                "RecordingUrl": f"recordings/{extension}/{rec_id}.wav", "IsArchived": False,
                "Transcription": transcription, "IsTranscribed": transcription is not None,
                "Summary": summary, "SentimentScore": 4 if summary else None,
            }
            for prefix, side in (("From", src), ("To", dst)):
                for key, value in side.items():
                    row[prefix + key] = value
                row[prefix + "DisplayName"] = ""
            recordings.append(row)
            if audio is not None:
                self.state.audio[rec_id] = audio
            return rec_id

    def finish_transcription(self, rec_id: int, transcription: str, summary: str) -> None:
        """The PBX's AI finished: the fields fill in and ``IsTranscribed`` flips."""
        with self.state.lock:
            row = next(r for r in self.state.seed.recordings if r["Id"] == rec_id)
            row.update(Transcription=transcription, Summary=summary, IsTranscribed=True,
                       SentimentScore=4)


def start_threecx_simulator(*, today: date | None = None, zone: tzinfo = UTC,
                            seed: ThreecxSeed | None = None, host: str = "127.0.0.1",
                            port: int = 0) -> ThreecxSimulator:
    """Start on ``host:port`` (0 = any free port). ``seed`` or one built for ``today``."""
    if seed is None:
        if today is None:
            raise ValueError("give the seed's 'today' (tests never read the real date)")
        seed = build_threecx_seed(today, zone)
    server = _Server((host, port), _Handler)
    server.state = _State(seed=seed)
    thread = serve_in_background(server, "threecx-simulator")
    return ThreecxSimulator(server, thread)
