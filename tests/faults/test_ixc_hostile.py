"""IXC slow, huge or wrong: the client and the lookup behind a hostile proxy (a real TCP server
on 127.0.0.1, ``hostile_http.py``) in front of the IXC simulator.

Every case ends in a typed error with a pt-BR message, or degrades as documented in
docs/ixc.md ("Fault suite"); nothing hangs: each test runs under an outer ``wait_for`` far
above its expected time, so a regression fails instead of freezing the suite.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Iterator
from datetime import datetime
from typing import TypeVar

import pytest
from hostile_http import HostileProxy, wait_until
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.demo.simulators.ixc import DEMO_TOKEN, SimulatorHandle, start_simulator
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.ixc.client import MAX_PAGES, IxcClient
from desktop.ixc.errors import (
    IxcBadResponseError,
    IxcDeadlineError,
    IxcRedirectError,
    IxcResponseTooLargeError,
    IxcWrongUrlError,
)
from desktop.ixc.models import Section
from desktop.ixc.record_json import lookup_to_json
from desktop.ixc.records import IxcService
from desktop.store.database import open_database
from desktop.store.phone_index import PhoneIndex
from desktop.ui.customer_card import CustomerCard

T = TypeVar("T")

NOT_IN_TIME = "IXC não respondeu a tempo"
DEADLINE_S = 2.0            # the request / lookup deadline these tests configure
MARGIN_S = 6.0              # generous: a loaded 2-core box, while a trickle takes minutes
OUTER_S = 30.0              # the old code hung here for minutes: fail instead
EM_DIA = DEMO_NUMBERS["em_dia"].number


def fixed_clock() -> datetime:
    return datetime(2026, 3, 10, 9, 30)


async def bounded(work: Awaitable[T]) -> T:
    return await asyncio.wait_for(work, OUTER_S)


@pytest.fixture
def sim() -> Iterator[SimulatorHandle]:
    with start_simulator() as handle:
        yield handle


@pytest.fixture
def proxy(sim: SimulatorHandle) -> Iterator[HostileProxy]:
    hostile = HostileProxy(sim.port)
    try:
        yield hostile
    finally:
        hostile.stop()


def make_client(proxy: HostileProxy, **options: float) -> IxcClient:
    settings = {"max_concurrency": 8, "timeout_s": 10.0, "deadline_s": DEADLINE_S, **options}
    return IxcClient(proxy.url, DEMO_TOKEN, max_concurrency=int(settings["max_concurrency"]),
                     timeout_s=settings["timeout_s"], deadline_s=settings["deadline_s"],
                     max_body_bytes=int(settings.get("max_body_bytes", 16 * 1024 * 1024)))


@pytest.fixture
async def client(proxy: HostileProxy) -> AsyncIterator[IxcClient]:
    c = make_client(proxy)
    try:
        yield c
    finally:
        await c.aclose()


def service_for(client: IxcClient, index: PhoneIndex | None = None,
                **options: float) -> IxcService:
    return IxcService(client, index, clock=fixed_clock, **options)  # type: ignore[arg-type]


def tab_texts(card: CustomerCard, section: Section) -> list[str]:
    card.ensure_built(section)
    page = card._pages[card.tab_index(section)].widget()
    assert page is not None
    return [label.text() for label in page.findChildren(QLabel)]


# --- slow: a table that trickles its answer -------------------------------------------------

async def test_trickling_section_gives_up_and_the_card_completes(
        proxy: HostileProxy, client: IxcClient, qtbot: QtBot) -> None:
    """su_ticket sends a byte every 0.5 s (its ~2 KB answer would take ~20 min): the read
    timeout (10 s) never trips; the request's 2 s deadline ends it, the rest of the card
    shows, and the card's Atendimentos tab says why it is empty."""
    proxy.set("su_ticket", "trickle", interval_s=0.5)
    service = service_for(client)
    started = time.monotonic()
    result = await bounded(service.lookup(EM_DIA))
    elapsed = time.monotonic() - started
    assert elapsed < DEADLINE_S + MARGIN_S
    record = result.matches[0]
    assert record.complete
    assert set(record.errors) == {Section.TICKETS}
    assert record.errors[Section.TICKETS].startswith(NOT_IN_TIME)
    assert record.contracts and record.invoices and record.connections

    card = CustomerCard()
    qtbot.addWidget(card)
    card.set_record(record)
    assert card.tabs.tabText(card.tab_index(Section.TICKETS)).endswith("⚠")
    assert any(t.startswith(NOT_IN_TIME) for t in tab_texts(card, Section.TICKETS))
    assert not any(NOT_IN_TIME in t for t in tab_texts(card, Section.INVOICES))


