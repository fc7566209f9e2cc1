"""``[attendance] unknown_caller``: off by default, "lead_opa" accepted, anything else refused in
pt-BR with the accepted values."""

from __future__ import annotations

import pytest

from desktop.settings.model import ConfigError, parse_settings


def test_unknown_caller_defaults_to_off_and_accepts_lead_opa() -> None:
    assert parse_settings({}).attendance.unknown_caller == "off"
    chosen = parse_settings({"attendance": {"unknown_caller": "lead_opa"}})
    assert chosen.attendance.unknown_caller == "lead_opa"


def test_another_value_is_refused_with_the_accepted_ones() -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings({"attendance": {"unknown_caller": "ixc_prospect"}})
    assert info.value.key == "attendance.unknown_caller"
    assert '"lead_opa"' in info.value.message and '"off"' in info.value.message
