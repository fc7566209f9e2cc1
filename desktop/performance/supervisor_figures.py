"""The supervisor view's figures for a period: per queue and per agent from 3CX's reports, beside
Ramal's own per-agent figures read back from the IXC tickets Ramal created (each carries a
``[ramal-desk ramal=<ext> secoes=...]`` line: calls logged, share with OS, financeiro and
conexão all checked, attendances per ticket sector). Qt-free; the merge is a pure function."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop.ixc.client import Filter, IxcClient
from desktop.ixc.tickets import DESK_MARKER, parse_desk_marker
from desktop.performance.desk_figures import FULL_CHECK
from desktop.threecx.client import XapiClient
from desktop.threecx.models import AgentQueueFigures, QueueFigures
from desktop.threecx.reports import QueueReport, all_queue_reports

IXC_STAMP = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class DeskTally:
    """What Ramal logged in IXC for one extension."""

    logged: int = 0
    full_check: int = 0
    sectors: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AgentRow:
    extension: str
    name: str
    answered: int = 0            # 3CX: queue calls answered
    lost: int = 0
    avg_talk_s: float = 0.0
    logged: int = 0              # Ramal: tickets created
    full_check: int = 0
    sectors: Mapping[str, int] = field(default_factory=dict)

    @property
    def logged_share(self) -> float | None:
        return self.logged / self.answered if self.answered else None

    @property
    def full_check_share(self) -> float | None:
        return self.full_check / self.logged if self.logged else None


@dataclass(frozen=True)
class SupervisorFigures:
    start: datetime
    end: datetime
    queues: tuple[QueueFigures, ...]
    agents: tuple[AgentRow, ...]
    sectors: tuple[str, ...]


def tally_tickets(rows: Iterable[Mapping[str, str]],
                  sector_names: Mapping[str, str]) -> dict[str, DeskTally]:
    """Per extension, from ``su_ticket`` rows; tickets without Ramal's line are left out."""
    logged: Counter[str] = Counter()
    full: Counter[str] = Counter()
    sectors: dict[str, Counter[str]] = {}
    for row in rows:
        parsed = parse_desk_marker(str(row.get("menssagem", "")))
        if parsed is None or not parsed[0]:
            continue
        extension, codes = parsed
        logged[extension] += 1
        full[extension] += codes >= FULL_CHECK
        sector_id = str(row.get("id_ticket_setor", ""))
        sector = sector_names.get(sector_id, sector_id or "—")
        sectors.setdefault(extension, Counter())[sector] += 1
    return {ext: DeskTally(logged[ext], full[ext], dict(sectors.get(ext, {})))
            for ext in logged}


def merge_agents(threecx_agents: Iterable[AgentQueueFigures],
                 desk: Mapping[str, DeskTally]) -> list[AgentRow]:
    """One row per extension: 3CX's figures summed over its queues, beside Ramal's tally. An
    agent only one side knows still gets a row (logged without queue calls, or no Ramal)."""
    answered: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    talk_s: dict[str, float] = {}
    names: dict[str, str] = {}
    for figures in threecx_agents:
        answered[figures.extension] += figures.answered
        lost[figures.extension] += figures.lost
        ext = figures.extension
        talk_s[ext] = talk_s.get(ext, 0.0) + figures.talk.total_seconds()
        names.setdefault(figures.extension, figures.name)
    rows = []
    for ext in sorted(set(answered) | set(desk), key=lambda e: (len(e), e)):
        tally = desk.get(ext, DeskTally())
        rows.append(AgentRow(
            extension=ext, name=names.get(ext, ""), answered=answered[ext], lost=lost[ext],
            avg_talk_s=talk_s.get(ext, 0.0) / answered[ext] if answered[ext] else 0.0,
            logged=tally.logged, full_check=tally.full_check, sectors=dict(tally.sectors)))
    return rows


async def desk_tickets(client: IxcClient, start: datetime, end: datetime) -> list[dict[str, str]]:
    """Tickets Ramal created in the period (IXC's local ``data_criacao``)."""
    local_start = start.astimezone().strftime(IXC_STAMP)
    local_end = end.astimezone().strftime(IXC_STAMP)
    return await client.list_all(
        "su_ticket", qtype="su_ticket.data_criacao", query=local_start, oper=">=",
        filters=[Filter("su_ticket.data_criacao", "<", local_end),
                 Filter("su_ticket.menssagem", "L", DESK_MARKER)], rp=500)


async def sector_names(client: IxcClient) -> dict[str, str]:
    rows = await client.list_all("su_ticket_setor", qtype="su_ticket_setor.id", query="0",
                                 oper=">", rp=1000)
    return {r.get("id", ""): r.get("setor", "") for r in rows if r.get("id")}


def build_figures(start: datetime, end: datetime, reports: Sequence[QueueReport],
                  desk: Mapping[str, DeskTally]) -> SupervisorFigures:
    agents = merge_agents([a for r in reports for a in r.agents], desk)
    sectors = sorted({s for a in agents for s in a.sectors})
    return SupervisorFigures(start, end, tuple(r.queue for r in reports), tuple(agents),
                             tuple(sectors))


async def load_supervisor_figures(xapi: XapiClient, ixc: IxcClient | None, start: datetime,
                                  end: datetime) -> SupervisorFigures:
    reports = await all_queue_reports(xapi, start, end)
    desk: dict[str, DeskTally] = {}
    if ixc is not None:
        names = await sector_names(ixc)
        desk = tally_tickets(await desk_tickets(ixc, start, end), names)
    return build_figures(start, end, reports, desk)


def supervisor_rows(figures: SupervisorFigures) -> tuple[list[str], list[list[str]]]:
    """CSV header and rows: one per queue, then one per agent (a column per ticket sector)."""
    header = ["tipo", "numero", "nome", "recebidas", "atendidas", "abandonadas",
              "espera_media_s", "conversa_media_s", "sla_violado", "registradas_ramal",
              "com_os_financeiro_conexao", *[f"setor:{s}" for s in figures.sectors]]
    rows: list[list[Any]] = []
    for q in figures.queues:
        rows.append(["fila", q.number, q.name, q.received, q.answered, q.abandoned,
                     round(q.avg_wait.total_seconds()), round(q.avg_talk.total_seconds()),
                     q.sla_breaches, "", "", *["" for _ in figures.sectors]])
    for a in figures.agents:
        rows.append(["agente", a.extension, a.name, "", a.answered, "", "",
                     round(a.avg_talk_s), "", a.logged, a.full_check,
                     *[a.sectors.get(s, 0) for s in figures.sectors]])
    return header, [[str(v) for v in row] for row in rows]
