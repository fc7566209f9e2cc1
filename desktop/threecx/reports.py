"""3CX's queue report functions, per queue, for the supervisor view: the detailed queue
statistics (received, answered, average ring and talk), the SLA statistics (breaches), the
abandoned calls, and the agents in the queue. Four requests per queue; a period 3CX cannot
compute in time is a 504 (:func:`desktop.threecx.errors.too_large`)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.threecx.client import WAIT_INTERVAL, XapiClient
from desktop.threecx.errors import bad_response
from desktop.threecx.models import AgentQueueFigures, QueueFigures
from desktop.threecx.odata import literal, parse_duration, utc_instant


@dataclass(frozen=True)
class QueueReport:
    queue: QueueFigures
    agents: tuple[AgentQueueFigures, ...]


def _count(row: Mapping[str, Any], key: str) -> int:
    try:
        return int(row.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def _period(queue: str, start: datetime, end: datetime) -> list[tuple[str, str]]:
    return [("queueDnStr", literal(queue)), ("startDt", utc_instant(start)),
            ("endDt", utc_instant(end)), ("waitInterval", WAIT_INTERVAL)]


async def queue_report(client: XapiClient, number: str, name: str, start: datetime,
                       end: datetime) -> QueueReport:
    detailed = await client.report("ReportDetailedQueueStatistics",
                                   "Pbx.GetDetailedQueueStatisticsData",
                                   _period(number, start, end), "relatórios")
    sla = await client.report("ReportStatisticSla", "Pbx.GetStatisticSlaData",
                              _period(number, start, end), "relatórios")
    abandoned = await client.report(
        "ReportAbandonedQueueCalls", "Pbx.GetAbandonedQueueCallsData",
        [("periodFrom", utc_instant(start)), ("periodTo", utc_instant(end)),
         ("queueDns", literal(number)), ("waitInterval", WAIT_INTERVAL)], "relatórios")
    agents = await client.agents_in_queue(number, start, end)
    row = next((r for r in detailed if str(r.get("QueueDnNumber")) == number), {})
    sla_row = next((r for r in sla if str(r.get("QueueDnNumber") or r.get("Dn")) == number), {})
    try:
        avg_wait = parse_duration(row.get("AvgRingTime"))
        avg_talk = parse_duration(row.get("AvgTalkTime"))
    except ValueError:
        raise bad_response("AvgRingTime/AvgTalkTime") from None
    figures = QueueFigures(
        number=number, name=name, received=_count(row, "CallsCount"),
        answered=_count(row, "AnsweredCount"), abandoned=len(abandoned),
        avg_wait=avg_wait, avg_talk=avg_talk, sla_breaches=_count(sla_row, "BadSlaCallsCount"))
    return QueueReport(figures, tuple(agents))


async def all_queue_reports(client: XapiClient, start: datetime,
                            end: datetime) -> list[QueueReport]:
    queues = await client.queues()
    # queues one after the other: 3CX computes reports on the PBX, a burst only slows it down
    reports = []
    for queue in queues:
        reports.append(await queue_report(client, str(queue.get("Number") or ""),
                                          str(queue.get("Name") or ""), start, end))
        await asyncio.sleep(0)
    return reports
