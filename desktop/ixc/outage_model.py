"""A probable mass outage around a caller: the scopes, the thresholds and the verdict (pure).

A fibre cut or a fallen concentrador (BRAS/NAS) takes many logins down at once. IXC knows where
each PPPoE login hangs (``radusuarios.id_caixa_ftth``, ``id_concentrador``, ``id_transmissor``);
:mod:`desktop.ixc.outage` counts, per scope, the logins that dropped at about the caller's own
drop time and are still offline, and :func:`judge` decides with per-scope thresholds.

No time zone anywhere: IXC's datetimes are the ISP's local wall time, and so is every value here.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desktop.i18n import N_, tr


class OutageScope(enum.StrEnum):
    """Where logins share a fault, narrowest first."""

    CTO = "cto"                       # a fibre splitter box: ``id_caixa_ftth``
    TRANSMISSOR = "transmissor"       # a radio base: ``id_transmissor``
    CONCENTRADOR = "concentrador"     # the BRAS/NAS: ``id_concentrador``

    @property
    def column(self) -> str:
        return _COLUMNS[self.value]

    @property
    def width(self) -> int:
        """Wider scopes win when several pass: a fallen BRAS explains a quiet CTO too."""
        return list(OutageScope).index(self)

    @property
    def label(self) -> str:
        return tr("ixc.outage", _LABELS[self.value])


_COLUMNS = {"cto": "id_caixa_ftth", "transmissor": "id_transmissor",
            "concentrador": "id_concentrador"}
_LABELS = {"cto": N_("ixc.outage", "CTO"), "transmissor": N_("ixc.outage", "Transmissor"),
           "concentrador": N_("ixc.outage", "Concentrador")}


@dataclass(frozen=True)
class Threshold:
    """A scope is out when at least ``min_offline`` logins and ``min_share`` of them dropped."""

    min_offline: int
    min_share: float          # 0..1

    def passes(self, offline: int, logins: int) -> bool:
        return (logins > 0 and offline >= self.min_offline
                and offline / logins >= self.min_share)


@dataclass(frozen=True)
class OutageRules:
    """What counts as a mass outage (the ``[outage]`` settings)."""

    # logins that dropped within this long of the caller's own drop count as the same fault
    window: timedelta = timedelta(minutes=15)
    thresholds: dict[OutageScope, Threshold] = field(default_factory=lambda: {
        OutageScope.CTO: Threshold(4, 0.5),
        OutageScope.CONCENTRADOR: Threshold(10, 0.2),
        OutageScope.TRANSMISSOR: Threshold(10, 0.2),
    })
    cache_s: float = 60.0     # one scope's counts serve every call for this long
    timeout_s: float = 5.0    # the check gives up (no banner) after this long

    def threshold(self, scope: OutageScope) -> Threshold:
        return self.thresholds[scope]


@dataclass(frozen=True)
class ScopeCount:
    """What IXC said about one scope around one drop time."""

    scope: OutageScope
    id: int
    name: str
    offline: int          # active logins still offline that dropped inside the window
    logins: int           # active logins in the scope
    since: datetime | None    # the earliest of those drops


@dataclass(frozen=True)
class Outage:
    """A probable mass outage: the widest scope that passed its thresholds."""

    scope: OutageScope
    id: int
    name: str
    offline: int
    logins: int
    since: datetime

    @property
    def key(self) -> str:
        """The same fault on every desk: scope, id and the day it started.

        The day, not the minute: two desks may see the first drop a few seconds apart.
        """
        return f"ramal-massiva-{self.scope.value}-{self.id}-{self.since:%Y%m%d}"

    @property
    def display_name(self) -> str:
        return _printable(self.name) or f"#{self.id}"

    def banner_text(self) -> str:
        return tr("ixc.outage", "Possível massiva — {scope} {name}: {offline} de {logins} "
                                "logins caíram desde {since}").format(
            scope=self.scope.label, name=self.display_name, offline=self.offline,
            logins=self.logins, since=self.since.strftime("%H:%M"))


def judge(counts: Iterable[ScopeCount], rules: OutageRules) -> Outage | None:
    """The widest scope whose counts pass its thresholds, or None (no false alarm)."""
    passing = [c for c in counts if c.since is not None
               and rules.threshold(c.scope).passes(c.offline, c.logins)]
    if not passing:
        return None
    best = max(passing, key=lambda c: (c.scope.width, c.offline, -c.id))
    assert best.since is not None
    return Outage(best.scope, best.id, best.name, best.offline, best.logins, best.since)


def _printable(text: str) -> str:
    """A name from IXC shown in one line: control characters and runs of blanks go."""
    return re.sub(r"\s+", " ", re.sub(r"[\x00-\x1f\x7f]", " ", text)).strip()[:60]
