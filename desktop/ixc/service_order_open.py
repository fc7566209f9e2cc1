"""Opening a service order (``su_oss_chamado``) from a call.

An insert is not idempotent: a timed-out one may have landed. :func:`find_opened` looks for the
order by customer and opening text before the agent is offered "tentar de novo", so a slow IXC
never gets the same OS twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.i18n import tr
from desktop.ixc.client import Filter, IxcClient
from desktop.ixc.errors import IxcApiError, IxcBadResponseError
from desktop.ixc.models import ActionResult

_CONTEXT = "ixc.service_orders"
TABLE = "su_oss_chamado"
PRIORITIES = ("B", "N", "A", "C")   # baixa, normal, alta, crítica (OS normal is N, not M)


@dataclass(frozen=True)
class NewServiceOrder:
    customer_id: int
    subject_id: int
    description: str
    sector_id: int | None = None
    contract_id: int | None = None
    login_id: int | None = None
    priority: str = "N"
    visit: datetime | None = None      # optional scheduled visit

    def body(self) -> dict[str, str]:
        values = {
            "id_cliente": str(self.customer_id), "id_assunto": str(self.subject_id),
            "mensagem": self.description, "prioridade": self.priority if self.priority in
            PRIORITIES else "N", "status": "AG" if self.visit else "A",
            "origem_endereco": "L" if self.login_id else ("CC" if self.contract_id else "C"),
            "melhor_horario_agenda": "Q",
        }
        if self.sector_id:
            values["setor"] = str(self.sector_id)
        if self.contract_id:
            values["id_contrato_kit"] = str(self.contract_id)
        if self.login_id:
            values["id_login"] = str(self.login_id)
        if self.visit:
            values["data_agenda"] = self.visit.strftime("%Y-%m-%d %H:%M:%S")
        return values


@dataclass(frozen=True)
class OpenedServiceOrder:
    result: ActionResult
    order_id: str = ""
    protocol: str = ""


async def _protocol(client: IxcClient, order_id: str) -> str:
    page = await client.list(TABLE, qtype=f"{TABLE}.id", query=order_id, rp=1)
    return page.rows[0].get("protocolo", "") if page.rows else ""


async def open_service_order(client: IxcClient, order: NewServiceOrder) -> OpenedServiceOrder:
    """Insert the OS once; IXC's refusal ("Preencha Assunto") comes back as ``ok`` False."""
    if not order.description.strip():
        return OpenedServiceOrder(ActionResult(False, tr(_CONTEXT, "Descreva o problema da OS.")))
    try:
        new_id = await client.insert(TABLE, order.body())
    except IxcApiError as exc:
        if exc.table != TABLE:
            raise
        return OpenedServiceOrder(ActionResult(False, exc.ixc_message))
    if not new_id:
        raise IxcBadResponseError(TABLE, "inserido sem id")
    protocol = await _protocol(client, new_id)
    return OpenedServiceOrder(
        ActionResult(True, tr(_CONTEXT, "OS {id} aberta no IXC.").format(id=new_id)),
        new_id, protocol)


async def find_opened(client: IxcClient, order: NewServiceOrder) -> OpenedServiceOrder | None:
    """The OS a timed-out insert created, if IXC has it (same customer, subject and text)."""
    page = await client.list(TABLE, qtype=f"{TABLE}.id_cliente", query=str(order.customer_id),
                             filters=(Filter(f"{TABLE}.id_assunto", "=", str(order.subject_id)),),
                             sortname=f"{TABLE}.id", sortorder="desc", rp=20)
    for row in page.rows:
        if row.get("mensagem", "").strip() == order.description.strip():
            return OpenedServiceOrder(
                ActionResult(True, tr(_CONTEXT, "OS {id} aberta no IXC.").format(id=row["id"])),
                row["id"], row.get("protocolo", ""))
    return None