async def test_lookup_deadline_frees_the_slots_of_a_sick_table(proxy: HostileProxy) -> None:
    """With a generous per-request deadline (30 s) the lookup's own deadline (2 s) bounds the
    card; the trickling request is dropped, so its slot comes back. Three lookups in a row on
    a client with 2 slots: a leaked slot per lookup would freeze the third."""
    async with make_client(proxy, max_concurrency=2, deadline_s=30.0) as c:
        service = service_for(c, lookup_deadline_s=DEADLINE_S)
        await bounded(service.warm_up())          # reference tables, so sections need 1 slot
        proxy.set("su_ticket", "trickle", interval_s=0.5)
        for key in ("em_dia", "bloqueio_automatico", "os_aberta"):
            started = time.monotonic()
            result = await bounded(service.lookup(DEMO_NUMBERS[key].number))
            assert time.monotonic() - started < DEADLINE_S + MARGIN_S
            record = result.matches[0]
            assert set(record.errors) == {Section.TICKETS}, record.errors
            assert record.errors[Section.TICKETS].startswith(NOT_IN_TIME)
        # every trickling connection was closed by the client (the proxy saw it break)
        assert wait_until(lambda: len(proxy.log.bytes_sent) == len(proxy.log.requests))


async def test_a_trickling_request_raises_the_deadline_error(proxy: HostileProxy,
                                                            client: IxcClient) -> None:
    proxy.set("cliente", "trickle", interval_s=0.5)
    started = time.monotonic()
    with pytest.raises(IxcDeadlineError, match=NOT_IN_TIME):
        await bounded(client.list("cliente", rp=50))
    assert time.monotonic() - started < DEADLINE_S + MARGIN_S


# --- huge: bodies without bounds ------------------------------------------------------------

async def test_an_endless_body_stops_at_the_cap(proxy: HostileProxy) -> None:
    """200 MB of rows (6 GB in production tests would only be slower): the client stops
    reading past 1 MB; the proxy could push only what the socket buffers held."""
    proxy.set("cliente", "huge", huge_bytes=200 * 1024 * 1024)
    async with make_client(proxy, max_body_bytes=1024 * 1024) as c:
        with pytest.raises(IxcResponseTooLargeError, match="grande demais"):
            await bounded(c.list("cliente"))
    assert wait_until(lambda: len(proxy.log.bytes_sent) == 1)
    assert proxy.log.bytes_sent[0] < 64 * 1024 * 1024


async def test_a_gzip_bomb_is_refused_with_bounded_memory(proxy: HostileProxy) -> None:
    """~300 KB of gzip that inflates to 300 MB of JSON whitespace (the same bomb at 5 GB only
    takes longer to send): memory stays within a few MB of the 1 MB cap."""
    proxy.set("cliente", "gzip_bomb", bomb_bytes=300 * 1024 * 1024)
    async with make_client(proxy, max_body_bytes=1024 * 1024) as c:
        tracemalloc.start()
        try:
            with pytest.raises(IxcResponseTooLargeError, match="grande demais"):
                await bounded(c.list("cliente"))
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 32 * 1024 * 1024


async def test_a_server_ignoring_rp_costs_one_bounded_lookup(proxy: HostileProxy,
                                                            client: IxcClient) -> None:
    """Every cliente search answers 9 000 rows (clones of the caller, all with the number):
    rows past ``rp`` are dropped, only the first ranked matches are loaded in full."""
    proxy.set("cliente", "ignore_rp", rows=9000)
    page = await bounded(client.list("cliente", rp=20))
    assert len(page.rows) == 20
    proxy.log.requests.clear()
    result = await bounded(service_for(client).lookup(EM_DIA))
    assert 5 <= len(result.matches) <= 10
    assert result.more_matches > 0
    # 4 searches + 5 sections per loaded match + 4 reference tables (+1 second OS read each)
    assert len(proxy.log.requests) <= 4 + 6 * len(result.matches) + 4


async def test_ignored_page_and_lying_total_end_the_warm_up(
        sim: SimulatorHandle, proxy: HostileProxy, client: IxcClient) -> None:
    """page ignored (always page 1) and total "999999": the second page brings nothing new,
    so the index build stops there instead of walking 2 000 pages."""
    for i in range(520):            # more than one 500-row page
        sim.insert("cliente", {"razao": f"Cliente {i}", "fone": f"(11) 3{i:03d}-0000"})
    proxy.set("*", "ignore_page", total=999_999)
    index = PhoneIndex(open_database(":memory:"), proxy.url)
    await bounded(service_for(client, index).warm_up())
    assert proxy.log.tables().count("cliente") == 2
    assert len(index.candidates(EM_DIA[-8:])) >= 1


async def test_endless_new_pages_stop_at_the_page_cap(proxy: HostileProxy,
                                                      client: IxcClient) -> None:
    """Each page renumbers its rows, so every page looks new, and total says 999999: the walk
    stops after MAX_PAGES requests."""
    proxy.set("cliente", "renumber", total=999_999)
    rows = await bounded(client.list_all("cliente", rp=2))
    assert proxy.log.tables().count("cliente") == MAX_PAGES
    assert len(rows) == 2 * MAX_PAGES


