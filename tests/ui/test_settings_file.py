from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.settings.model import parse_settings, resolve_secrets
from desktop.settings.toml_file import (
    MemorySecretStore,
    SecretStoreError,
    dump_toml,
    save_settings_document,
)

DOC = {
    "sip": {"server": "pbx.example.com", "port": 5060, "extension": "101",
            "password": 'p"a\\ss\nword', "display_name": "Agente \"1\""},
    "ixc": {"url": "https://ixc.example.com", "token": "12:abc", "verify_tls": True,
            "timeout_s": 7.5},
    "sectors": [{"name": "Suporte técnico", "transfer_to": "2000",
                 "discord_webhook": "https://discord.com/api/webhooks/1/x"}],
}


def test_dump_toml_round_trips() -> None:
    assert tomllib.loads(dump_toml(DOC)) == DOC


def test_secrets_go_to_the_store_never_to_the_file(tmp_path: Path) -> None:
    store = MemorySecretStore()
    path = tmp_path / "ramal.toml"
    save_settings_document(DOC, path, store)
    text = path.read_text(encoding="utf-8")
    assert "word" not in text and "12:abc" not in text and "webhooks" not in text
    assert store.values == {
        "sip:101@pbx.example.com": 'p"a\\ss\nword',
        "ixc:https://ixc.example.com": "12:abc",
        "discord:Suporte técnico": "https://discord.com/api/webhooks/1/x",
    }
    settings = parse_settings(tomllib.loads(text))
    filled = resolve_secrets(settings, read=lambda _svc, key: store.values.get(key))
    assert filled.sip.password == 'p"a\\ss\nword'
    assert filled.ixc.token == "12:abc"


def test_a_refusing_keyring_saves_nothing(tmp_path: Path) -> None:
    class Refusing:
        def set(self, key: str, value: str) -> None:
            raise RuntimeError("locked")

    path = tmp_path / "ramal.toml"
    with pytest.raises(SecretStoreError, match="Nada foi salvo"):
        save_settings_document(DOC, path, Refusing())
    assert not path.exists()
