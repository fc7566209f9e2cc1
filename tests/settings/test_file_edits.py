"""Saving edits the IT person's file in place: comments, blank lines and key order stay, the
changed value is replaced where it is, secrets leave the file, keys Ramal does not know stay."""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop.settings.toml_file import MemorySecretStore, merged_toml, save_settings_document

COMMENTED = """\
# Configuração do Ramal — TI do provedor
version = 1

# o 3CX da matriz
[sip]
extension = "101"   # ramal da Ana
server = "pbx.provedor.com.br"
password = "no-arquivo"
apelido = "mesa 3"

# setores para onde o caso vai
[[sectors]]
name = "Suporte Técnico"
transfer_to = "801"   # fila do suporte

[[sectors]]
name = "Financeiro"
transfer_to = "802"
"""

FORM = {
    "sip": {"server": "pbx.provedor.com.br", "extension": "102", "port": 5060,
            "password": "no-arquivo", "keepalive_s": 30},
    "sectors": [{"name": "Suporte Técnico", "transfer_to": "801"},
                {"name": "Financeiro", "transfer_to": "805",
                 "discord_webhook": "https://discord.com/api/webhooks/1/t"}],
}


def test_a_commented_file_keeps_its_comments_order_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "ramal.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    store = MemorySecretStore()
    save_settings_document(FORM, path, store)
    text = path.read_text(encoding="utf-8")
    assert text == """\
# Configuração do Ramal — TI do provedor
version = 1

# o 3CX da matriz
[sip]
extension = "102"   # ramal da Ana
server = "pbx.provedor.com.br"
apelido = "mesa 3"
keepalive_s = 30

# setores para onde o caso vai
[[sectors]]
name = "Suporte Técnico"
transfer_to = "801"   # fila do suporte

[[sectors]]
name = "Financeiro"
transfer_to = "805"
"""
    # the password and the webhook went to the keyring; port = 5060 is the default: not added
    assert store.values == {"sip:102@pbx.provedor.com.br": "no-arquivo",
                            "discord:Financeiro": "https://discord.com/api/webhooks/1/t"}


def test_sectors_removed_and_added_in_the_form() -> None:
    one = {"sip": FORM["sip"], "sectors": [{"name": "Comercial", "transfer_to": "803"}]}
    text = merged_toml(COMMENTED, one)
    assert tomllib.loads(text)["sectors"] == [{"name": "Comercial", "transfer_to": "803"}]
    assert "# setores para onde o caso vai" in text
    three = {"sip": FORM["sip"], "sectors": [*FORM["sectors"], {"name": "Plantão"}]}
    assert [s["name"] for s in tomllib.loads(merged_toml(COMMENTED, three))["sectors"]] == [
        "Suporte Técnico", "Financeiro", "Plantão"]
    assert "sectors" not in tomllib.loads(merged_toml(COMMENTED, {"sip": FORM["sip"]}))


def test_a_new_file_and_a_broken_one_are_written_whole() -> None:
    for current in (None, "[sip\nserver = "):
        parsed = tomllib.loads(merged_toml(current, FORM))
        assert parsed["version"] == 1
        assert parsed["sip"]["port"] == 5060 and parsed["sip"]["extension"] == "102"
        assert parsed["sectors"][1]["transfer_to"] == "805"
