"""``[attendance] unknown_caller``: off by default, "lead_opa" and "lead_ixc" accepted, anything
else refused in pt-BR with the accepted values."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.settings.model import ConfigError, load_settings, parse_settings


def test_unknown_caller_defaults_to_off_and_accepts_both_destinations() -> None:
    assert parse_settings({}).attendance.unknown_caller == "off"
    for mode in ("lead_opa", "lead_ixc", "off"):
        chosen = parse_settings({"attendance": {"unknown_caller": mode}})
        assert chosen.attendance.unknown_caller == mode


def test_another_value_is_refused_with_the_accepted_ones() -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings({"attendance": {"unknown_caller": "ixc_prospect"}})
    assert info.value.key == "attendance.unknown_caller"
    assert all(f'"{mode}"' in info.value.message for mode in ("lead_opa", "lead_ixc", "off"))


def test_the_settings_file_may_ask_for_ixc_leads(tmp_path: Path) -> None:
    path = tmp_path / "ramal.toml"
    path.write_text('[attendance]\nunknown_caller = "lead_ixc"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.attendance.unknown_caller == "lead_ixc" and settings.warnings == ()
