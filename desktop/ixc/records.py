"""From a caller's number to complete customer records: the one API the app and the agent call.

``IxcService.lookup(number, on_update)``:

1. normalise the number; anything that is not a Brazilian number (internal, anonymous) costs
   nothing;
2. find the customers: the local phone index first (no request at all); when it knows nothing,
   one live LIKE search per phone column on a mask-independent fragment, all concurrent,
   verified digit by digit in Python;
3. for every customer, fetch the sections concurrently (contracts, service orders, invoices,
   connections, tickets) and call ``on_update`` with the growing record: identity first, then
   each section as it arrives; a failed section carries its pt-BR error and the others still show.
   A searched customer's sections start the moment the search that found it answers;
4. rank: exact DDD + number first, active before inactive, then the weaker matches.

The search box uses two more entry points: ``IxcService.search(text, limit)`` decides whether
the text is a CPF/CNPJ, a phone or a name and returns identity-only ``CustomerMatch`` lines
(no sections); ``IxcService.record_for(customer_id, on_update)`` then loads the chosen
customer's record with the same progressive section fetch as step 3.

Index upkeep (the incremental ``ultima_atualizacao`` refresh) and the reference tables' renewal
run *after* the lookup, in the background, never in its critical path.

Request cost per lookup (steady state, reference tables cached): a number the index knows costs
1 customer read + 5 section reads per customer, in one concurrent wave; a number it does not know
costs 4 searches (one per phone column) and then the 5 section reads per customer found.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from desktop.i18n import tr
from desktop.ixc import parse
from desktop.ixc.client import Filter, IxcClient, Page, Row
from desktop.ixc.errors import IxcCustomerNotFoundError, IxcDeadlineError, IxcError
from desktop.ixc.models import (
    Connection,
    CustomerMatch,
    CustomerRecord,
    LookupResult,
    PhoneMatch,
    SearchKind,
    Section,
)
from desktop.ixc.outage import OutageDetector
from desktop.ixc.phone_match import (
    PHONE_COLUMNS,
    best_match,
    classify,
    rank_key,
    search_fragments,
    stored_numbers,
)
from desktop.ixc.search_text import SearchPlan, plan_search
from desktop.phone.numbers import NormalizedNumber, NumberKind, normalize_br_number
from desktop.store.phone_index import PhoneIndex
from desktop.system.background import BackgroundTasks

log = logging.getLogger(__name__)

RecordCallback = Callable[[CustomerRecord], None]

# How much history the card shows; small pages keep the ISP's server comfortable.
CLOSED_OS_SHOWN = 5
SERVICE_ORDERS_READ = 20  # one page of a customer's most recent OS (open and closed)
INVOICES_READ = 24       # two years of monthly invoices: every open one plus recent payments
TICKETS_SHOWN = 5
SEARCH_RP = 50           # rows read per phone column: a number shared by many is not cut at 20
# A number shared by hundreds (a condominium's reception, a company switchboard) must not cost
# hundreds of record loads per ring: only the first few ranked matches are loaded in full, the
# others are listed by name ("mais N clientes com este número") and loaded when picked.
DETAILED_MATCHES = 5
# Overall deadline of one lookup: a section still loading then gives up with "IXC não respondeu
# a tempo" while the rest of the card stays; the finding step gives up as a whole.
LOOKUP_DEADLINE_S = 15.0
# After the sections, the city's name may still be loading (cold start): waited this long.
CITY_NAME_WAIT_S = 1.0
SEARCH_LIMIT = 20       # manual search: one short pick list; the agent types more to narrow it
MAX_SEARCH_LIMIT = 50
# Labels (subjects, technicians, cities, plans) change rarely: renewed in the background after
# this long; a table that failed to load is retried sooner.
REFERENCE_TTL_S = 6 * 3600.0
REFERENCE_RETRY_S = 60.0
# The incremental index refresh (1 small request) runs after a lookup at most this often.
INDEX_REFRESH_EVERY_S = 60.0


def index_entries(row: Mapping[str, str]) -> list[tuple[str, str]]:
    """The ``(column, digits)`` pairs of a cliente row that go into the phone index."""
    return [(column, number) for column in PHONE_COLUMNS
            for number in stored_numbers(row.get(column) or "")]


class IxcService:
    """Customer lookups against one IXC tenant (constructor-injected, no globals)."""

    def __init__(self, client: IxcClient, index: PhoneIndex | None = None, *,
                 clock: Callable[[], datetime] = datetime.now,
                 index_refresh_every_s: float = INDEX_REFRESH_EVERY_S,
                 reference_ttl_s: float = REFERENCE_TTL_S,
                 lookup_deadline_s: float = LOOKUP_DEADLINE_S,
                 detailed_matches: int = DETAILED_MATCHES,
                 outage: OutageDetector | None = None) -> None:
        self.client = client
        self.outage = outage
        self.lookup_deadline_s = lookup_deadline_s
        self.detailed_matches = max(1, detailed_matches)
        self.index = index
        self.clock = clock
        self.index_refresh_every_s = index_refresh_every_s
        self.reference_ttl_s = reference_ttl_s
        self._lookups: asyncio.Future[dict[str, dict[int, str]]] | None = None
        self._lookups_expire = 0.0          # time.monotonic() after which they are renewed
        self._renewing: asyncio.Task[None] | None = None
        self._index_lock = asyncio.Lock()
        self._last_refresh = float("-inf")
        self._background = BackgroundTasks(log, "IXC background work")

    # --- reference tables (cached, renewed in the background) ---------------------------------

    async def _load_lookups(self) -> dict[str, dict[int, str]]:
        complete = True

        async def table(name: str, label: str) -> dict[int, str]:
            nonlocal complete
            try:
                rows = await self.client.list_all(name, rp=1000)
            except IxcError as exc:  # labels are nice to have; ids still show
                log.warning("IXC %s not loaded: %s", name, exc.message)
                complete = False
                return {}
            return {parse.req_id(r): parse.text(r, label) for r in rows}

        subjects, techs, cities, plans = await asyncio.gather(
            table("su_oss_assunto", "assunto"), table("funcionarios", "funcionario"),
            table("cidade", "nome"), table("vd_contratos", "nome"))
        ttl = self.reference_ttl_s if complete else min(self.reference_ttl_s, REFERENCE_RETRY_S)
        self._lookups_expire = time.monotonic() + ttl
        return {"subjects": subjects, "technicians": techs, "cities": cities, "plans": plans}

    def _lookup_tables(self) -> asyncio.Future[dict[str, dict[int, str]]]:
        """The reference tables: loaded once, then served from memory while a renewal runs."""
        task = self._lookups
        if task is None or (task.done() and task.exception() is not None):
            self._lookups = task = asyncio.ensure_future(self._load_lookups())
        elif (task.done() and time.monotonic() > self._lookups_expire
              and (self._renewing is None or self._renewing.done())):
            self._renewing = self._background.spawn(self._renew_lookups())
        return task

    async def _tables(self) -> dict[str, dict[int, str]]:
        """The reference tables for one caller: shielded, because a section that gives up at
        its deadline must not cancel the load every other lookup shares."""
        return await asyncio.shield(self._lookup_tables())

    async def _renew_lookups(self) -> None:
        fresh = await self._load_lookups()
        done: asyncio.Future[dict[str, dict[int, str]]] = (
            asyncio.get_running_loop().create_future())
        done.set_result(fresh)
        self._lookups = done

    def _cities_now(self) -> dict[int, str]:
        task = self._lookups
        if task is not None and task.done() and not task.exception():
            return task.result()["cities"]
        return {}

    async def warm_up(self) -> None:
        """Load the reference tables and build or refresh the phone index (at start-up)."""
        await asyncio.gather(self._lookup_tables(), self.sync_index())

    # --- background work (never in a lookup's critical path) ----------------------------------

    def _refresh_index_soon(self) -> None:
        """Schedule the incremental index refresh, at most every ``index_refresh_every_s``."""
        if self.index is None or self.index.last_update is None:
            return  # never built: warm_up() builds it (a bulk read is not a per-call cost)
        if time.monotonic() - self._last_refresh < self.index_refresh_every_s:
            return
        self._last_refresh = time.monotonic()
        self._background.spawn(self.sync_index())

    async def idle(self) -> None:
        """Wait until the background work started so far (index refresh, renewals) is done."""
        await self._background.wait()

    async def aclose(self) -> None:
        """Stop background work and close the client (at shutdown)."""
        await self._background.aclose()
        await self.client.aclose()

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
            self._synced(rows, since)
            self._last_refresh = time.monotonic()
            return rows

    def _remember(self, rows: Iterable[Row]) -> None:
        """Index these customers' phones (rows met by a search or a re-verification).

        Does not move the sync mark: other customers changed meanwhile are still unseen.
        """
        if self.index is not None:
            self.index.replace_customers({parse.req_id(r): index_entries(r) for r in rows})

    def _synced(self, rows: list[Row], since: str | None) -> None:
        """Index a bulk read or a refresh and move the sync mark to the newest change seen."""
        if self.index is None:
            return
        self._remember(rows)
        newest = max((r.get("ultima_atualizacao", "") for r in rows), default="")
        if since is not None or newest:
            self.index.mark_synced(max(newest, since or ""), self.clock().isoformat())

    # --- finding the customers -----------------------------------------------------------------

    def _indexed_ids(self, caller: NormalizedNumber) -> list[int]:
        if self.index is None or self.index.last_update is None:
            return []
        if caller.kind is not NumberKind.BRAZIL:
            return []    # the index keys Brazilian numbers; a foreign one is searched live
        ids = {entry.customer_id for entry in self.index.candidates(caller.subscriber[-8:])
               if classify(caller, entry.digits) is not None}
        return sorted(ids)

    async def _search_and_complete(
            self, caller: NormalizedNumber,
            complete: Callable[[Row, PhoneMatch], Awaitable[CustomerRecord]],
            limit: int | None = None, deadline: float | None = None) -> _Found:
        """Live LIKE search, one request per phone column and fragment, all concurrent.

        Rows are verified digit by digit as each search answers, and a verified customer's
        record starts loading at once (while fewer than ``limit`` have started): ranking
        happens at the end, over every verified row, and the best ``limit`` that did not start
        early start then. The other verified customers come back as identity-only lines.
        """
        started: dict[int, asyncio.Future[CustomerRecord]] = {}
        failures: list[IxcError] = []
        verified: dict[int, tuple[Row, PhoneMatch]] = {}
        unread = 0

        def start(row: Row, match: PhoneMatch) -> None:
            started[parse.req_id(row)] = asyncio.ensure_future(complete(row, match))

        async def search(column: str, fragment: str) -> None:
            nonlocal unread
            try:
                page = await self.client.list("cliente", qtype=f"cliente.{column}",
                                              query=fragment, oper="L", rp=SEARCH_RP)
            except IxcError as exc:
                failures.append(exc)
                return
            unread = max(unread, page.total - len(page.rows))
            for row in page.rows:
                cid = parse.req_id(row)
                if cid in verified:
                    continue
                match = best_match(caller, row)
                if match is not None:
                    verified[cid] = (row, match)
                    if limit is None or len(started) < limit:
                        start(row, match)

        searches = [search(column, fragment) for column in PHONE_COLUMNS
                    for fragment in search_fragments(caller)]
        try:
            async with _deadline_at(deadline, self.lookup_deadline_s):
                await asyncio.gather(*searches)
            if failures and len(failures) == len(searches):
                raise failures[0]
            for err in failures:
                log.warning("IXC phone search partly failed: %s", err.message)
            ranked = sorted(verified.items(), key=lambda item: rank_key(
                item[1][1], parse.customer(item[1][0]).active, item[0]))
            for cid, (row, match) in ranked[:limit]:
                if cid not in started:
                    start(row, match)
            records = list(await asyncio.gather(*started.values()))
        except BaseException:
            for task in started.values():
                task.cancel()
            raise
        self._remember(row for row, _match in verified.values())  # next call is local
        more = tuple(self._match(row, SearchKind.PHONE, match)
                     for cid, (row, match) in ranked if cid not in started)
        return _Found(records, more, unread)

    async def _customer_row(self, customer_id: int) -> Row | None:
        page = await self.client.list("cliente", qtype="cliente.id", query=str(customer_id),
                                      oper="=", rp=1)
        return page.rows[0] if page.rows else None

    # --- sections ------------------------------------------------------------------------------

    async def _contracts(self, cid: int) -> tuple[Any, ...]:
        page = await self.client.list("cliente_contrato", qtype="cliente_contrato.id_cliente",
                                      query=str(cid), sortname="cliente_contrato.id",
                                      sortorder="desc", rp=20)
        plans = (await self._tables())["plans"]
        return tuple(parse.contract(r, plans) for r in page.rows)

    async def _service_orders(self, cid: int) -> tuple[Any, ...]:
        def orders(rp: int, *filters: Filter) -> Awaitable[Page]:
            return self.client.list(
                "su_oss_chamado", qtype="su_oss_chamado.id_cliente", query=str(cid),
                sortname="su_oss_chamado.data_abertura", sortorder="desc", rp=rp,
                filters=filters)

        # One read of the most recent orders holds every open one as long as the customer has
        # no more than SERVICE_ORDERS_READ in all (nearly everyone): one request, not two.
        # Otherwise an old open order could sit past that page, so the open ones are read too.
        tables = self._lookup_tables()
        if tables.done() and tables.exception() is None:
            # the usual case: no task for the tables, so the request leaves on this loop turn
            recent, lookups = await orders(SERVICE_ORDERS_READ), tables.result()
        else:
            recent, lookups = await asyncio.gather(orders(SERVICE_ORDERS_READ),
                                                   self._tables())
        rows = list(recent.rows)
        if recent.total > len(recent.rows):
            open_page = await orders(SERVICE_ORDERS_READ,
                                     Filter("su_oss_chamado.status", "!=", "F"))
            rows = [*open_page.rows, *rows]
        unique = {parse.req_id(r): r for r in reversed(rows)}      # first occurrence wins
        parsed = [parse.service_order(r, lookups["subjects"], lookups["technicians"])
                  for r in reversed(unique.values())]
        closed = [o for o in parsed if not o.is_open]
        return (*(o for o in parsed if o.is_open), *closed[:CLOSED_OS_SHOWN])

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
                             emit: Callable[[CustomerRecord], None],
                             deadline: float | None = None) -> CustomerRecord:
        current = record
        cid = record.customer.id

        outage_check: asyncio.Future[Any] | None = None

        async def run(section: Section, job: Callable[[], Awaitable[tuple[Any, ...]]]) -> None:
            nonlocal current, outage_check
            try:
                # each section its own deadline: a slow table costs its own tab only
                async with _deadline_at(deadline, self.lookup_deadline_s):
                    items = await job()
            except IxcError as exc:
                current = current.with_error(section, exc.message)
            except Exception:  # a parsing bug must not take the other sections down
                log.exception("IXC section %s failed for customer %s", section, cid)
                current = current.with_error(
                    section, tr("ixc.errors", "Erro interno ao ler esta seção."))
            else:
                current = current.with_section(section, items)
                if section is Section.CONNECTIONS and self.outage is not None:
                    outage_check = asyncio.ensure_future(self._outage_around(items))
            emit(current)

        try:
            await asyncio.gather(*(run(s, job) for s, job in self._section_jobs(cid).items()))
            if outage_check is not None:
                # after the card is complete: the banner is an addition, never a wait
                outage = await outage_check
                if outage is not None:
                    current = replace(current, outage=outage)
                    emit(current)
        finally:
            if outage_check is not None and not outage_check.done():
                outage_check.cancel()
        return current

    async def _outage_around(self, connections: tuple[Connection, ...]) -> Any:
        """The outage check, bounded by its own short timeout; any failure means no banner."""
        assert self.outage is not None
        try:
            async with asyncio.timeout(self.outage.rules.timeout_s):
                return await self.outage.check(connections)
        except TimeoutError:
            log.warning("IXC outage check gave up after %.1f s", self.outage.rules.timeout_s)
        except IxcError as exc:
            log.warning("IXC outage check failed: %s", exc.message)
        except Exception:   # a bug in the check must not take the card down
            log.exception("IXC outage check failed")
        return None

    async def _with_city(self, record: CustomerRecord, row: Row,
                         emit: Callable[[CustomerRecord], None]) -> CustomerRecord:
        """On a cold start the identity shows before the city names are loaded: fill it in."""
        if record.customer.address.city or record.customer.address.city_id is None:
            return record
        try:
            # a nicety: a slow reference table must not hold a complete record back
            async with asyncio.timeout(CITY_NAME_WAIT_S):
                cities = (await self._tables())["cities"]
        except (TimeoutError, IxcError):
            return record
        customer = parse.customer(row, cities)
        if customer.address.city == record.customer.address.city:
            return record
        record = replace(record, customer=customer)
        emit(record)
        return record

    # --- the lookup ----------------------------------------------------------------------------

    async def lookup(self, number: str, on_update: RecordCallback | None = None
                     ) -> LookupResult:
        """Every customer whose phones hold ``number``, best match first: the first
        ``detailed_matches`` complete, the others as identity lines (``LookupResult.more``).

        Bounded by ``lookup_deadline_s``: a section still loading then carries "IXC não
        respondeu a tempo"; a finding step that overruns raises :class:`IxcDeadlineError`.
        """
        started = time.perf_counter()
        caller = normalize_br_number(number)
        if caller.kind not in (NumberKind.BRAZIL, NumberKind.INTERNATIONAL):
            return LookupResult(caller.number, (), _ms_since(started))
        today = self.clock().date()
        deadline = asyncio.get_running_loop().time() + self.lookup_deadline_s

        def emit(record: CustomerRecord) -> None:
            if on_update is not None:
                on_update(record)

        async def complete(row: Row, match: PhoneMatch) -> CustomerRecord:
            record = CustomerRecord(customer=parse.customer(row, self._cities_now()),
                                    today=today, match=match, pending=frozenset(Section))
            emit(record)
            filled = await self._fill_sections(record, emit, deadline)
            return await self._with_city(filled, row, emit)

        indexed = self._indexed_ids(caller)
        found = _Found([], (), 0)
        try:
            if indexed and len(indexed) <= self.detailed_matches:
                found = _Found(await self._lookup_indexed(caller, indexed, today, emit,
                                                          deadline), (), 0)
            if not found.records:
                # also when the index knows more customers than are loaded in full: 4 searches
                # rank them all, instead of one customer read per candidate
                found = await self._search_and_complete(caller, complete,
                                                        self.detailed_matches, deadline)
            if not found.records and len(indexed) > self.detailed_matches:
                first = indexed[:self.detailed_matches]   # numbers LIKE cannot find
                found = _Found(await self._lookup_indexed(caller, first, today, emit, deadline),
                               (), len(indexed) - len(first))
        finally:
            self._refresh_index_soon()
        records = found.records
        records.sort(key=lambda r: rank_key(r.match, r.customer.active, r.customer.id)
                     if r.match else (9, 9, 9, r.customer.id))
        return LookupResult(caller.number, tuple(records), _ms_since(started),
                            more=found.more, unread=found.unread)

    async def _lookup_indexed(self, caller: NormalizedNumber, ids: list[int], today: date,
                              emit: Callable[[CustomerRecord], None],
                              deadline: float | None = None) -> list[CustomerRecord]:
        """Customer rows and sections in one concurrent wave; rows re-verified live."""
        results = await asyncio.gather(*(self._record_by_id(cid, today, emit, caller, deadline)
                                         for cid in ids))
        return [r for r in results if r is not None]

    async def _record_by_id(self, cid: int, today: date, emit: Callable[[CustomerRecord], None],
                            caller: NormalizedNumber | None = None,
                            deadline: float | None = None) -> CustomerRecord | None:
        """One customer's row and sections in one concurrent wave, identity emitted first.

        With ``caller``, the live row must still hold that number (the index may be stale);
        None when the customer does not exist or no longer has the number.
        """
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

        if deadline is None:
            deadline = asyncio.get_running_loop().time() + self.lookup_deadline_s
        filling = asyncio.ensure_future(self._fill_sections(latest, on_section, deadline))
        try:
            async with _deadline_at(deadline, self.lookup_deadline_s):
                row = await self._customer_row(cid)
        except BaseException:
            filling.cancel()
            raise
        match = best_match(caller, row) if row and caller else None
        if row is None or (caller is not None and match is None):
            filling.cancel()  # gone, or the index was stale: the phone changed
            if row is not None:
                self._remember([row])
            return None
        identity = CustomerRecord(customer=parse.customer(row, self._cities_now()),
                                  today=today, match=match)
        emit(merged(latest))
        return await self._with_city(merged(await filling), row, emit)

    async def record_for(self, customer_id: int | str, on_update: RecordCallback | None = None
                         ) -> CustomerRecord:
        """The complete record of one customer (picked in a list or found by ``search``).

        Same progressive delivery as ``lookup``: identity first, then each section as it
        arrives, a failed section carrying its error. Costs 1 customer read + the 5 section
        reads, in one concurrent wave. Raises :class:`IxcCustomerNotFoundError` when IXC has
        no such customer, and the client's typed errors when the customer read itself fails.
        """
        cid = parse.opt_id(str(customer_id))
        if cid is None:
            raise IxcCustomerNotFoundError(str(customer_id).strip())

        def emit(record: CustomerRecord) -> None:
            if on_update is not None:
                on_update(record)

        record = await self._record_by_id(cid, self.clock().date(), emit)
        if record is None:
            raise IxcCustomerNotFoundError(str(cid))
        return record

    # --- manual search (the popup's and the main window's search box) ------------------------

    async def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[CustomerMatch]:
        """Customers matching what the agent typed: a name, a CPF/CNPJ or a phone.

        Identity only (no sections): ``record_for(match.id)`` loads the chosen one. Order:
        for a phone, the lookup's ranking; otherwise active customers first, then by name.
        Raises :class:`IxcSearchTextError` (no request made) when the text cannot be searched,
        and the client's typed errors when IXC fails. An empty text returns ``[]``.
        """
        plan = plan_search(text)
        limit = max(1, min(limit, MAX_SEARCH_LIMIT))
        jobs: list[Awaitable[list[CustomerMatch]]] = []
        if plan.document_kind is not None and plan.phone is not None:
            # Digits that pass the CPF/CNPJ check digits and also read as a phone: the document
            # is what the agent most likely typed (check digits rarely pass by chance), and it is
            # one exact query; the phone search runs only when no customer has that document.
            found_by_document, _ = await asyncio.gather(self._search_document(plan, limit),
                                                        self._tables())
            if found_by_document:
                return self._with_city_names(found_by_document, limit)
            plan = replace(plan, document_kind=None, document_digits="")
        if plan.document_kind is not None:
            jobs.append(self._search_document(plan, limit))
        if plan.phone is not None:
            jobs.append(self._search_phone(plan.phone))
        if plan.name_pattern:
            jobs.append(self._search_name(plan.name_pattern, limit))
        if not jobs:
            return []
        # city names make homonyms tell apart; already in memory once warmed up
        found, _ = await asyncio.gather(asyncio.gather(*jobs), self._tables())
        return self._with_city_names([m for group in found for m in group], limit)

    def _with_city_names(self, found: list[CustomerMatch], limit: int) -> list[CustomerMatch]:
        """The first match of each customer, with its city's name, at most ``limit``."""
        cities = self._cities_now()
        matches: dict[int, CustomerMatch] = {}
        for m in found:
            if m.id not in matches:
                matches[m.id] = _with_city_name(m, cities)
        return list(matches.values())[:limit]

    def _match(self, row: Row, found_by: SearchKind, phone: PhoneMatch | None = None
               ) -> CustomerMatch:
        return CustomerMatch(parse.customer(row, self._cities_now()), found_by, phone)

    async def _search_document(self, plan: SearchPlan, limit: int) -> list[CustomerMatch]:
        """``cnpj_cpf =`` the masked form (how IXC stores it), then digits only if needed."""
        assert plan.document_kind is not None
        for form in plan.document_forms:
            page = await self.client.list("cliente", qtype="cliente.cnpj_cpf", query=form,
                                          oper="=", rp=limit)
            if page.rows:
                return _by_activity_and_name(
                    [self._match(r, plan.document_kind) for r in page.rows])
        return []

    async def _search_name(self, pattern: str, limit: int) -> list[CustomerMatch]:
        """``razao`` and ``fantasia`` LIKE the words, concurrently (2 requests)."""

        async def column(name: str) -> tuple[Row, ...]:
            page = await self.client.list("cliente", qtype=f"cliente.{name}", query=pattern,
                                          oper="L", sortname="cliente.razao", rp=limit)
            return page.rows

        razao, fantasia = await asyncio.gather(column("razao"), column("fantasia"))
        rows = {parse.req_id(r): r for r in (*razao, *fantasia)}
        return _by_activity_and_name([self._match(r, SearchKind.NAME) for r in rows.values()])

    async def _search_phone(self, caller: NormalizedNumber) -> list[CustomerMatch]:
        """The lookup's finding step without the sections: the index, else the live search."""
        today = self.clock().date()
        identified: list[CustomerRecord] = []
        indexed = self._indexed_ids(caller)
        if indexed and len(indexed) <= self.detailed_matches:
            rows = await asyncio.gather(*(self._customer_row(cid) for cid in indexed))
            for row in rows:
                match = best_match(caller, row) if row else None
                if row is not None and match is None:
                    self._remember([row])   # stale index entry: corrected
                elif row is not None and match is not None:
                    identified.append(CustomerRecord(parse.customer(row), today, match))

        async def identity(row: Row, match: PhoneMatch) -> CustomerRecord:
            return CustomerRecord(parse.customer(row), today, match)

        more: tuple[CustomerMatch, ...] = ()
        if not identified:
            found = await self._search_and_complete(caller, identity)
            identified, more = found.records, found.more
        identified.sort(key=lambda r: rank_key(r.match, r.customer.active, r.customer.id)
                        if r.match else (9, 9, 9, r.customer.id))
        return [*(CustomerMatch(r.customer, SearchKind.PHONE, r.match) for r in identified),
                *more]


@dataclass
class _Found:
    """What the finding step brought: full records, further identity lines, unread rows."""

    records: list[CustomerRecord]
    more: tuple[CustomerMatch, ...]
    unread: int


@contextlib.asynccontextmanager
async def _deadline_at(when: float | None, seconds: float) -> AsyncIterator[None]:
    """``asyncio.timeout_at`` that raises the pt-BR :class:`IxcDeadlineError` instead."""
    try:
        async with asyncio.timeout_at(when):
            yield
    except TimeoutError:
        raise IxcDeadlineError(seconds) from None


def _fold(text: str) -> str:
    """Case- and accent-insensitive sort key, as MySQL's general collations compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _by_activity_and_name(matches: list[CustomerMatch]) -> list[CustomerMatch]:
    return sorted(matches, key=lambda m: (not m.active, _fold(m.name), m.id))


def _with_city_name(match: CustomerMatch, cities: Mapping[int, str]) -> CustomerMatch:
    address = match.customer.address
    if address.city or address.city_id is None or address.city_id not in cities:
        return match
    customer = replace(match.customer, address=replace(address, city=cities[address.city_id]))
    return replace(match, customer=customer)


def _ms_since(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
