"""``ramal lookup NUMBER [--config FILE] [--json]``: the caller's record from the command line.

Exit codes: 0 (found or not), 2 bad configuration, 4 IXC unreachable or token refused. Errors go
to stderr as one pt-BR sentence, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from pathlib import Path

from desktop.app.console_output import encodes, write_out
from desktop.i18n import tr
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcError
from desktop.ixc.models import CustomerRecord, LookupResult
from desktop.ixc.outage import detector_for
from desktop.ixc.record_json import lookup_to_json
from desktop.ixc.records import IxcService
from desktop.phone.numbers import format_number
from desktop.settings.model import (
    ConfigError,
    OutageSettings,
    load_settings,
    require_ixc,
    resolve_secrets,
)
from desktop.store.database import default_database_path, open_database
from desktop.store.phone_index import PhoneIndex

EXIT_OK = 0
EXIT_BAD_CONFIG = 2
EXIT_IXC_UNAVAILABLE = 4

_CONTEXT = "lookup"


def _money(value: object) -> str:
    text = f"{value:,.2f}" if not isinstance(value, str) else value
    return "R$ " + text.replace(",", "X").replace(".", ",").replace("X", ".")


def _date(value: object) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else "-"


def summary(record: CustomerRecord) -> list[str]:
    """A readable pt-BR summary of one record (what the agent must check before answering)."""
    t = lambda s: tr(_CONTEXT, s)  # noqa: E731 - a short alias keeps the lines readable
    c = record.customer
    lines = [f"{c.name} (#{c.id})" + ("" if c.active else t(" [INATIVO]")),
             f"  CPF/CNPJ: {c.cpf_cnpj or '-'}   {t('Endereço')}: {c.address.one_line() or '-'}"]
    if record.match:
        lines.append(f"  {t('Telefone')}: {record.match.stored} ({record.match.kind.label})")
    if c.alerta:
        lines.append(f"  {t('ALERTA')}: {c.alerta}")
    for k in record.contracts:
        lines.append(f"  {t('Contrato')} {k.id}: {k.plan_name} - {k.status.label}, "
                     f"{t('acesso')}: {k.access_status.label}")
    open_os = record.open_service_orders
    lines.append(f"  {t('OS abertas')}: {len(open_os)}")
    for o in open_os:
        when = f", {t('agendada')} {_date(o.scheduled)}" if o.scheduled else ""
        lines.append(f"    #{o.id} {o.subject} - {o.status.label}{when}"
                     + (f" ({o.technician})" if o.technician else ""))
    overdue = record.overdue_invoices
    lines.append(f"  {t('Financeiro')}: {len(overdue)} {t('vencida(s)')}, "
                 f"{t('total em atraso')} {_money(record.total_overdue)}")
    if record.next_due:
        lines.append(f"    {t('Próximo vencimento')}: {_date(record.next_due.due)} "
                     f"{_money(record.next_due.amount_due)}")
    if record.last_payment:
        lines.append(f"    {t('Último pagamento')}: {_date(record.last_payment.paid_on)}")
    for conn in record.connections:
        lines.append(f"  {t('Conexão')} {conn.login}: {conn.online.label}"
                     + (f", IP {conn.ip}" if conn.ip else "")
                     + (f", {t('caiu em')} {_date(conn.last_disconnect)} "
                        f"({conn.disconnect_reason})"
                        if not conn.is_online and conn.last_disconnect else ""))
    if record.tickets:
        lines.append(f"  {t('Atendimentos recentes')}: " + "; ".join(
            f"{x.protocol} {x.subject} ({x.status.label})" for x in record.tickets))
    for section, message in record.errors.items():
        lines.append(f"  [{section.label}] {t('indisponível')}: {message}")
    if record.outage is not None:
        lines.append(f"  ⚠ {record.outage.banner_text()}")
    return lines


def render_text(result: LookupResult) -> str:
    if not result.matches:
        return tr(_CONTEXT, "Nenhum cliente encontrado para {number}.").format(
            number=format_number(result.number))
    head = tr(_CONTEXT, "{count} cliente(s) para {number} ({ms} ms):").format(
        count=len(result.matches), number=format_number(result.number), ms=result.elapsed_ms)
    blocks = ["\n".join(summary(r)) for r in result.matches]
    return head + "\n\n" + "\n\n".join(blocks)


def _open_index(tenant: str) -> PhoneIndex | None:
    """The app's persistent phone index, shared with the GUI; none if the database is unusable."""
    try:
        return PhoneIndex(open_database(default_database_path()), tenant)
    except (OSError, sqlite3.Error):
        return None


async def _lookup(client: IxcClient, number: str,
                  outage: OutageSettings | None = None) -> LookupResult:
    service = IxcService(client, _open_index(client.url),
                         outage=detector_for(client, outage or OutageSettings()))
    try:
        return await service.lookup(number)
    finally:
        await service.aclose()  # a one-shot command skips the background index upkeep


def run_lookup(config_path: Path | None, number: str, as_json: bool = False) -> int:
    try:
        settings = resolve_secrets(load_settings(config_path))
        require_ixc(settings)
        client = IxcClient.from_settings(settings.ixc)
    except ConfigError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_BAD_CONFIG
    except IxcError as exc:  # e.g. an unreadable CA file in verify_tls
        print(exc.message, file=sys.stderr)
        return EXIT_BAD_CONFIG
    try:
        result = asyncio.run(_lookup(client, number, settings.outage))
    except IxcError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_IXC_UNAVAILABLE
    if as_json:
        text = json.dumps(lookup_to_json(result), ensure_ascii=False)
        if not encodes(sys.stdout, text):  # \u escapes keep the JSON exact on any console
            text = json.dumps(lookup_to_json(result), ensure_ascii=True)
    else:
        text = render_text(result)
    write_out(text)  # a reader gone early (`| head -1`) took what it wanted: still exit 0
    return EXIT_OK
