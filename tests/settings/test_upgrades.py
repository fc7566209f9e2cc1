"""The settings file's version: an old file upgrades on load and on save, a file from a newer
Ramal or with a key Ramal does not know still loads (with a warning naming the key), while a
wrong value is still refused."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest

from desktop.settings.model import ConfigError, load_settings, parse_settings
from desktop.settings.toml_file import MemorySecretStore, save_settings_document
from desktop.settings.upgrades import CURRENT_VERSION, rename_key, upgrade_document

# a file as the IT person wrote it for the releases before the version number
OLD_FILE = """\
# Ramal da central de suporte (TI: Paulo)

[sip]
server = "pbx.provedor.com.br"  # o 3CX da matriz
extension = "101"

[[sectors]]
name = "Suporte Técnico"
transfer_to = "801"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ramal.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_without_version_loads_and_is_saved_as_the_current_version(
        tmp_path: Path) -> None:
    path = write(tmp_path, OLD_FILE)
    settings = load_settings(path)
    assert settings.sip.server == "pbx.provedor.com.br" and settings.warnings == ()
    document = {"sip": {"server": "pbx.provedor.com.br", "extension": "101"},
                "sectors": [{"name": "Suporte Técnico", "transfer_to": "801"}]}
    save_settings_document(document, path, MemorySecretStore())
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text)["version"] == CURRENT_VERSION
    lines = text.splitlines()
    assert lines[0] == "# Ramal da central de suporte (TI: Paulo)"
    # the number comes before the first table, where a reader of the file looks for it
    assert lines.index(f"version = {CURRENT_VERSION}") < lines.index("[sip]")
    assert 'server = "pbx.provedor.com.br"  # o 3CX da matriz' in lines


def test_steps_run_in_order_from_the_files_version() -> None:
    ran: list[int] = []

    def v1_to_v2(doc: MutableMapping[str, Any]) -> None:
        ran.append(1)
        rename_key(doc, "ixc", "timeout", "timeout_s")

    def v2_to_v3(doc: MutableMapping[str, Any]) -> None:
        ran.append(2)
        rename_key(doc, "ui", "idioma", "language")

    document: dict[str, Any] = {"version": 1, "ixc": {"timeout": 5.0}, "ui": {"idioma": "en"}}
    assert upgrade_document(document, steps={1: v1_to_v2, 2: v2_to_v3}, current=3) == []
    assert ran == [1, 2]
    assert document == {"version": 3, "ixc": {"timeout_s": 5.0}, "ui": {"language": "en"}}
    settings = parse_settings(document)
    assert settings.ixc.timeout_s == 5.0 and settings.ui.language == "en"
    assert settings.warnings == ()


def test_a_file_from_a_newer_ramal_loads_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, f"version = {CURRENT_VERSION + 1}\n" + OLD_FILE
                 + '\n[ixc]\nurl = "https://erp.provedor.com.br"\nnova_chave = 3\n')
    settings = load_settings(path)
    assert settings.sip.extension == "101"
    assert settings.ixc.url == "https://erp.provedor.com.br"
    assert len(settings.warnings) == 2
    assert f"versão {CURRENT_VERSION + 1}" in settings.warnings[0]
    assert '"ixc.nova_chave"' in settings.warnings[1]


def test_an_unknown_key_is_warned_about_by_name_and_the_file_loads(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, OLD_FILE.replace('extension = "101"',
                                            'extension = "101"\npasword = "x"')
                 + "\n[telefonia]\nlinhas = 2\n")
    with caplog.at_level(logging.WARNING, logger="desktop.settings.model"):
        settings = load_settings(path)
    assert settings.sip.extension == "101" and settings.sip.password == ""
    assert settings.warnings == (
        'Chave desconhecida "sip.pasword" ignorada. Chaves aceitas em [sip]: auth_id, '
        'bind_address, display_name, extension, keepalive_s, local_port, mode, password, port, '
        'register_expires_s, registrar, server, stun, transport.',
        'Seção desconhecida "telefonia" ignorada. Seções aceitas: actions, attendance, audio, '
        'ixc, opa, outage, sip, threecx, ui, sectors, checklist_rules.',
    )
    assert '"sip.pasword"' in caplog.text and '"telefonia"' in caplog.text


def test_a_wrong_value_is_still_refused(tmp_path: Path) -> None:
    path = write(tmp_path, OLD_FILE.replace('extension = "101"', 'extension = "101"\nport = "x"'))
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert info.value.key == "sip.port"
    assert info.value.message == ('Valor inválido para "sip.port": \'x\'. '
                                  'Esperado: um número inteiro.')


def test_a_version_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(write(tmp_path, 'version = "um"\n' + OLD_FILE))
    assert info.value.key == "version"
