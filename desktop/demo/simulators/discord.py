"""A Discord webhook simulator: a real HTTP server on loopback that behaves like Discord.

``POST /api/webhooks/<id>/<token>[?wait=true]`` is validated the way Discord documents it:
content ≤ 2000, ≤ 10 embeds, title 256, description 4096, ≤ 25 fields, field name 256 / value
1024, footer 2048, author 256, 6000 in total across embeds, a non-empty message, a valid
``allowed_mentions`` (``parse`` and an explicit list of the same type are exclusive), and a
username without "clyde"/"discord". Violations get a 400 with Discord's error JSON (50035 /
50006). Unknown webhooks get 404 (10015). Every response carries ``X-RateLimit-*`` headers from
a per-webhook bucket; an empty bucket, or the "storm" fault, answers 429 with ``retry_after`` in
the JSON and a ``Retry-After`` header. ``wait=true`` returns the message object, else 204.

Lengths are checked in Python code points; the client counts UTF-16 units, which is stricter.

The Python API lets a test add webhooks, inject faults and read what each webhook received,
including which mentions the message would really have pinged and its query (``thread_id``).
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop.demo.simulators.http_base import (
    RunningServer,
    SimulatorRequestHandler,
    serve_in_background,
)

__all__ = ["DiscordSimulator", "ReceivedMessage", "start_discord_simulator"]

_PATH = re.compile(r"^/api(?:/v\d+)?/webhooks/(\d+)/([A-Za-z0-9_\-]+)/?$")
_EDIT_PATH = re.compile(r"^/api(?:/v\d+)?/webhooks/(\d+)/([^/]+)/messages/(\d+)/?$")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
_USER_MENTION = re.compile(r"<@!?(\d+)>")
_MASS_MENTION = re.compile(r"@(everyone|here)")


@dataclass(frozen=True)
class ReceivedMessage:
    """A message the webhook accepted (and would have posted)."""

    id: str
    webhook_id: str
    payload: dict[str, Any]
    pinged_roles: tuple[str, ...]
    pinged_users: tuple[str, ...]
    pinged_everyone: bool
    received_at: float
    # the request's query string, parsed (``thread_id`` says which forum thread it went to)
    query: dict[str, str] = field(default_factory=dict)
    edits: int = 0        # times the sender edited it (PATCH .../messages/<id>)


@dataclass
class _Bucket:
    remaining: int
    reset_at: float


@dataclass
class _State:
    webhooks: dict[str, str] = field(default_factory=dict)       # id -> token
    messages: list[ReceivedMessage] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)       # webhook id -> requests
    rejected: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    buckets: dict[str, _Bucket] = field(default_factory=dict)
    bucket_limit: int = 5
    bucket_window_s: float = 2.0
    storm_remaining: int = 0          # next N requests answered 429
    storm_retry_after_s: float = 0.05
    storm_global: bool = False
    latency_s: float = 0.0
    server_errors: int = 0            # next N requests answered 502
    next_id: int = 1_100_000_000_000_000_000
    lock: threading.Lock = field(default_factory=threading.Lock)


def _mentions(payload: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """What Discord would ping for this payload (webhook default: parse users only)."""
    texts = [payload.get("content") or ""]
    # mentions inside embeds never ping, only content does
    content = " ".join(texts)
    allowed = payload.get("allowed_mentions")
    if allowed is None:
        parse = {"users"}
        roles_allowed: set[str] = set()
        users_allowed: set[str] = set()
    else:
        parse = set(allowed.get("parse") or [])
        roles_allowed = {str(r) for r in allowed.get("roles") or []}
        users_allowed = {str(u) for u in allowed.get("users") or []}
    roles = [r for r in _ROLE_MENTION.findall(content) if "roles" in parse or r in roles_allowed]
    users = [u for u in _USER_MENTION.findall(content) if "users" in parse or u in users_allowed]
    everyone = "everyone" in parse and bool(_MASS_MENTION.search(content))
    return tuple(roles), tuple(users), everyone


def _validate(payload: Any) -> tuple[int, dict[str, Any]] | None:
    """Discord's answer to an invalid body, or None when it is acceptable."""
    if not isinstance(payload, dict):
        return 400, {"code": 50109, "message": "The request body contains invalid JSON."}
    errors: dict[str, Any] = {}

    def too_long(path: str, value: Any, limit: int) -> None:
        if isinstance(value, str) and len(value) > limit:
            errors[path] = {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH",
                                         "message": f"Must be {limit} or fewer in length."}]}

    too_long("content", payload.get("content"), 2000)
    username = payload.get("username")
    if isinstance(username, str):
        too_long("username", username, 80)
        if re.search("clyde|discord", username, re.IGNORECASE):
            errors["username"] = {"_errors": [{"code": "USERNAME_INVALID_CONTAINS",
                                               "message": "Username cannot contain discord"}]}
    embeds = payload.get("embeds") or []
    if not isinstance(embeds, list) or len(embeds) > 10:
        errors["embeds"] = {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH",
                                         "message": "Must be 10 or fewer in length."}]}
        embeds = []
    total = 0
    for i, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            errors[f"embeds.{i}"] = {"_errors": [{"code": "MODEL_TYPE_CONVERT"}]}
            continue
        too_long(f"embeds.{i}.title", embed.get("title"), 256)
        too_long(f"embeds.{i}.description", embed.get("description"), 4096)
        footer = embed.get("footer") or {}
        author = embed.get("author") or {}
        too_long(f"embeds.{i}.footer.text", footer.get("text"), 2048)
        too_long(f"embeds.{i}.author.name", author.get("name"), 256)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            errors[f"embeds.{i}.fields"] = {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH",
                                                         "message": "Must be 25 or fewer."}]}
        for j, f in enumerate(fields):
            name, value = f.get("name"), f.get("value")
            for key, text, limit in (("name", name, 256), ("value", value, 1024)):
                if not isinstance(text, str) or not text:
                    errors[f"embeds.{i}.fields.{j}.{key}"] = {"_errors": [
                        {"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}
                else:
                    too_long(f"embeds.{i}.fields.{j}.{key}", text, limit)
            total += len(name or "") + len(value or "")
        total += sum(len(x) for x in (embed.get("title") or "", embed.get("description") or "",
                                      footer.get("text") or "", author.get("name") or ""))
    if total > 6000:
        errors["embeds"] = {"_errors": [{"code": "MAX_EMBED_SIZE_EXCEEDED",
                                         "message": "Embed size exceeds maximum size of 6000"}]}
    allowed = payload.get("allowed_mentions")
    if isinstance(allowed, dict):
        parse = allowed.get("parse") or []
        for kind in ("roles", "users"):
            if kind in parse and allowed.get(kind):
                errors["allowed_mentions"] = {"_errors": [{
                    "code": "SET_TYPE_ALREADY_CONTAINS_VALUE",
                    "message": f"parse:[\"{kind}\"] and {kind}: [ids] are mutually exclusive."}]}
            if len(allowed.get(kind) or []) > 100:
                errors["allowed_mentions"] = {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH"}]}
    if errors:
        return 400, {"code": 50035, "errors": errors, "message": "Invalid Form Body"}
    if not payload.get("content") and not embeds and not payload.get("components"):
        return 400, {"code": 50006, "message": "Cannot send an empty message"}
    return None


class _Handler(SimulatorRequestHandler):
    state: _State

    def _send(self, status: int, body: Any | None, headers: dict[str, str]) -> None:
        if body is None:
            self.send_bytes(status, b"", None, headers)
        else:
            self.send_bytes(status, json.dumps(body).encode(), "application/json", headers)

    def do_GET(self) -> None:
        self._send(405, {"message": "405: Method Not Allowed", "code": 0}, {})

    def do_POST(self) -> None:
        raw = self.read_body()
        url = urlsplit(self.path)
        match = _PATH.match(url.path)
        state = self.state
        if match:
            # counted on arrival, before the simulated latency: a test can then act while the
            # request is still on the server (e.g. kill the sender mid-request)
            with state.lock:
                state.attempts[match[1]] = state.attempts.get(match[1], 0) + 1
        if state.latency_s:
            time.sleep(state.latency_s)
        if not match:
            self._send(404, {"message": "404: Not Found", "code": 0}, {})
            return
        webhook_id, token = match.groups()
        with state.lock:
            known = state.webhooks.get(webhook_id)
            if known is None:
                reply: tuple[int, Any, dict[str, str]] = (
                    404, {"message": "Unknown Webhook", "code": 10015}, {})
            elif known != token:
                reply = (401, {"message": "Invalid Webhook Token", "code": 50027}, {})
            else:
                reply = self._accept(webhook_id, raw, parse_qs(url.query))
        status, body, headers = reply
        if status >= 400 and status != 429:
            with state.lock:
                state.rejected.append((status, body))
        self._send(status, body, headers)

    def do_PATCH(self) -> None:
        """Edit a message the webhook sent: ``PATCH /webhooks/{id}/{token}/messages/{mid}``."""
        raw = self.read_body()
        match = _EDIT_PATH.match(urlsplit(self.path).path)
        state = self.state
        if state.latency_s:
            time.sleep(state.latency_s)
        if not match:
            self._send(404, {"message": "404: Not Found", "code": 0}, {})
            return
        webhook_id, token, message_id = match.groups()
        try:
            payload = json.loads(raw or b"null")
        except ValueError:
            payload = None
        with state.lock:
            known = state.webhooks.get(webhook_id)
            index = next((i for i, m in enumerate(state.messages)
                          if m.id == message_id and m.webhook_id == webhook_id), None)
            if known is None:
                reply: tuple[int, Any] = (404, {"message": "Unknown Webhook", "code": 10015})
            elif known != token:
                reply = (401, {"message": "Invalid Webhook Token", "code": 50027})
            elif index is None:
                reply = (404, {"message": "Unknown Message", "code": 10008})
            elif (invalid := _validate(payload)) is not None:
                reply = invalid
            else:
                old = state.messages[index]
                assert isinstance(payload, dict)
                state.messages[index] = dataclasses.replace(
                    old, payload={**old.payload, **payload}, edits=old.edits + 1)
                reply = (200, {"id": message_id, "type": 0, "webhook_id": webhook_id,
                               "content": state.messages[index].payload.get("content", ""),
                               "embeds": state.messages[index].payload.get("embeds", []),
                               "edited_timestamp": datetime.now(UTC).isoformat()})
        self._send(reply[0], reply[1], {})

    def _accept(self, webhook_id: str, raw: bytes,
                query: dict[str, list[str]]) -> tuple[int, Any, dict[str, str]]:
        state = self.state
        now = time.monotonic()
        if state.server_errors > 0:
            state.server_errors -= 1
            return 502, {"message": "502 Bad Gateway", "code": 0}, {}
        bucket = state.buckets.get(webhook_id)
        if bucket is None or now >= bucket.reset_at:
            bucket = _Bucket(state.bucket_limit, now + state.bucket_window_s)
            state.buckets[webhook_id] = bucket
        reset_after = max(0.0, bucket.reset_at - now)
        headers = {
            "X-RateLimit-Limit": str(state.bucket_limit),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": f"webhook-{webhook_id}",
        }
        if state.storm_remaining > 0 or bucket.remaining <= 0:
            if state.storm_remaining > 0:
                state.storm_remaining -= 1
                retry_after = state.storm_retry_after_s
                is_global = state.storm_global
            else:
                retry_after = reset_after
                is_global = False
            headers.update({"X-RateLimit-Remaining": "0", "Retry-After": f"{retry_after:.3f}",
                            "X-RateLimit-Scope": "global" if is_global else "user"})
            if is_global:
                headers["X-RateLimit-Global"] = "true"
            return 429, {"message": "You are being rate limited.", "retry_after": retry_after,
                         "global": is_global}, headers
        bucket.remaining -= 1
        headers["X-RateLimit-Remaining"] = str(bucket.remaining)
        try:
            payload = json.loads(raw or b"null")
        except ValueError:
            payload = None
        invalid = _validate(payload)
        if invalid is not None:
            return invalid[0], invalid[1], headers
        assert isinstance(payload, dict)
        roles, users, everyone = _mentions(payload)
        message_id = str(state.next_id)
        state.next_id += 1
        state.messages.append(ReceivedMessage(message_id, webhook_id, payload, roles, users,
                                              everyone, time.time(),
                                              {k: v[-1] for k, v in query.items()}))
        if query.get("wait", ["false"])[0].lower() != "true":
            return 204, None, headers
        return 200, {
            "id": message_id, "type": 0, "channel_id": "900000000000000001",
            "webhook_id": webhook_id, "content": payload.get("content", ""),
            "embeds": payload.get("embeds", []), "mention_everyone": everyone,
            "mention_roles": list(roles), "mentions": [{"id": u} for u in users],
            "timestamp": datetime.now(UTC).isoformat(),
        }, headers


class DiscordSimulator(RunningServer):
    """Handle on a running simulator: ``url``, ``stop()``, webhooks, faults and what arrived."""

    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread,
                 state: _State) -> None:
        super().__init__(server, thread)
        self._state = state

    def add_webhook(self, name: str = "", *, webhook_id: str = "", token: str = "") -> str:
        """Create a webhook and return its execute URL (``webhook_id``/``token``: chosen ones)."""
        with self._state.lock:
            webhook_id = webhook_id or str(
                1_000_000_000_000_000_000 + len(self._state.webhooks) + 1)
            if not token:
                token = f"tok-{len(self._state.webhooks) + 1}-{name or 'x'}".replace(" ", "_")
                token = re.sub(r"[^A-Za-z0-9_\-]", "_", token)
            self._state.webhooks[webhook_id] = token
        return f"{self.url}/api/webhooks/{webhook_id}/{token}"

    def delete_webhook(self, url: str) -> None:
        webhook_id = urlsplit(url).path.split("/")[3]
        with self._state.lock:
            self._state.webhooks.pop(webhook_id, None)

    def messages(self, url: str | None = None) -> list[ReceivedMessage]:
        with self._state.lock:
            found = list(self._state.messages)
        if url is None:
            return found
        webhook_id = urlsplit(url).path.split("/")[3]
        return [m for m in found if m.webhook_id == webhook_id]

    def attempts(self, url: str) -> int:
        with self._state.lock:
            return self._state.attempts.get(urlsplit(url).path.split("/")[3], 0)

    def rejected(self) -> list[tuple[int, dict[str, Any]]]:
        with self._state.lock:
            return list(self._state.rejected)

    def set_rate_limit(self, limit: int, window_s: float) -> None:
        with self._state.lock:
            self._state.bucket_limit = limit
            self._state.bucket_window_s = window_s
            self._state.buckets.clear()

    def storm(self, requests: int, retry_after_s: float = 0.05, is_global: bool = False) -> None:
        """Answer the next ``requests`` requests with 429 (whatever the bucket says)."""
        with self._state.lock:
            self._state.storm_remaining = requests
            self._state.storm_retry_after_s = retry_after_s
            self._state.storm_global = is_global

    def fail_next(self, requests: int) -> None:
        """Answer the next ``requests`` requests with 502 Bad Gateway."""
        with self._state.lock:
            self._state.server_errors = requests

    def set_latency(self, seconds: float) -> None:
        self._state.latency_s = seconds


def start_discord_simulator(host: str = "127.0.0.1", port: int = 0) -> DiscordSimulator:
    """Start the simulator in a background thread (``port=0``: any free port)."""
    state = _State()
    handler = type("DiscordHandler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer((host, port), handler)
    thread = serve_in_background(server, "discord-simulator")
    return DiscordSimulator(server, thread, state)
