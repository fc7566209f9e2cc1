"""The diagnostic zip: everything support needs, and not one secret."""

from __future__ import annotations

import base64
import logging
import tomllib
import zipfile
from pathlib import Path

import pytest

from desktop.settings.model import Sector, load_settings, resolve_secrets
from desktop.system.diagnostics import export_diagnostics, redact_toml_text
from desktop.system.logging_setup import SecretRedactor, setup_logging

SIP_PASSWORD = "s3nh@-Do-Ramal-101"
IXC_TOKEN = "27:9f8e7d6c5b4a39281706f5e4d3c2b1a0"
OPA_TOKEN = "opa-Bearer-7777abcdef"
WEBHOOK = "https://discord.com/api/webhooks/123456789/AbCdEfGhIjKlMnOp_qrstuv"
KEYRING_WEBHOOK = "https://discord.com/api/webhooks/987654321/keyring-only-SECRET"

CONFIG = f"""
# ramal de teste
[sip]
server = "pbx.example.com.br"
extension = "101"
password = "{SIP_PASSWORD}"   # comentário depois da senha

[ixc]
url = "https://ixc.example.com.br/webservice/v1"
token = '{IXC_TOKEN}'

[opa]
url = "https://opa.example.com.br"
token = "{OPA_TOKEN}"

[[sectors]]
name = "Financeiro"
discord_webhook = "{WEBHOOK}"

[[sectors]]
name = "Suporte"
"""


def _all_secrets() -> list[str]:
    return [SIP_PASSWORD, IXC_TOKEN, IXC_TOKEN.split(":", 1)[1], OPA_TOKEN, WEBHOOK,
            KEYRING_WEBHOOK, base64.b64encode(IXC_TOKEN.encode()).decode()]


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "ramal.toml"
    path.write_text(CONFIG, encoding="utf-8")

    def keyring(service: str, key: str) -> str | None:  # the Suporte webhook lives in the keyring
        return KEYRING_WEBHOOK if key == "discord:Suporte" else None

    return resolve_secrets(load_settings(path), keyring)


def _members(zip_path: Path) -> dict[str, str]:
    with zipfile.ZipFile(zip_path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist()}


def test_no_secret_survives_in_any_member(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    # a log written before the settings were known (so not redacted when written), and a rotated one
    (log_dir / "ramal.log").write_text(
        f"REGISTER com senha {SIP_PASSWORD}\nAuthorization: Basic "
        f"{base64.b64encode(IXC_TOKEN.encode()).decode()}\nwebhook {KEYRING_WEBHOOK}\n",
        encoding="utf-8")
    (log_dir / "ramal.log.1").write_text(f"token={IXC_TOKEN} opa={OPA_TOKEN} {WEBHOOK}\n")
    zip_path = export_diagnostics(tmp_path, settings, log_dir=log_dir,
                                  selftest_report=f"ok sip {SIP_PASSWORD}")
    members = _members(zip_path)
    assert set(members) == {"logs/ramal.log", "logs/ramal.log.1", "config/ramal.toml",
                            "config/settings-effective.txt", "sobre.txt", "selftest.txt"}
    for name, text in members.items():
        for secret in _all_secrets():
            assert secret not in text, f"{secret!r} survived in {name}"
    # and what support needs is still there
    assert "REGISTER com senha ***" in members["logs/ramal.log"]
    assert 'extension = "101"' in members["config/ramal.toml"]
    assert "pjproject" in members["sobre.txt"]
    effective = members["config/settings-effective.txt"]
    assert "sip.password = (definido)" in effective
    assert "sectors[1].discord_webhook = (definido)" in effective
    assert "opa.url" in effective


def test_redacted_config_is_still_valid_toml_with_the_same_keys(settings) -> None:  # type: ignore[no-untyped-def]
    text = redact_toml_text(CONFIG, SecretRedactor(settings))
    data = tomllib.loads(text)
    assert data["sip"]["password"] == "***"
    assert data["ixc"]["token"] == "***"
    assert data["sectors"][0]["discord_webhook"] == "***"
    assert data["sip"]["server"] == "pbx.example.com.br"
    assert "# ramal de teste" in text


def test_secret_keys_are_blanked_even_when_the_settings_do_not_know_them(tmp_path: Path) -> None:
    # a config the app could not parse (so no settings): the key rule alone must hide the value
    text = redact_toml_text('[sip]\npassword = "x9"\n  token="y9"\n', lambda t: t)
    assert "x9" not in text and "y9" not in text


def test_export_into_a_file_path_and_without_logs(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "diag.zip"
    target.parent.mkdir()
    result = export_diagnostics(target, settings, log_dir=tmp_path / "no-logs-here")
    assert result == target
    assert not any(n.startswith("logs/") for n in _members(target))
    assert not list(target.parent.glob("*.part"))


def test_log_files_written_after_setup_are_redacted_at_write_time(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    redactor = setup_logging(logging.DEBUG, log_dir=tmp_path, console=False)
    try:
        log = logging.getLogger("ramal.test")
        log.info("antes das configurações: %s", "nada secreto")
        redactor.update(settings)
        log.info("REGISTER sip:101 senha=%s", SIP_PASSWORD)
        log.debug("GET /cliente Authorization: Basic %s",
                  base64.b64encode(IXC_TOKEN.encode()).decode())
        try:
            raise RuntimeError(f"falha ao postar em {WEBHOOK}")
        except RuntimeError:
            log.exception("Discord recusou")
        log.info("com pilha", stack_info=True)
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        setup_logging(log_dir=tmp_path / "other", console=False)  # detach from tmp_path's file
    text = (tmp_path / "ramal.log").read_text(encoding="utf-8")
    assert "nada secreto" in text and "senha=***" in text and "Discord recusou" in text
    assert "RuntimeError: falha ao postar em ***" in text
    for secret in _all_secrets():
        assert secret not in text


def test_rotation_keeps_a_bounded_number_of_files(tmp_path: Path) -> None:
    import desktop.system.logging_setup as logging_setup

    setup_logging(log_dir=tmp_path, console=False)
    try:
        handler = next(h for h in logging.getLogger().handlers
                       if isinstance(h, logging.handlers.RotatingFileHandler))
        handler.maxBytes = 2000  # rotate quickly; the count limit is what is checked
        log = logging.getLogger("ramal.rotation")
        for i in range(400):
            log.warning("linha %04d %s", i, "x" * 40)
    finally:
        setup_logging(log_dir=tmp_path / "other", console=False)
    files = logging_setup.log_files(tmp_path)
    assert files[0].name == "ramal.log"
    assert len(files) == logging_setup.BACKUP_COUNT + 1
    assert "linha 0399" in files[0].read_text()


def test_sector_dataclass_still_has_the_secret_field_we_blank() -> None:
    # diagnostics lists the secret field names; a rename in config.py must fail here first
    assert "discord_webhook" in Sector.__dataclass_fields__


def test_redactor_follows_settings_that_change_after_setup(settings) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    holder = {"settings": None}
    redactor = SecretRedactor()
    redactor.track(lambda: holder["settings"])
    assert redactor(f"senha {SIP_PASSWORD}") == f"senha {SIP_PASSWORD}"  # nothing known yet
    holder["settings"] = settings
    assert redactor(f"senha {SIP_PASSWORD}") == "senha ***"
    new_sip = dataclasses.replace(settings.sip, password="outra-senha-nova")
    holder["settings"] = dataclasses.replace(settings, sip=new_sip)
    assert redactor("senha outra-senha-nova") == "senha ***"
