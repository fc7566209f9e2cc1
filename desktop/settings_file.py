"""Saving the settings the agent edited: the TOML file without secrets, secrets to the keyring.

``tomllib`` only reads, so :func:`dump_toml` writes the small subset Ramal's file uses (tables of
strings, numbers and booleans, and the ``[[sectors]]`` array of tables). Secrets never reach the
file: :func:`split_secrets` moves them to a :class:`SecretStore` (the OS keyring in production, a
dict in the demo and the tests); a keyring that refuses is an error the agent sees, not a silent
fallback to plain text.
"""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from desktop.config import (
    KEYRING_SERVICE,
    IxcSettings,
    OpaSettings,
    Sector,
    SipSettings,
    secret_key_discord,
    secret_key_ixc,
    secret_key_opa,
    secret_key_sip,
)
from desktop.i18n import tr

_CONTEXT = "settings_file"


class SecretStore(Protocol):
    def set(self, key: str, value: str) -> None: ...


class KeyringSecretStore:
    def set(self, key: str, value: str) -> None:
        import keyring

        keyring.set_password(KEYRING_SERVICE, key, value)


class MemorySecretStore:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def set(self, key: str, value: str) -> None:
        self.values[key] = value


class SecretStoreError(Exception):
    pass


def _toml_string(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a TOML number: {value!r}")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _key(name: str) -> str:
    return name if name.replace("_", "").replace("-", "").isalnum() else _toml_string(name)


def dump_toml(document: Mapping[str, Any]) -> str:
    lines: list[str] = ["# Ramal: configurações (senhas e tokens ficam no chaveiro do sistema)", ""]
    for section, table in document.items():
        if isinstance(table, list):
            for item in table:
                lines.append(f"[[{_key(section)}]]")
                lines += [f"{_key(k)} = {_toml_value(v)}" for k, v in item.items()]
                lines.append("")
        else:
            lines.append(f"[{_key(section)}]")
            lines += [f"{_key(k)} = {_toml_value(v)}" for k, v in table.items()]
            lines.append("")
    return "\n".join(lines)


def split_secrets(document: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The document without secret values, and ``{keyring key: secret}`` for the non-empty ones."""
    doc: dict[str, Any] = copy.deepcopy(dict(document))
    secrets: dict[str, str] = {}
    sip = doc.get("sip", {})
    if sip.get("password"):
        key = secret_key_sip(SipSettings(server=sip.get("server", ""),
                                         extension=sip.get("extension", ""),
                                         auth_id=sip.get("auth_id", "")))
        secrets[key] = sip["password"]
    sip.pop("password", None)
    ixc, opa = doc.get("ixc", {}), doc.get("opa", {})
    if ixc.get("token") and ixc.get("url"):
        secrets[secret_key_ixc(IxcSettings(url=ixc["url"]))] = ixc["token"]
    if opa.get("token") and opa.get("url"):
        secrets[secret_key_opa(OpaSettings(url=opa["url"]))] = opa["token"]
    ixc.pop("token", None)
    opa.pop("token", None)
    for sector in doc.get("sectors", []):
        if sector.get("discord_webhook"):
            secrets[secret_key_discord(Sector(name=sector["name"]))] = sector["discord_webhook"]
        sector.pop("discord_webhook", None)
    return doc, secrets


def save_settings_document(document: Mapping[str, Any], path: Path, store: SecretStore) -> None:
    """Secrets to ``store`` first (a refusing keyring leaves the file untouched), then the file."""
    doc, secrets = split_secrets(document)
    for key, value in secrets.items():
        try:
            store.set(key, value)
        except Exception as exc:  # keyring backends raise their own types
            raise SecretStoreError(tr(
                _CONTEXT, "O chaveiro do sistema recusou guardar a senha ({key}): {reason}. "
                          "Nada foi salvo.").format(key=key, reason=exc)) from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(dump_toml(doc), encoding="utf-8")
    os.replace(tmp, path)
