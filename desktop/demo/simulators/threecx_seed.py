"""Rows the 3CX XAPI simulator starts with: a desk of agents, its queues, queue calls for the
reports, and a small WAV for every recording. Deterministic for a given "today" (never the real
date), so tests and the benchmark get the same month every time."""

from __future__ import annotations

import io
import math
import random
import struct
import wave
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

QUEUES = (("800", "Suporte Técnico", 30), ("801", "Financeiro", 60))


@dataclass(frozen=True)
class QueueCall:
    """One call through a queue: who took it (``""`` = abandoned), how long it waited/talked."""

    queue: str
    agent: str
    caller: str
    start: datetime
    wait_s: int
    talk_s: int

    @property
    def answered(self) -> bool:
        return bool(self.agent)


@dataclass
class ThreecxSeed:
    users: list[dict[str, Any]] = field(default_factory=list)
    queues: list[dict[str, Any]] = field(default_factory=list)
    queue_calls: list[QueueCall] = field(default_factory=list)
    recordings: list[dict[str, Any]] = field(default_factory=list)


def recording_wav(seconds: float = 1.0, hz: float = 440.0, rate: int = 8000) -> bytes:
    """A mono 16-bit PCM WAV of a tone: what 3CX's download returns, small enough for tests."""
    frames = bytearray()
    for i in range(int(seconds * rate)):
        frames += struct.pack("<h", int(8000 * math.sin(2 * math.pi * hz * i / rate)))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return out.getvalue()


def iso(moment: datetime, fraction: bool = False) -> str:
    """UTC as 3CX writes it: sometimes with fractional seconds, sometimes ``Z``/``+00:00``."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%f0Z") if fraction else utc.isoformat()


def user_row(user_id: int, number: str, name: str, logged_in: bool) -> dict[str, Any]:
    return {"Id": user_id, "Number": number, "DisplayName": name,
            "QueueStatus": "LoggedIn" if logged_in else "LoggedOut",
            "CurrentProfileName": "Available", "IsRegistered": True}


def build_threecx_seed(today: date, zone: tzinfo, *, agents: int = 6, days: int = 7,
                       calls_per_agent_day: int = 12, first_extension: int = 201,
                       seed: int = 15) -> ThreecxSeed:
    """``agents`` extensions from ``first_extension``, both queues, ``days`` days up to today."""
    rng = random.Random(seed)
    data = ThreecxSeed()
    names = ["Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabi", "Hugo", "Iara", "João"]
    extensions = [str(first_extension + i) for i in range(agents)]
    for i, ext in enumerate(extensions):
        data.users.append(user_row(i + 1, ext, f"{names[i % len(names)]} {i + 1}", i % 3 != 2))
    for i, (number, name, sla) in enumerate(QUEUES):
        data.queues.append({"Id": 100 + i, "Number": number, "Name": name, "SLATime": sla,
                            "WrapUpTime": 15, "PollingStrategy": "RingAll",
                            "Agents": [{"Id": j + 1, "Number": e,
                                        "Name": data.users[j]["DisplayName"]}
                                       for j, e in enumerate(extensions)]})
    for back in range(days):
        day = today - timedelta(days=back)
        for ext in extensions:
            for _ in range(calls_per_agent_day):
                start = datetime.combine(day, time(8), zone) + timedelta(
                    seconds=rng.randrange(10 * 3600))
                queue = QUEUES[0][0] if rng.random() < 0.7 else QUEUES[1][0]
                abandoned = rng.random() < 0.08
                data.queue_calls.append(QueueCall(
                    queue=queue, agent="" if abandoned else ext,
                    caller=f"+55119{rng.randrange(10**7, 10**8)}", start=start,
                    wait_s=rng.randrange(5, 90), talk_s=0 if abandoned else rng.randrange(30, 600)))
    data.queue_calls.sort(key=lambda c: c.start)
    return data
