"""From a caller's number to complete customer records: the one API the app and the agent call.

``IxcService.lookup(number, on_update)``:

1. normalise the number; anything that is not a Brazilian number (internal, anonymous) costs
   nothing;
2. find the customers: the local phone index first (no request at all); when it knows nothing,
   live LIKE searches on format-independent fragments, one request per phone column and fragment,
   all concurrent, verified digit by digit in Python (the index is refreshed incrementally at the
   same time, so the next call from that number is local);
3. for every customer, fetch the sections concurrently (contracts, service orders, invoices,
   connections, tickets) and call ``on_update`` with the growing record: identity first, then
   each section as it arrives; a failed section carries its pt-BR error and the others still show;
4. rank: exact DDD + number first, active before inactive, then the weaker matches.

Request cost per lookup (steady state, lookup tables cached): a number the index knows costs
1 customer read + 6 section reads per customer, in one concurrent wave; a number it does not know
adds 8 search requests (4 columns × 2 fragments) + 1 index refresh in a first wave.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any, cast

from desktop.i18n import tr
from desktop.ixc import parse
from desktop.ixc.client import Filter, IxcClient, Page, Row
from desktop.ixc.errors import IxcError
from desktop.ixc.models import (
    CustomerRecord,
    LookupResult,
    PhoneMatch,
    Section,
)
from desktop.ixc.phone_match import (
    PHONE_COLUMNS,
    best_match,
    classify,
    rank_key,
    search_fragments,
    stored_numbers,
)
from desktop.phone import NormalizedNumber, NumberKind, normalize_br_number
from desktop.store.phone_index import PhoneIndex

log = logging.getLogger(__name__)

RecordCallback = Callable[[CustomerRecord], None]

# How much history the card shows; small pages keep the ISP's server comfortable.
CLOSED_OS_SHOWN = 5
INVOICES_READ = 24       # two years of monthly invoices: every open one plus recent payments
TICKETS_SHOWN = 5
SEARCH_RP = 20


def index_entries(row: Mapping[str, str]) -> list[tuple[str, str]]:
    """The ``(column, digits)`` pairs of a cliente row that go into the phone index."""
    return [(column, number) for column in PHONE_COLUMNS
            for number in stored_numbers(row.get(column) or "")]


class IxcService:
    """Customer lookups against one IXC tenant (constructor-injected, no globals)."""

    def __init__(self, client: IxcClient, index: PhoneIndex | None = None, *,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.client = client
        self.index = index
        self.clock = clock
        self._lookups: asyncio.Task[dict[str, dict[int, str]]] | None = None
        self._index_lock = asyncio.Lock()

    # --- reference tables (cached for the life of the service) --------------------------------

    async def _load_lookups(self) -> dict[str, dict[int, str]]:
        async def table(name: str, label: str) -> dict[int, str]:
            try:
                rows = await self.client.list_all(name, rp=1000)
            except IxcError as exc:  # labels are nice to have; ids still show
                log.warning("IXC %s not loaded: %s", name, exc.message)
                return {}
            return {parse.req_id(r): parse.text(r, label) for r in rows}

        subjects, techs, cities, plans = await asyncio.gather(
            table("su_oss_assunto", "assunto"), table("funcionarios", "funcionario"),
            table("cidade", "nome"), table("vd_contratos", "nome"))
        return {"subjects": subjects, "technicians": techs, "cities": cities, "plans": plans}

    def _lookup_tables(self) -> asyncio.Task[dict[str, dict[int, str]]]:
        if self._lookups is None or (self._lookups.done() and self._lookups.exception()):
            self._lookups = asyncio.ensure_future(self._load_lookups())
        return self._lookups

    def _cities_now(self) -> dict[int, str]:
        task = self._lookups
        if task is not None and task.done() and not task.exception():
            return task.result()["cities"]
        return {}

    async def warm_up(self) -> None:
        """Load the reference tables and build or refresh the phone index (at start-up)."""
        await asyncio.gather(self._lookup_tables(), self.sync_index())

    # --- phone index ---------------------------------------------------------------------------

    async def sync_index(self) -> list[Row]:
        """Build the index with one paged bulk read, or refresh it by ``ultima_atualizacao``.

        Returns the rows read, so a lookup running at the same time can use them too.
        """
        if self.index is None:
            return []
        async with self._index_lock:
            since = self.index.last_update
            if since is None:
                rows = await self.client.list_all("cliente", rp=500)
            else:
                rows = await self.client.list_all(
                    "cliente", qtype="cliente.ultima_atualizacao", query=since, oper=">=",
                    rp=100)
            self._remember(rows, since)
            return rows

    def _remember(self, rows: Iterable[Row], since: str | None = None) -> None:
        if self.index is None:
            return
        rows = list(rows)
        self.index.replace_customers({parse.req_id(r): index_entries(r) for r in rows})
        newest = max((r.get("ultima_atualizacao", "") for r in rows), default="")
        if since is not None or newest:
            self.index.mark_synced(max(newest, since or ""), self.clock().isoformat())

    # --- finding the customers -----------------------------------------------------------------

    def _indexed_ids(self, caller: NormalizedNumber) -> list[int]:
        if self.index is None or self.index.last_update is None:
            return []
        ids = {entry.customer_id for entry in self.index.candidates(caller.subscriber[-8:])
               if classify(caller, entry.digits) is not None}
        return sorted(ids)

    async def _search(self, caller: NormalizedNumber) -> list[Row]:
        """Live LIKE search: every phone column × every fragment, concurrently."""
        jobs = [self.client.list("cliente", qtype=f"cliente.{column}", query=fragment,
                                 oper="L", rp=SEARCH_RP)
                for column in PHONE_COLUMNS for fragment in search_fragments(caller)]
        # the incremental refresh runs in the same wave; customers changed since the last
        # refresh are matched from its rows, whatever mask their phone was typed with
        refresh: list[Awaitable[list[Row]]] = (
            [self.sync_index()] if self.index is not None else [])
        results = await asyncio.gather(*jobs, *refresh, return_exceptions=True)
        pages = results[:len(jobs)]
        errors = [r for r in pages if isinstance(r, BaseException)]
        if errors and len(errors) == len(pages):
            raise errors[0]
        for err in errors:
            log.warning("IXC phone search partly failed: %s", err)
        found: dict[int, Row] = {}
        if refresh:
            refreshed = results[-1]
            if isinstance(refreshed, BaseException):
                log.warning("IXC phone index refresh failed: %s", refreshed)
            else:
                found.update((parse.req_id(row), row) for row in cast(list[Row], refreshed))
        for page in pages:
            if isinstance(page, Page):
                found.update((parse.req_id(row), row) for row in page.rows)
        return list(found.values())

    async def _customer_row(self, customer_id: int) -> Row | None:
        page = await self.client.list("cliente", qtype="cliente.id", query=str(customer_id),
                                      oper="=", rp=1)
        return page.rows[0] if page.rows else None

    # --- sections ------------------------------------------------------------------------------

    async def _contracts(self, cid: int) -> tuple[Any, ...]:
        page = await self.client.list("cliente_contrato", qtype="cliente_contrato.id_cliente",
                                      query=str(cid), sortname="cliente_contrato.id",
                                      sortorder="desc", rp=20)
        plans = (await self._lookup_tables())["plans"]
        return tuple(parse.contract(r, plans) for r in page.rows)

    async def _service_orders(self, cid: int) -> tuple[Any, ...]:
        def orders(op: str, rp: int) -> Awaitable[Page]:
            return self.client.list(
                "su_oss_chamado", qtype="su_oss_chamado.id_cliente", query=str(cid),
                sortname="su_oss_chamado.data_abertura", sortorder="desc", rp=rp,
                filters=[Filter("su_oss_chamado.status", op, "F")])

        # open ones all (they matter most), closed ones only the most recent
        open_page, closed_page, lookups = await asyncio.gather(
            orders("!=", 20), orders("=", CLOSED_OS_SHOWN), self._lookup_tables())
        return tuple(parse.service_order(r, lookups["subjects"], lookups["technicians"])
                     for r in (*open_page.rows, *closed_page.rows))

    async def _invoices(self, cid: int) -> tuple[Any, ...]:
        page = await self.client.list(
            "fn_areceber", qtype="fn_areceber.id_cliente", query=str(cid),
            filters=[Filter("fn_areceber.status", "!=", "C")],
            sortname="fn_areceber.data_vencimento", sortorder="desc", rp=INVOICES_READ)
        return tuple(sorted((parse.invoice(r) for r in page.rows),
                            key=lambda i: (i.due or date.min), reverse=True))

    async def _connections(self, cid: int) -> tuple[Any, ...]:
        page = await self.client.list("radusuarios", qtype="radusuarios.id_cliente",
                                      query=str(cid), rp=10)
        return tuple(parse.connection(r) for r in page.rows)

    async def _tickets(self, cid: int) -> tuple[Any, ...]:
        page = await self.client.list("su_ticket", qtype="su_ticket.id_cliente", query=str(cid),
                                      sortname="su_ticket.id", sortorder="desc",
                                      rp=TICKETS_SHOWN)
        return tuple(parse.ticket(r) for r in page.rows)

    def _section_jobs(self, cid: int) -> dict[Section, Callable[[], Awaitable[tuple[Any, ...]]]]:
        return {
            Section.CONTRACTS: lambda: self._contracts(cid),
            Section.SERVICE_ORDERS: lambda: self._service_orders(cid),
            Section.INVOICES: lambda: self._invoices(cid),
            Section.CONNECTIONS: lambda: self._connections(cid),
            Section.TICKETS: lambda: self._tickets(cid),
        }

    async def _fill_sections(self, record: CustomerRecord,
                             emit: Callable[[CustomerRecord], None]) -> CustomerRecord:
        current = record
        cid = record.customer.id

        async def run(section: Section, job: Callable[[], Awaitable[tuple[Any, ...]]]) -> None:
            nonlocal current
            try:
                items = await job()
            except IxcError as exc:
                current = current.with_error(section, exc.message)
            except Exception:  # a parsing bug must not take the other sections down
                log.exception("IXC section %s failed for customer %s", section, cid)
                current = current.with_error(
                    section, tr("ixc.errors", "Erro interno ao ler esta seção."))
            else:
                current = current.with_section(section, items)
            emit(current)

        await asyncio.gather(*(run(s, job) for s, job in self._section_jobs(cid).items()))
        return current

    # --- the lookup ----------------------------------------------------------------------------

    async def lookup(self, number: str, on_update: RecordCallback | None = None
                     ) -> LookupResult:
        """Every customer whose phones hold ``number``, complete, best match first."""
        started = time.perf_counter()
        caller = normalize_br_number(number)
        if caller.kind is not NumberKind.BRAZIL:
            return LookupResult(caller.number, (), _ms_since(started))
        today = self.clock().date()

        def emit(record: CustomerRecord) -> None:
            if on_update is not None:
                on_update(record)

        async def complete(row: Row, match: PhoneMatch) -> CustomerRecord:
            record = CustomerRecord(customer=parse.customer(row, self._cities_now()),
                                    today=today, match=match, pending=frozenset(Section))
            emit(record)
            return await self._fill_sections(record, emit)

        indexed = self._indexed_ids(caller)
        records: list[CustomerRecord] = []
        if indexed:
            records = await self._lookup_indexed(caller, indexed, today, emit)
        if not records:
            rows = await self._search(caller)
            matched = [(row, m) for row in rows if (m := best_match(caller, row)) is not None]
            self._remember(row for row, _ in matched)
            records = list(await asyncio.gather(*(complete(row, m) for row, m in matched)))
        records.sort(key=lambda r: rank_key(r.match, r.customer.active, r.customer.id)
                     if r.match else (9, 9, 9, r.customer.id))
        return LookupResult(caller.number, tuple(records), _ms_since(started))

    async def _lookup_indexed(self, caller: NormalizedNumber, ids: list[int], today: date,
                              emit: Callable[[CustomerRecord], None]) -> list[CustomerRecord]:
        """Customer rows and sections in one concurrent wave; rows re-verified live."""

        async def one(cid: int) -> CustomerRecord | None:
            latest = CustomerRecord(customer=parse.customer({"id": str(cid)}), today=today,
                                    pending=frozenset(Section))
            identity: CustomerRecord | None = None

            def merged(sections: CustomerRecord) -> CustomerRecord:
                assert identity is not None
                return replace(sections, customer=identity.customer, match=identity.match)

            def on_section(sections: CustomerRecord) -> None:
                nonlocal latest
                latest = sections
                if identity is not None:  # before the identity is known, sections wait
                    emit(merged(sections))

            filling = asyncio.ensure_future(self._fill_sections(latest, on_section))
            try:
                row = await self._customer_row(cid)
            except BaseException:
                filling.cancel()
                raise
            match = best_match(caller, row) if row else None
            if row is None or match is None:  # the index was stale: the phone changed
                filling.cancel()
                if row is not None:
                    self._remember([row])
                return None
            identity = CustomerRecord(customer=parse.customer(row, self._cities_now()),
                                      today=today, match=match)
            emit(merged(latest))
            return merged(await filling)

        results = await asyncio.gather(*(one(cid) for cid in ids))
        return [r for r in results if r is not None]


def _ms_since(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
