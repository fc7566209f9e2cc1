"""Asking IXC whether the caller's offline login is part of a mass outage.

For each login of the caller that is active and offline with a known drop time ``T``, and for
each scope it hangs on (CTO, concentrador, transmissor), two one-row listings of
``radusuarios`` run, all concurrently (one request wave):

* active logins of the scope, offline, whose ``ultima_conexao_final`` lies within the window
  around ``T`` — ``total`` is the count, the first row (sorted by drop time) the start;
* active logins of the scope — ``total`` is the size.

The window is around the caller's own drop, not around "now": an outage still shows an hour
later while it lasts, and a customer offline for days is compared with the neighbours that
dropped at the same moment (nearly none, they came back long ago): no false alarm.

Each scope's counts are cached for ``rules.cache_s`` (and shared while in flight), so twenty
calls from one cut cost a few requests, not sixty. Names (``rad_caixa_ftth.descricao``,
``radpop_radio.descricao``) are read once per scope and kept; a tenant without those tables
still gets the banner, with the scope's id.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.ixc import parse
from desktop.ixc.client import Filter, IxcClient
from desktop.ixc.errors import IxcError
from desktop.ixc.models import Connection
from desktop.ixc.outage_model import (
    Outage,
    OutageRules,
    OutageScope,
    ScopeCount,
    Threshold,
    judge,
)
from desktop.settings.model import OutageSettings

log = logging.getLogger(__name__)

_STAMP = "%Y-%m-%d %H:%M:%S"
# tables holding a scope's human name (field facts: rad_caixa_ftth [M], radpop_radio [U])
_NAME_TABLES = {OutageScope.CTO: "rad_caixa_ftth", OutageScope.TRANSMISSOR: "radpop_radio"}


@dataclass(frozen=True)
class _Probe:
    scope: OutageScope
    id: int
    dropped: datetime
    name_hint: str = ""


@dataclass
class _Cached:
    expires: float
    anchor: datetime
    task: asyncio.Future[ScopeCount]


def probes(connections: Iterable[Connection]) -> list[_Probe]:
    """What to ask about: each scope of each active login that is offline since a known time."""
    found: dict[tuple[OutageScope, int], _Probe] = {}
    for c in connections:
        if not c.active or c.is_online or c.online.value != "N" or c.last_disconnect is None:
            continue
        for scope, scope_id, hint in ((OutageScope.CTO, c.cto_id, ""),
                                      (OutageScope.CONCENTRADOR, c.concentrator_id,
                                       c.concentrator),
                                      (OutageScope.TRANSMISSOR, c.transmitter_id, "")):
            if scope_id is not None:
                # two logins on one scope: the latest drop is the one the caller calls about
                old = found.get((scope, scope_id))
                if old is None or c.last_disconnect > old.dropped:
                    found[(scope, scope_id)] = _Probe(scope, scope_id, c.last_disconnect, hint)
    return list(found.values())


class OutageDetector:
    """The outage check of a lookup; one per IXC tenant (shared by every call of the desk)."""

    def __init__(self, client: IxcClient, rules: OutageRules | None = None, *,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.rules = rules or OutageRules()
        self._monotonic = monotonic
        self._counts: dict[tuple[OutageScope, int], _Cached] = {}
        self._names: dict[tuple[OutageScope, int], str] = {}

    async def check(self, connections: Iterable[Connection]) -> Outage | None:
        """The outage around these logins, or None; IXC failures mean None (logged)."""
        wanted = probes(connections)
        if not wanted:
            return None
        results = await asyncio.gather(*(self._count(p) for p in wanted),
                                       return_exceptions=True)
        counts: list[ScopeCount] = []
        for probe, result in zip(wanted, results, strict=True):
            if isinstance(result, IxcError):
                log.warning("IXC outage check of %s %s failed: %s", probe.scope.value,
                            probe.id, result.message)
            elif isinstance(result, BaseException):
                if isinstance(result, asyncio.CancelledError):
                    raise result
                log.error("IXC outage check of %s %s failed", probe.scope.value, probe.id,
                          exc_info=result)
            else:
                counts.append(result)
        return judge(counts, self.rules)

    async def recheck(self, outage: Outage) -> Outage | None:
        """Is this outage still on? (the main window's banner asks every minute)."""
        probe = _Probe(outage.scope, outage.id, outage.since, outage.name)
        count = await self._count(probe)
        return judge([count], self.rules)

    def forget(self) -> None:
        """Drop the cached counts: the next check asks IXC (after the agent says "it's back")."""
        self._counts.clear()

    def _count(self, probe: _Probe) -> asyncio.Future[ScopeCount]:
        key = (probe.scope, probe.id)
        now = self._monotonic()
        cached = self._counts.get(key)
        if (cached is not None and now < cached.expires
                and abs(probe.dropped - cached.anchor) <= self.rules.window
                and not (cached.task.done() and cached.task.exception() is not None)):
            return cached.task
        # shielded: a lookup that gives up must not cancel what other calls are waiting for
        task = asyncio.ensure_future(self._ask(probe))
        self._counts[key] = _Cached(now + self.rules.cache_s, probe.dropped, task)
        return asyncio.shield(task)

    async def _ask(self, probe: _Probe) -> ScopeCount:
        column = f"radusuarios.{probe.scope.column}"
        low = (probe.dropped - self.rules.window).strftime(_STAMP)
        high = (probe.dropped + self.rules.window).strftime(_STAMP)
        offline, logins, name = await asyncio.gather(
            self.client.list("radusuarios", qtype=column, query=str(probe.id), oper="=",
                             filters=[Filter("radusuarios.ativo", "=", "S"),
                                      Filter("radusuarios.online", "=", "N"),
                                      Filter("radusuarios.ultima_conexao_final", ">=", low),
                                      Filter("radusuarios.ultima_conexao_final", "<=", high)],
                             sortname="radusuarios.ultima_conexao_final", sortorder="asc",
                             rp=1),
            self.client.list("radusuarios", qtype=column, query=str(probe.id), oper="=",
                             filters=[Filter("radusuarios.ativo", "=", "S")], rp=1),
            self._name(probe))
        since = (parse.opt_datetime(offline.rows[0].get("ultima_conexao_final"))
                 if offline.rows else None)
        return ScopeCount(probe.scope, probe.id, name, offline.total, logins.total, since)

    async def _name(self, probe: _Probe) -> str:
        key = (probe.scope, probe.id)
        if key in self._names:
            return self._names[key]
        table = _NAME_TABLES.get(probe.scope)
        name = probe.name_hint
        if table is not None:
            try:
                page = await self.client.list(table, qtype=f"{table}.id", query=str(probe.id),
                                              oper="=", rp=1)
            except IxcError as exc:   # a tenant without the table: the id will do
                log.info("IXC %s names not read: %s", table, exc.message)
            else:
                if page.rows:
                    name = parse.text(page.rows[0], "descricao") or name
        self._names[key] = name
        return name




def rules_from_settings(settings: OutageSettings) -> OutageRules:
    """The ``[outage]`` section as the detector's rules."""
    return OutageRules(
        window=timedelta(minutes=settings.window_min),
        thresholds={
            OutageScope.CTO: Threshold(settings.cto_min_logins,
                                       settings.cto_min_percent / 100),
            OutageScope.CONCENTRADOR: Threshold(settings.concentrador_min_logins,
                                                settings.concentrador_min_percent / 100),
            OutageScope.TRANSMISSOR: Threshold(settings.transmissor_min_logins,
                                               settings.transmissor_min_percent / 100),
        })


def detector_for(client: IxcClient, settings: OutageSettings) -> OutageDetector | None:
    """The detector a lookup service gets, or None when ``[outage] enabled = false``."""
    return OutageDetector(client, rules_from_settings(settings)) if settings.enabled else None


__all__ = ["OutageDetector", "detector_for", "probes", "rules_from_settings"]
