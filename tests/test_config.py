"""Settings: the TOML file, its validation messages, and secrets from the keyring."""

from __future__ import annotations

import math
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop.settings.model import (
    ConfigError,
    Settings,
    load_settings,
    parse_settings,
    redact,
    require_ixc,
    require_sip,
    resolve_secrets,
    secret_key_discord,
    secret_key_ixc,
    secret_key_sip,
)

ROOT = Path(__file__).resolve().parents[1]
FILE_WEBHOOK = "https://discord.com/api/webhooks/42/from-the-file"

FULL = """
[sip]
server = "pbx.provedor.com.br"
port = 5060
transport = "tcp"
extension = "101"
auth_id = "Xy7pQ2"
password = "s3cret"
display_name = "Ana - Suporte"
registrar = "sip:10.0.0.5:5060"
stun = "stun.provedor.com.br:3478"
mode = "companion"

[ixc]
url = "https://erp.provedor.com.br"
token = "12:6a41b053ec"
verify_tls = "/etc/ssl/ixc-ca.pem"
max_concurrency = 2

[[sectors]]
name = "Suporte Técnico"
transfer_to = "801"
ixc_ticket_sector = "2"

[[sectors]]
name = "Financeiro"
transfer_to = "802"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ramal.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_file_is_typed(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, FULL))
    assert settings.sip.transport == "tcp"
    assert settings.sip.effective_auth_id == "Xy7pQ2"
    assert settings.sip.identity_uri == "sip:101@pbx.provedor.com.br"
    assert settings.sip.mode == "companion"
    assert settings.ixc.verify_tls == "/etc/ssl/ixc-ca.pem"
    assert settings.ixc.max_concurrency == 2
    assert [s.name for s in settings.sectors] == ["Suporte Técnico", "Financeiro"]
    assert settings.sector("Financeiro") is not None
    assert settings.sector("Financeiro").transfer_to == "802"  # type: ignore[union-attr]
    assert settings.source == tmp_path / "ramal.toml"


def test_auth_id_defaults_to_extension() -> None:
    settings = parse_settings({"sip": {"server": "pbx", "extension": "102"}})
    assert settings.sip.effective_auth_id == "102"
    assert settings.ixc.verify_tls is True


@pytest.mark.parametrize(
    ("document", "key", "words"),
    [
        ({"sip": {"transport": "sctp"}}, "sip.transport", '"udp", "tcp", "tls"'),
        ({"sip": {"port": "5060"}}, "sip.port", "número inteiro"),
        ({"sip": {"port": 70000}}, "sip.port", "65535"),
        ({"version": "1"}, "version", "um número inteiro"),
        ({"version": -1}, "version", "um número inteiro"),
        ({"sip": {"server": "pbx provedor"}}, "sip.server", "sem espaços"),
        ({"sip": {"registrar": "10.0.0.5"}}, "sip.registrar", "sip:host:porta"),
        ({"sip": {"mode": "desk"}}, "sip.mode", '"softphone", "companion"'),
        ({"ixc": {"url": "erp.provedor.com.br"}}, "ixc.url", "https://"),
        ({"ixc": {"token": "6a41b053ec"}}, "ixc.token", "<id do usuário>:<hash>"),
        ({"ixc": {"verify_tls": 1}}, "ixc.verify_tls", "true ou false"),
        ({"ixc": {"max_concurrency": 0}}, "ixc.max_concurrency", "entre 1 e 16"),
        ({"audio": {"ring_volume": 2}}, "audio.ring_volume", "entre 0 e 1"),
        ({"sectors": {"name": "x"}}, "sectors", "[[sectors]]"),
        ({"sectors": [{"transfer_to": "801"}]}, "sectors[0].name", "obrigatória"),
        ({"sectors": [{"name": "A"}, {"name": "A"}]}, "sectors[1].name", "único"),
        ({"sip": "pbx"}, "sip", "tabela"),
        # TOML's inf and nan are numbers, but no setting means them
        ({"ixc": {"timeout_s": math.inf}}, "ixc.timeout_s", "um número"),
        ({"ixc": {"timeout_s": math.nan}}, "ixc.timeout_s", "um número"),
        ({"ixc": {"timeout_s": 3600}}, "ixc.timeout_s", "no máximo 120"),
        ({"audio": {"ring_volume": -math.inf}}, "audio.ring_volume", "um número"),
        # a token over plain http to another machine can be copied on the way
        ({"ixc": {"url": "http://erp.provedor.com.br"}}, "ixc.url", "inseguro"),
        ({"ixc": {"url": "HTTP://10.0.0.7:8080"}}, "ixc.url", "https://"),
        ({"opa": {"url": "http://provedor.opasuite.com.br"}}, "opa.url", "inseguro"),
        ({"opa": {"url": "provedor.opasuite.com.br"}}, "opa.url", "https://"),
        ({"opa": {"url": "https://"}}, "opa.url", "https://"),
        ({"ixc": {"url": "https://erp:porta"}}, "ixc.url", "https://"),
        ({"sectors": [{"name": "T", "discord_webhook": "discord.com/api/webhooks/1/t"}]},
         "sectors[0].discord_webhook", "https://"),
        ({"sectors": [{"name": "T", "discord_webhook": "minha-chave-do-webhook"}]},
         "sectors[0].discord_webhook", "https://"),
        ({"sectors": [{"name": "T", "discord_webhook": "http://discord.com/api/webhooks/1/t"}]},
         "sectors[0].discord_webhook", "inseguro"),
        ({"sectors": [{"name": "T", "discord_webhook": "https://discord.com/channels/1/2"}]},
         "sectors[0].discord_webhook", "/api/webhooks/<número>/<token>"),
    ],
)
def test_bad_values_name_the_key(document: dict[str, object], key: str, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(document)
    assert info.value.key == key
    assert key in info.value.message
    assert words in info.value.message


@pytest.mark.parametrize("url", [
    "https://erp.provedor.com.br", "HTTPS://ERP.provedor.com.br:8443/", "http://127.0.0.1:8088",
    "http://localhost:8088", "http://[::1]:8088", "http://127.0.0.2",
])
def test_https_anywhere_and_plain_http_only_on_this_pc(url: str) -> None:
    settings = parse_settings({"ixc": {"url": url}, "opa": {"url": url}})
    assert settings.ixc.url == settings.opa.url == url


@pytest.mark.parametrize("webhook", [
    "https://discord.com/api/webhooks/123456789/AbC_d-e",
    "https://discord.com/api/v10/webhooks/123456789/AbC_d-e?thread_id=99",
    "https://ptb.discordapp.com/api/webhooks/1/x/",
    "HTTP://127.0.0.1:9000/api/webhooks/1/SECRET?thread_id=9",
])
def test_webhooks_as_discord_copies_them(webhook: str) -> None:
    settings = parse_settings({"sectors": [{"name": "T", "discord_webhook": webhook}]})
    assert settings.sectors[0].discord_webhook == webhook


def test_inf_timeout_in_a_real_toml_file_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(write(tmp_path, '[ixc]\nurl = "https://erp"\ntimeout_s = inf\n'))
    assert info.value.key == "ixc.timeout_s"


def test_broken_toml_is_one_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="não é um TOML válido"):
        load_settings(write(tmp_path, "[sip\nserver = 'x'"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="não encontrado"):
        load_settings(tmp_path / "nada.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ramal.toml"
    path.write_bytes('[sip]\ndisplay_name = "Jo\xe3o"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_settings(path)


def test_secrets_come_from_the_keyring_when_absent_from_the_file() -> None:
    settings = parse_settings(
        {
            "sip": {"server": "pbx", "extension": "101", "auth_id": "a1"},
            "ixc": {"url": "https://erp"},
            "sectors": [{"name": "Plantão"}, {"name": "Comercial",
                                                  "discord_webhook": FILE_WEBHOOK}],
        }
    )
    store = {
        ("Ramal", secret_key_sip(settings.sip)): "pw",
        ("Ramal", secret_key_ixc(settings.ixc)): "3:abc",
        ("Ramal", secret_key_discord(settings.sectors[0])): "https://hook/1",
        ("Ramal", secret_key_discord(settings.sectors[1])): "keyring-loses",
    }
    resolved = resolve_secrets(settings, lambda service, key: store.get((service, key)))
    assert resolved.sip.password == "pw"
    assert secret_key_sip(settings.sip) == "sip:a1@pbx"
    assert resolved.ixc.token == "3:abc"
    assert resolved.sectors[0].discord_webhook == "https://hook/1"
    assert resolved.sectors[1].discord_webhook == FILE_WEBHOOK


def test_requirements_explain_where_the_secret_goes() -> None:
    settings = parse_settings({"sip": {"server": "pbx", "extension": "101"}})
    with pytest.raises(ConfigError, match="chaveiro") as info:
        require_sip(settings)
    assert info.value.key == "sip.password"
    with pytest.raises(ConfigError, match=r'"ixc\.url"'):
        require_ixc(settings)
    with pytest.raises(ConfigError, match=r'"sip\.server"'):
        require_sip(Settings())


def test_redact_removes_every_secret() -> None:
    settings = parse_settings(
        {
            "sip": {"password": "hunter22"},
            "ixc": {"url": "https://erp", "token": "12:6a41b053ec94"},
            "sectors": [{"name": "T", "discord_webhook": "https://discord.test/api/webhooks/1/tok"}],
        }
    )
    text = "pw=hunter22 auth=12:6a41b053ec94 hash=6a41b053ec94 hook=https://discord.test/api/webhooks/1/tok"
    cleaned = redact(text, settings)
    for secret in ("hunter22", "6a41b053ec94", "webhooks/1/tok"):
        assert secret not in cleaned
    assert cleaned.count("***") == 4


@pytest.mark.parametrize(("text", "secret"), [
    # httpx writes the URL its own way: scheme and host lowercased, wait=true appended
    ("POST http://127.0.0.1:9/api/webhooks/1/SECRETO?thread_id=9&wait=true", "SECRETO"),
    ("POST https://DISCORD.com/API/V10/Webhooks/77/SECRETO", "SECRETO"),
    ("GET /api%2Fwebhooks%2F77%2FSECRETO%3Fwait", "SECRETO"),
    ("Authorization: Basic MTI6NmE0MWIwNTNlYzk0", "MTI6NmE0MWIwNTNlYzk0"),
    ("headers={'authorization': 'Bearer opa-tok-123456'}", "opa-tok-123456"),
    ("Proxy-Authorization: SECRETO-SEM-ESQUEMA", "SECRETO-SEM-ESQUEMA"),
    ('Authorization: Digest username="101", response="6629fae49393a05397450978507c4ef1"',
     "6629fae49393a05397450978507c4ef1"),
    ("GET /v1?token=12:abcdef&page=2", "abcdef"),
    ('{"access_token": "SECRETO"}', "SECRETO"),
    ("https://user:SECRETO@proxy.provedor:3128", "SECRETO"),
])
def test_redact_recognises_secrets_by_shape_not_by_spelling(text: str, secret: str) -> None:
    # the configured secrets are spelled differently (or not configured at all)
    settings = parse_settings({"sectors": [
        {"name": "T", "discord_webhook": "HTTP://127.0.0.1:9/api/webhooks/1/SECRETO?thread_id=9"}]})
    cleaned = redact(text, settings)
    assert secret not in cleaned
    assert "***" in cleaned


def test_redact_keeps_what_diagnosis_needs() -> None:
    text = ('POST http://127.0.0.1:9/api/webhooks/1/x?thread_id=9&wait=true "HTTP/1.1 200 OK" '
            "sip.password = (definido) ixc.token = (vazio) Authorization: Digest username=\"101\"")
    cleaned = redact(text, Settings())
    assert "/api/webhooks/1/***?thread_id=9&wait=true" in cleaned
    assert "(definido)" in cleaned and "(vazio)" in cleaned
    assert 'Digest username="101"' in cleaned


def test_cli_reports_bad_config_without_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, '[sip]\ntransport = "sctp"\n')
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "agent", "--config", str(path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "sip.transport" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_readme_example_is_a_valid_configuration() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    settings = parse_settings(tomllib.loads(block))
    assert settings.sip.extension == "101" and settings.sip.effective_auth_id == "Xy7pQ2"
    assert settings.sectors[0].transfer_to == "801"


def test_outage_section_defaults_and_checks() -> None:
    from desktop.ixc.outage import rules_from_settings
    from desktop.ixc.outage_model import OutageScope
    from desktop.settings.model import ConfigError, parse_settings

    default = parse_settings({})
    assert default.outage.enabled and default.outage.window_min == 15
    rules = rules_from_settings(parse_settings(
        {"outage": {"window_min": 30, "cto_min_logins": 6, "cto_min_percent": 60}}).outage)
    assert rules.window.total_seconds() == 1800
    assert rules.threshold(OutageScope.CTO).min_offline == 6
    assert rules.threshold(OutageScope.CTO).min_share == 0.6
    assert rules.threshold(OutageScope.CONCENTRADOR).min_share == 0.2
    for bad, key in (({"cto_min_percent": 0}, "outage.cto_min_percent"),
                     ({"window_min": 0}, "outage.window_min"),
                     ({"noc_sector": "NOC"}, "outage.noc_sector")):
        try:
            parse_settings({"outage": bad})
        except ConfigError as exc:
            assert exc.key == key
        else:
            raise AssertionError(f"{bad} accepted")


def test_whatsapp_template_variables_are_checked() -> None:
    from desktop.settings.model import parse_settings

    ok = parse_settings({"actions": {"whatsapp_template_id": "m1",
                                     "whatsapp_template_variables": "nome, valor,codigo"}})
    assert ok.actions.whatsapp_template_id == "m1"
    with pytest.raises(ConfigError, match=r"actions\.whatsapp_template_variables") as info:
        parse_settings({"actions": {"whatsapp_template_variables": "nome,cpf"}})
    assert "vencimento" in str(info.value)
