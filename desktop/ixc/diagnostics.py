"""Connection diagnostics for a login (``radusuarios.id``): its last RADIUS sessions
(``radacct``) and its ONU's optical signal (``radpop_radio_cliente_fibra``).

Read when the agent opens the card's Conexão tab or runs ``ramal action sessions|onu``, never on
the ring path: a popup must not wait on the accounting table, which is the largest one IXC has.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from desktop.i18n import N_, tr
from desktop.ixc.client import IxcClient, Row
from desktop.ixc.parse import opt_datetime

_CONTEXT = "ixc.diagnostics"
SESSIONS_SHOWN = 10


@dataclass(frozen=True)
class Session:
    start: datetime | None
    end: datetime | None            # None: still connected
    terminate_cause: str = ""
    ip: str = ""
    duration_s: int = 0

    @property
    def is_open(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class LoginSessions:
    login_id: int
    login: str
    sessions: tuple[Session, ...]


class SignalVerdict(enum.StrEnum):
    GOOD = "good"
    BAD = "bad"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return tr(_CONTEXT, _VERDICTS[self.value])


_VERDICTS = {"good": N_(_CONTEXT, "sinal bom"), "bad": N_(_CONTEXT, "sinal ruim"),
             "unknown": N_(_CONTEXT, "sinal desconhecido")}


@dataclass(frozen=True)
class SignalThresholds:
    """The good range of an ONU's power, in dBm (GPON: RX -8…-27, TX 0.5…5 by default)."""

    rx_min: float = -27.0
    rx_max: float = -8.0
    tx_min: float = 0.5
    tx_max: float = 5.0


@dataclass(frozen=True)
class OnuSignal:
    login_id: int
    rx_dbm: Decimal | None
    tx_dbm: Decimal | None
    verdict: SignalVerdict
    mac: str = ""
    ixc_status: str = ""            # ``status_potencia`` as IXC has it

    def describe(self) -> str:
        rx = f"{self.rx_dbm} dBm" if self.rx_dbm is not None else "—"
        tx = f"{self.tx_dbm} dBm" if self.tx_dbm is not None else "—"
        return tr(_CONTEXT, "ONU: RX {rx} · TX {tx} · {verdict}").format(
            rx=rx, tx=tx, verdict=self.verdict.label)


class LoginNotFoundError(LookupError):
    def __init__(self, login_id: int) -> None:
        super().__init__(tr(_CONTEXT, "Login {id} não encontrado no IXC.").format(id=login_id))
        self.message = str(self)


def _dbm(value: str) -> Decimal | None:
    text = value.strip().replace(",", ".").lower().removesuffix("dbm").strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def verdict(rx: Decimal | None, tx: Decimal | None,
            limits: SignalThresholds) -> SignalVerdict:
    """Good when every known power is inside its range; unknown when IXC has neither."""
    if rx is None and tx is None:
        return SignalVerdict.UNKNOWN
    if rx is not None and not (limits.rx_min <= rx <= limits.rx_max):
        return SignalVerdict.BAD
    if tx is not None and not (limits.tx_min <= tx <= limits.tx_max):
        return SignalVerdict.BAD
    return SignalVerdict.GOOD


def session(row: Row) -> Session:
    try:
        seconds = max(0, int(row.get("acctsessiontime", "") or 0))
    except ValueError:
        seconds = 0
    return Session(opt_datetime(row.get("acctstarttime")), opt_datetime(row.get("acctstoptime")),
                   row.get("acctterminatecause", "").strip(),
                   row.get("framedipaddress", "").strip(), seconds)


async def login_row(client: IxcClient, login_id: int) -> Row:
    page = await client.list("radusuarios", qtype="radusuarios.id", query=str(login_id), rp=1)
    if not page.rows:
        raise LoginNotFoundError(login_id)
    return page.rows[0]


async def login_sessions(client: IxcClient, login_id: int,
                         limit: int = SESSIONS_SHOWN) -> LoginSessions:
    """The login's last ``limit`` sessions, newest first."""
    login = (await login_row(client, login_id)).get("login", "")
    page = await client.list("radacct", qtype="radacct.username", query=login,
                             sortname="radacct.radacctid", sortorder="desc", rp=limit)
    return LoginSessions(login_id, login, tuple(session(r) for r in page.rows))


async def onu_signal(client: IxcClient, login_id: int,
                     limits: SignalThresholds | None = None) -> OnuSignal | None:
    """The ONU's optical power for the login, or None when IXC has no ONU for it."""
    page = await client.list("radpop_radio_cliente_fibra",
                             qtype="radpop_radio_cliente_fibra.id_login", query=str(login_id),
                             rp=1)
    if not page.rows:
        return None
    row = page.rows[0]
    rx, tx = _dbm(row.get("sinal_rx", "")), _dbm(row.get("sinal_tx", ""))
    return OnuSignal(login_id, rx, tx, verdict(rx, tx, limits or SignalThresholds()),
                     row.get("mac", ""), row.get("status_potencia", ""))
