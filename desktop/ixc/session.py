"""One IXC tenant for a long-running process (the agent, the desk app): client, phone index and
:class:`IxcService` built from the settings, warmed up in the background, closed at exit.

``start()`` never blocks: the reference tables and the phone index load as a background task,
so SIP registration and the first events are not delayed; a call that rings before the warm-up
ends is simply looked up live (searched). ``aclose()`` cancels what is still running and closes
the HTTP client's connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from pathlib import Path

from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcError
from desktop.ixc.models import CustomerMatch, CustomerRecord, LookupResult
from desktop.ixc.outage import detector_for
from desktop.ixc.records import IxcService, RecordCallback
from desktop.settings.model import IxcSettings, OutageSettings
from desktop.store.database import default_database_path, open_database
from desktop.store.phone_index import PhoneIndex

log = logging.getLogger(__name__)


class IxcSession:
    def __init__(self, settings: IxcSettings, *,
                 database_path: Path | str | None = None,
                 outage: OutageSettings | None = None) -> None:
        self.client = IxcClient.from_settings(settings)
        index: PhoneIndex | None
        path = database_path if database_path is not None else default_database_path()
        try:
            index = PhoneIndex(open_database(path), self.client.url)
        except (OSError, sqlite3.Error) as exc:  # an unusable database only costs the index
            log.warning("phone index unavailable: %s", exc)
            index = None
        self.service = IxcService(self.client, index,
                                  outage=detector_for(self.client, outage or OutageSettings()))
        self._warm_up: asyncio.Task[None] | None = None

    def start(self) -> asyncio.Task[None]:
        """Start the warm-up (reference tables + phone index) in the background, once."""
        if self._warm_up is None:
            self._warm_up = asyncio.ensure_future(self._warm())
        return self._warm_up

    async def _warm(self) -> None:
        try:
            await self.service.warm_up()
        except IxcError as exc:  # lookups still work, searched live; the next start retries
            log.warning("IXC warm-up failed: %s", exc.message)

    async def lookup(self, number: str, on_update: RecordCallback | None = None
                     ) -> LookupResult:
        self.start()
        return await self.service.lookup(number, on_update)

    async def search(self, text: str, limit: int = 20) -> list[CustomerMatch]:
        self.start()
        return await self.service.search(text, limit)

    async def record_for(self, customer_id: int | str,
                         on_update: RecordCallback | None = None) -> CustomerRecord:
        self.start()
        return await self.service.record_for(customer_id, on_update)

    async def aclose(self) -> None:
        if self._warm_up is not None and not self._warm_up.done():
            self._warm_up.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warm_up
        await self.service.aclose()
