"""Queue login rules without Qt: which code, which way, when to warn at the start of a shift."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.settings.model import ConfigError, ThreecxSettings, parse_settings
from desktop.threecx.models import QueueStatus
from desktop.threecx.queue_login import (
    QueueState,
    can_change,
    dial_code,
    shift_warning_due,
    state_of,
    uses_xapi,
)

SP = ZoneInfo("America/Sao_Paulo")
CODES = ThreecxSettings(queue_login_code="*62", queue_logout_code="*63", shift_start="08:00")


def test_dial_codes_come_from_the_settings() -> None:
    assert dial_code(CODES, True) == "*62" and dial_code(CODES, False) == "*63"
    assert can_change(CODES) and not uses_xapi(CODES)
    assert not can_change(ThreecxSettings())
    xapi = ThreecxSettings(url="https://pbx.example.com", client_id="api", client_secret="s")
    assert uses_xapi(xapi) and can_change(xapi)
    assert not uses_xapi(ThreecxSettings(url="https://pbx.example.com", client_id="api"))


def test_xapi_status_maps_to_the_desk_state() -> None:
    assert state_of(QueueStatus.LOGGED_IN) is QueueState.LOGGED_IN
    assert state_of(QueueStatus.LOGGED_OUT) is QueueState.LOGGED_OUT
    assert state_of(None) is QueueState.UNKNOWN


@pytest.mark.parametrize(("hour", "state", "warned_on", "due"), [
    (7, QueueState.LOGGED_OUT, "", False),            # before the shift
    (8, QueueState.LOGGED_OUT, "", True),
    (9, QueueState.UNKNOWN, "", True),                # dial codes only: not known to be in
    (9, QueueState.LOGGED_IN, "", False),
    (9, QueueState.LOGGED_OUT, "2026-03-04", False),  # already warned today
    (9, QueueState.LOGGED_OUT, "2026-03-03", True),   # warned yesterday
])
def test_the_shift_warning(hour: int, state: QueueState, warned_on: str, due: bool) -> None:
    now = datetime(2026, 3, 4, hour, 5, tzinfo=SP)
    assert shift_warning_due(now, CODES, state, warned_on) is due
    assert not shift_warning_due(now, ThreecxSettings(), state, warned_on)


def test_the_threecx_section_is_validated_in_portuguese() -> None:
    settings = parse_settings({"threecx": {"queue_login_code": "*62", "queue_logout_code": "*63",
                                           "supervisor": True}})
    assert settings.threecx.supervisor and settings.threecx.queue_login_code == "*62"
    with pytest.raises(ConfigError, match="código de discagem"):
        parse_settings({"threecx": {"queue_login_code": "*62; rm"}})
    with pytest.raises(ConfigError, match="HH:MM"):
        parse_settings({"threecx": {"shift_start": "8h"}})
    with pytest.raises(ConfigError, match="https://"):
        parse_settings({"threecx": {"url": "http://pbx.example.com", "client_id": "a"}})
    with pytest.raises(ConfigError, match="Client ID"):
        parse_settings({"threecx": {"url": "https://pbx.example.com"}})


def test_the_secret_comes_from_the_keyring_and_is_redacted() -> None:
    from desktop.settings.model import redact, resolve_secrets

    settings = parse_settings({"threecx": {"url": "https://pbx.example.com",
                                           "client_id": "api"}})
    seen: list[tuple[str, str]] = []

    def read(service: str, key: str) -> str | None:
        seen.append((service, key))
        return "k3y-from-the-keyring" if key == "threecx:https://pbx.example.com:api" else None

    resolved = resolve_secrets(settings, read)
    assert resolved.threecx.client_secret == "k3y-from-the-keyring"
    assert "k3y-from-the-keyring" not in redact("secret k3y-from-the-keyring here", resolved)
