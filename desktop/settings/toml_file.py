"""Saving the settings the agent edited: the TOML file without secrets, secrets to the keyring.

``tomllib`` only reads, so :func:`dump_toml` writes the small subset Ramal's file uses (tables of
strings, numbers and booleans, and the ``[[sectors]]`` array of tables). Secrets never reach the
file: :func:`split_secrets` moves them to a :class:`SecretStore` (the OS keyring in production, a
dict in the demo and the tests); a keyring that refuses is an error the agent sees, not a silent
fallback to plain text.

The file is replaced atomically (a crash leaves the old or the new file, never half of one), and
the replacement keeps the old file's permissions; a new file is 0600 in a 0700 folder.
"""

from __future__ import annotations

import copy
import math
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from desktop.i18n import tr
from desktop.privacy.files import (
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    open_private_for_writing,
)
from desktop.settings.model import (
    KEYRING_SERVICE,
    IxcSettings,
    OpaSettings,
    Sector,
    SipSettings,
    default_config_path,
    secret_key_discord,
    secret_key_ixc,
    secret_key_opa,
    secret_key_sip,
)

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
    # Ramal's own config folder is made private; another existing folder the user chose with
    # --config (their home folder...) keeps its mode
    ensure_private_dir(path.parent,
                       narrow_existing=path.parent == default_config_path().parent)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = open_private_for_writing(tmp, _mode_to_keep(path))
    with open(fd, "w", encoding="utf-8") as out:
        out.write(dump_toml(doc))
    os.replace(tmp, path)


def _mode_to_keep(path: Path) -> int:
    """The settings file's current permissions (an IT person may have chosen 0640 for a group of
    agents), or 0600 for a new file: the replace must not reset them to the umask's 0644."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return PRIVATE_FILE_MODE