# --- many customers on one number -----------------------------------------------------------

SHARED = "+5511970000300"


def add_sharing_customers(sim: SimulatorHandle, count: int) -> set[str]:
    return {sim.insert("cliente", {"razao": f"Condomínio apto {i:03d}", "ativo": "S",
                                   "fone": "(11) 97000-0300"}) for i in range(count)}


async def test_three_hundred_sharing_a_number_searched(
        sim: SimulatorHandle, proxy: HostileProxy, client: IxcClient) -> None:
    ids = add_sharing_customers(sim, 300)
    service = service_for(client)
    result = await bounded(service.lookup(SHARED))
    assert 5 <= len(result.matches) <= 10 and all(r.complete for r in result.matches)
    assert result.more_matches == 300 - len(result.matches)   # not silently cut at 21
    loaded = {str(r.customer.id) for r in result.matches}
    assert loaded | {str(m.id) for m in result.more} <= ids
    assert len(proxy.log.requests) <= 4 + 6 * 10 + 4
    # a line of the list loads on demand
    chosen = result.more[0]
    record = await bounded(service.record_for(chosen.id))
    assert record.customer.id == chosen.id and record.complete
    data = lookup_to_json(result)
    assert data["more_matches"] == result.more_matches
    assert data["more"][0]["id"] == str(chosen.id)


async def test_three_hundred_sharing_a_number_indexed(
        sim: SimulatorHandle, proxy: HostileProxy, client: IxcClient) -> None:
    """The index knows all 300: instead of 300 × 6 requests, the 4 searches rank them and only
    the first ones load (was 1 806 requests)."""
    add_sharing_customers(sim, 300)
    index = PhoneIndex(open_database(":memory:"), proxy.url)
    service = service_for(client, index)
    await bounded(service.warm_up())
    proxy.log.requests.clear()
    result = await bounded(service.lookup(SHARED))
    assert len(proxy.log.requests) <= 4 + 6 * 10
    assert result.more_matches == 300 - len(result.matches)
    proxy.log.requests.clear()
    found = await bounded(service.search("(11) 97000-0300"))
    assert len(found) == 20          # the pick list's limit
    assert len(proxy.log.requests) <= 4   # the searches, no customer read per indexed id


# --- wrong: redirects, HTML, junk ------------------------------------------------------------

class Listener:
    """Another host (a bare TCP listener) recording whatever reaches it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(0.2)
        self.received = b""
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _run(self) -> None:
        while not self.done.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                with contextlib.suppress(OSError):
                    self.received += conn.recv(65536)

    def stop(self) -> None:
        self.done.set()
        self.thread.join(timeout=2)
        self.sock.close()


async def test_a_redirect_is_not_followed_and_the_token_stays(proxy: HostileProxy,
                                                              client: IxcClient) -> None:
    elsewhere = Listener()
    try:
        proxy.set("*", "redirect", location=f"{elsewhere.url}/webservice/v1/cliente")
        with pytest.raises(IxcRedirectError, match="redirecionou") as caught:
            await bounded(client.list("cliente"))
        assert caught.value.fatal
        assert elsewhere.url in caught.value.message
        time.sleep(0.3)
        assert elsewhere.received == b""
    finally:
        elsewhere.stop()


async def test_an_html_page_is_the_wrong_url(proxy: HostileProxy, client: IxcClient) -> None:
    proxy.set("*", "html")
    with pytest.raises(IxcWrongUrlError, match="página HTML"):
        await bounded(client.list("cliente"))


async def test_junk_json_is_a_bad_response(proxy: HostileProxy, client: IxcClient) -> None:
    proxy.set("*", "junk_json")
    with pytest.raises(IxcBadResponseError, match="Resposta inesperada do IXC"):
        await bounded(client.list("cliente"))


async def test_wrong_value_types_still_make_a_complete_card(proxy: HostileProxy,
                                                            client: IxcClient) -> None:
    """Numbers for numeric strings, null for empty ones, nested objects and lists, a bare
    number among the rows: values are coerced at the edge, the card is complete."""
    proxy.set("*", "wrong_types")
    result = await bounded(service_for(client).lookup(EM_DIA))
    record = result.matches[0]
    assert record.complete and not record.errors
    assert record.customer.id == 101 and record.customer.name
    assert record.contracts and record.invoices


async def test_rows_as_an_object_are_read_as_a_list(proxy: HostileProxy,
                                                    client: IxcClient) -> None:
    proxy.set("*", "rows_as_object")
    result = await bounded(service_for(client).lookup(EM_DIA))
    record = result.matches[0]
    assert record.complete and not record.errors and record.contracts
