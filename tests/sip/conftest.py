"""Fixtures for the SIP tests: our Kamailio, the in-process engine, and an event recorder."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sip_testbed import HOST, USERS, Pbx

from desktop.settings.model import SipSettings


class EventLog:
    """Thread-safe list of engine events with a blocking ``wait_for``."""

    def __init__(self) -> None:
        self.events: list[tuple[float, Any]] = []
        self._cond = threading.Condition()

    def __call__(self, event: Any) -> None:
        with self._cond:
            self.events.append((time.monotonic(), event))
            self._cond.notify_all()

    def of(self, kind: type, **fields: Any) -> list[Any]:
        with self._cond:
            return [e for _, e in self.events if isinstance(e, kind)
                    and all(getattr(e, k) == v for k, v in fields.items())]

    def wait_for(self, kind: type, timeout: float = 20.0, *, after: int = 0,
                 where: Callable[[Any], bool] | None = None, **fields: Any) -> Any:
        """The first ``kind`` event (from index ``after``) matching ``fields`` and ``where``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for _, event in self.events[after:]:
                    if isinstance(event, kind) and all(
                            getattr(event, k) == v for k, v in fields.items()) and (
                            where is None or where(event)):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = "\n".join(repr(e) for _, e in self.events[-25:])
                    raise AssertionError(f"no {kind.__name__} {fields} in {timeout}s; saw:\n{seen}")
                self._cond.wait(left)

    def mark(self) -> int:
        with self._cond:
            return len(self.events)


def sip_settings(pbx: Pbx, extension: str = "101", **overrides: Any) -> SipSettings:
    auth_id, password = USERS[extension]
    base = SipSettings(server=HOST, port=pbx.port, extension=extension, auth_id=auth_id,
                       password=password, display_name=f"Agente {extension}",
                       bind_address=HOST, keepalive_s=0)
    return dataclasses.replace(base, **overrides)


@pytest.fixture
def pbx(tmp_path: Path) -> Iterator[Pbx]:
    server = Pbx(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class EngineHarness:
    """Builds SipEngines (one at a time: pjsua2 allows one endpoint per process)."""

    def __init__(self) -> None:
        self.engines: list[Any] = []

    def start(self, settings: SipSettings, **kwargs: Any) -> tuple[Any, EventLog]:
        from desktop.sip.engine import SipEngine

        log = EventLog()
        engine = SipEngine(log, **kwargs)
        self.engines.append(engine)
        engine.start(settings).result(10)
        return engine, log

    def close(self) -> None:
        for engine in self.engines:
            assert engine.shutdown(5.0), "engine did not shut down"


@pytest.fixture
def engines() -> Iterator[EngineHarness]:
    harness = EngineHarness()
    try:
        yield harness
    finally:
        harness.close()


@pytest.fixture
def phone(pbx: Pbx, engines: EngineHarness) -> tuple[Any, EventLog]:
    """Extension 101 registered on ``pbx``, in this process."""
    from desktop.sip.events import RegistrationChanged

    engine, log = engines.start(sip_settings(pbx))
    log.wait_for(RegistrationChanged, state="registered")
    return engine, log
