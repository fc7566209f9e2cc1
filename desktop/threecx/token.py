"""OAuth2 client credentials against 3CX's ``/connect/token``, refreshed before it expires.

``expires_in`` is read as seconds (3CX switched from minutes in 20.0.9; an older PBX's "60"
then reads as a minute, which only makes Ramal refresh too often, never too late). The token is
renewed when less than a fifth of its life, and at least 10 s, is left, so a request never leaves
with a token about to die. 3CX keeps one active token per API client: asking a new one revokes
the previous, so one source per client and process, and the 401 retry in the client covers
another desk taking the token.

Neither the secret nor the token is ever logged or put in an exception.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from desktop.threecx.errors import auth_failed, bad_response, timed_out, unreachable

MIN_MARGIN_S = 10.0


@dataclass(frozen=True)
class _Token:
    value: str
    expires_at: float        # on the monotonic clock
    lifetime_s: float


class TokenSource:
    def __init__(self, http: httpx.AsyncClient, base_url: str, client_id: str,
                 client_secret: str, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._http = http
        self._url = base_url.rstrip("/") + "/connect/token"
        self._client_id = client_id
        self._secret = client_secret
        self._monotonic = monotonic
        self._token: _Token | None = None
        self._lock = asyncio.Lock()
        self.fetches = 0          # how many tokens were asked (tests and the benchmark read it)

    def __repr__(self) -> str:   # never the secret or the token
        return f"TokenSource(client_id={self._client_id!r})"

    def _fresh(self) -> str | None:
        token = self._token
        if token is None:
            return None
        margin = max(MIN_MARGIN_S, token.lifetime_s / 5)
        if self._monotonic() >= token.expires_at - margin:
            return None
        return token.value

    async def token(self) -> str:
        """A token with life left in it, fetched only when needed (one fetch for many waiters)."""
        value = self._fresh()
        if value is not None:
            return value
        async with self._lock:
            value = self._fresh()
            if value is None:
                value = await self._fetch()
            return value

    def invalidate(self, value: str) -> None:
        """The PBX refused ``value`` (expired, revoked by a newer one): fetch anew next time."""
        if self._token is not None and self._token.value == value:
            self._token = None

    async def _fetch(self) -> str:
        self.fetches += 1
        try:
            reply = await self._http.post(self._url, data={
                "client_id": self._client_id, "client_secret": self._secret,
                "grant_type": "client_credentials"})
        except httpx.TimeoutException:
            raise timed_out() from None
        except httpx.HTTPError as exc:
            raise unreachable(type(exc).__name__) from None
        if reply.status_code in (400, 401, 403):
            raise auth_failed()
        if reply.status_code != 200:
            raise unreachable(f"HTTP {reply.status_code}")
        try:
            body = reply.json()
            value = str(body["access_token"])
            lifetime = float(body.get("expires_in") or 60)
        except (ValueError, KeyError, TypeError):
            raise bad_response("token") from None
        if not value or lifetime <= 0:
            raise bad_response("token")
        self._token = _Token(value, self._monotonic() + lifetime, lifetime)
        return value
