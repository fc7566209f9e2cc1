"""Discord webhooks: executing one, and delivering outbox items to a sector's webhook.

One request at a time per webhook (the outbox lane is the sector), ``wait=true`` added to the
webhook's own query (its ``thread_id`` kept) so a success is a confirmed, saved message, 429s
waited out as ``retry_after`` says, and a 404 disables the webhook (Discord asks clients to stop
using deleted webhooks) with a visible reason. A webhook from the keyring (which the settings
validation never saw) that is not a webhook URL, or is plain http to another machine, fails
with the validation's message instead of being sent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from desktop import APP_NAME, __version__
from desktop.forward.clock import Clock, SystemClock
from desktop.forward.outbox_worker import (
    Delivered,
    Failed,
    Outcome,
    ReconcileOutcome,
    RetryLater,
    Uncertain,
)
from desktop.i18n import tr
from desktop.settings.model import (
    ConfigError,
    Sector,
    Settings,
    check_discord_webhook,
    secret_key_discord,
)
from desktop.store.outbox import Outbox, OutboxItem

_CONTEXT = "discord"
KIND = "discord"

USER_AGENT = f"DiscordBot ({APP_NAME}, {__version__})"


@dataclass(frozen=True)
class RateLimit:
    """What the X-RateLimit-* headers (or a 429 body) said."""

    remaining: int | None = None
    reset_after_s: float | None = None
    bucket: str = ""
    retry_after_s: float | None = None
    is_global: bool = False
    scope: str = ""


@dataclass(frozen=True)
class WebhookResponse:
    status: int
    body: Mapping[str, Any]
    rate_limit: RateLimit


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def parse_rate_limit(response: httpx.Response, body: Mapping[str, Any]) -> RateLimit:
    headers = response.headers
    remaining = headers.get("x-ratelimit-remaining")
    retry_after = body.get("retry_after") if response.status_code == 429 else None
    if not isinstance(retry_after, int | float):
        retry_after = _float(headers.get("retry-after")) if response.status_code == 429 else None
    if retry_after is None and response.status_code == 429:
        retry_after = _float(headers.get("x-ratelimit-reset-after"))
    return RateLimit(
        remaining=int(remaining) if remaining and remaining.isdigit() else None,
        reset_after_s=_float(headers.get("x-ratelimit-reset-after")),
        bucket=headers.get("x-ratelimit-bucket", ""),
        retry_after_s=float(retry_after) if retry_after is not None else None,
        is_global=bool(body.get("global")) or headers.get("x-ratelimit-global") == "true",
        scope=headers.get("x-ratelimit-scope", ""),
    )


def webhook_fingerprint(url: str) -> str:
    """Stable id of a webhook URL that does not reveal its token (for the disabled list)."""
    return "discord:" + hashlib.sha256(url.encode()).hexdigest()[:24]


def execute_url(webhook_url: str) -> httpx.URL:
    """The webhook URL as configured plus ``wait=true``.

    The agent's query stays: ``thread_id`` posts into a forum thread. (httpx's ``params=``
    would replace the whole query, and the message would land in the parent channel.)
    """
    return httpx.URL(webhook_url).copy_merge_params({"wait": "true"})


class DiscordWebhookClient:
    """Executes webhooks. Raises only httpx transport errors; HTTP errors come back as data."""

    def __init__(self, http: httpx.AsyncClient | None = None, timeout_s: float = 15.0) -> None:
        self._http = http or httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_s, connect=5.0),
            headers={"User-Agent": USER_AGENT},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def execute(self, webhook_url: str, payload: Mapping[str, Any]) -> WebhookResponse:
        response = await self._http.post(
            execute_url(webhook_url), json=payload, headers={"User-Agent": USER_AGENT},
        )
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        return WebhookResponse(response.status_code, body, parse_rate_limit(response, body))

    async def edit(self, webhook_url: str, message_id: str,
                   payload: Mapping[str, Any]) -> WebhookResponse:
        """``PATCH /webhooks/{id}/{token}/messages/{message_id}``: a message it sent, updated
        (its ``thread_id`` query kept, as Discord needs it for a message in a thread)."""
        url = httpx.URL(webhook_url)
        target = url.copy_with(path=url.path.rstrip("/") + f"/messages/{message_id}")
        response = await self._http.patch(target, json=payload,
                                          headers={"User-Agent": USER_AGENT})
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        return WebhookResponse(response.status_code, body, parse_rate_limit(response, body))


WebhookResolver = Callable[[str], str | None]


def sector_webhooks(settings: Callable[[], Settings]) -> WebhookResolver:
    """Each sector's webhook as the settings hold it when the item is sent: one edited in
    Configurações takes the next message, and the messages still queued for that sector."""

    def webhook(sector_name: str) -> str | None:
        sector = settings().sector(sector_name)
        return sector.discord_webhook if sector is not None else None

    return webhook


class DiscordDelivery:
    """Outbox handler for ``discord`` items: payload ``{"body": <execute JSON>}``."""

    def __init__(
        self,
        outbox: Outbox,
        webhooks: WebhookResolver,
        client: DiscordWebhookClient,
        clock: Clock | None = None,
    ) -> None:
        self._outbox = outbox
        self._webhooks = webhooks
        self._client = client
        self._clock = clock or SystemClock()

    async def deliver(self, item: OutboxItem) -> Outcome:
        url = self._webhooks(item.target)
        if not url:
            return Failed(tr(_CONTEXT, 'O setor "{sector}" não tem webhook do Discord '
                                       'configurado.').format(sector=item.target))
        try:
            check_discord_webhook(url, secret_key_discord(Sector(name=item.target)))
        except ConfigError as exc:
            return Failed(exc.message)
        fingerprint = webhook_fingerprint(url)
        disabled = self._outbox.disabled_target(fingerprint)
        if disabled is not None:
            return Failed(disabled.reason, disable_lane=True)
        try:
            response = await self._client.execute(url, item.payload["body"])
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            return RetryLater(tr(_CONTEXT, "Sem conexão com o Discord ({error}).").format(
                error=type(exc).__name__))
        except httpx.TransportError as exc:
            # the request may have reached Discord: do not resend blindly
            return Uncertain(tr(_CONTEXT, "A conexão com o Discord caiu durante o envio "
                                          "({error}).").format(error=type(exc).__name__))
        return self._judge(item, url, response)

    def _judge(self, item: OutboxItem, url: str, response: WebhookResponse) -> Outcome:
        status, body, limits = response.status, response.body, response.rate_limit
        if status in (200, 204):
            pause = limits.reset_after_s if limits.remaining == 0 and limits.reset_after_s else 0.0
            result = {"message_id": str(body.get("id", "")),
                      "channel_id": str(body.get("channel_id", ""))}
            return Delivered(result, lane_pause_s=pause or 0.0)
        if status == 429:
            wait = limits.retry_after_s if limits.retry_after_s is not None else 1.0
            return RetryLater(tr(_CONTEXT, "O Discord limitou os envios (429); nova tentativa "
                                           "em {seconds:.1f} s.").format(seconds=wait),
                              retry_after_s=wait)
        if status in (401, 404):
            reason = tr(_CONTEXT, 'O webhook do Discord do setor "{sector}" não existe mais '
                                  '(HTTP {status}: {message}). Ele foi desativado: corrija o '
                                  'endereço nas configurações e tente de novo.').format(
                sector=item.target, status=status, message=body.get("message", ""))
            self._outbox.disable_target(webhook_fingerprint(url), kind=item.kind,
                                        target=item.target, reason=reason,
                                        now=self._clock.now())
            return Failed(reason, disable_lane=True)
        if status >= 500:
            return RetryLater(tr(_CONTEXT, "O Discord está com problemas (HTTP {status}).")
                              .format(status=status))
        return Failed(tr(_CONTEXT, "O Discord recusou a mensagem (HTTP {status}, código {code}: "
                                   "{message}).").format(status=status, code=body.get("code", "-"),
                                                         message=body.get("message", "")))

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        # A webhook cannot list the channel's messages, so an interrupted send cannot be checked.
        # Resending could post twice; the agent decides after looking at the channel.
        return Failed(tr(_CONTEXT, "O envio foi interrompido e o Discord pode ter recebido a "
                                   "mensagem. Confira o canal antes de tentar de novo."))
