"""Saving the settings the agent edited: the TOML file without secrets, secrets to the keyring.

The file is often written by the ISP's IT person, with comments and an order of their own, so
saving edits the parsed file in place (:mod:`tomlkit`): changed values are replaced where they
are, keys the form leaves out are removed (secrets, emptied sector fields), new keys are added
only when they differ from the default, and keys and sections Ramal does not know are kept (they
are warned about on load). The file's format version is brought up to date on the way
(:mod:`desktop.settings.upgrades`). Sectors and checklist rules are matched by position: the
n-th ``[[sectors]]`` (``[[checklist_rules]]``) of the form edits the n-th of the file; the
sections the form has no page for (``[outage]``, ``[actions]``) are left as they are.
:func:`dump_toml` writes a small document from scratch (the SIP check's throw-away file).
Secrets never reach the file: :func:`split_secrets` moves them to a :class:`SecretStore` (the OS
keyring in production, a dict in the demo and the tests); a keyring that refuses is an error the
agent sees, not a silent fallback to plain text.

The file is replaced atomically (a crash leaves the old or the new file, never half of one), and
the replacement keeps the old file's permissions; a new file is 0600 in a 0700 folder.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import tomlkit
from tomlkit.items import AoT, Table

from desktop.i18n import tr
from desktop.privacy.files import (
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    open_private_for_writing,
)
from desktop.settings.model import (
    KEYRING_SERVICE,
    AttendanceSettings,
    AudioSettings,
    ChecklistRule,
    IxcSettings,
    OpaSettings,
    Sector,
    SipSettings,
    ThreecxSettings,
    UiSettings,
    default_config_path,
    secret_key_discord,
    secret_key_ixc,
    secret_key_opa,
    secret_key_sip,
    secret_key_threecx,
)
from desktop.settings.upgrades import CURRENT_VERSION, VERSION_KEY, file_version, upgrade_document

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


HEADER = "Ramal: configurações (senhas e tokens ficam no chaveiro do sistema)"


def dump_toml(document: Mapping[str, Any]) -> str:
    lines: list[str] = [f"# {HEADER}", ""]
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
    # the XAPI key is a supervisor's secret: keyring only, never the file
    threecx = doc.get("threecx", {})
    if threecx.get("client_secret") and threecx.get("url") and threecx.get("client_id"):
        key = secret_key_threecx(ThreecxSettings(url=threecx["url"],
                                                 client_id=threecx["client_id"]))
        secrets[key] = threecx["client_secret"]
    threecx.pop("client_secret", None)
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
        out.write(merged_toml(_current_text(path), doc))
    os.replace(tmp, path)


def _current_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# the tables of the file and the fields they accept (the rest of a table is the IT person's)
_TABLES: dict[str, type[Any]] = {"sip": SipSettings, "ixc": IxcSettings, "opa": OpaSettings,
                                 "audio": AudioSettings, "ui": UiSettings,
                                 "threecx": ThreecxSettings, "attendance": AttendanceSettings}
# the arrays of tables the form edits, and the fields of one entry
_LISTS: dict[str, type[Any]] = {"sectors": Sector, "checklist_rules": ChecklistRule}


def merged_toml(current: str | None, document: Mapping[str, Any]) -> str:
    """The file's text ``current`` (None: no file yet) edited to hold ``document``'s values.

    A file that does not parse is replaced whole: it already failed to load, and the agent
    saved the form on purpose.
    """
    parsed: tomlkit.TOMLDocument | None = None
    if current is not None:
        try:
            parsed = tomlkit.parse(current)
            file_version(parsed)
        except (tomlkit.exceptions.TOMLKitError, ValueError):
            parsed = None
    if parsed is None:
        parsed = tomlkit.document()
        parsed.add(tomlkit.comment(HEADER))
        parsed.add(tomlkit.nl())
        parsed[VERSION_KEY] = CURRENT_VERSION
    else:
        upgrade_document(parsed)
        if file_version(parsed) > CURRENT_VERSION:
            # written in this release's format now: a newer Ramal upgrades it again
            parsed[VERSION_KEY] = CURRENT_VERSION
    for section in [*_TABLES, *_LISTS]:
        if section not in document and section in parsed:
            del parsed[section]
    for section, value in document.items():
        if section in _LISTS:
            _merge_list(parsed, section, value, _LISTS[section])
        elif section in _TABLES and isinstance(value, Mapping):
            _merge_table(parsed, section, value, _TABLES[section])
    return tomlkit.dumps(parsed)


def _plain(item: Any) -> Any:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if unwrap is not None else item


def _merge_table(parsed: tomlkit.TOMLDocument, section: str, values: Mapping[str, Any],
                 cls: type[Any]) -> None:
    if not isinstance(parsed.get(section), Table):
        table = tomlkit.table()
        for key, value in values.items():
            table[key] = value
        parsed[section] = table
        return
    table = parsed[section]
    defaults = cls()
    fields = {f.name for f in dataclasses.fields(cls)}
    for key in [k for k in table if k in fields and k not in values]:
        del table[key]                         # a secret now in the keyring
    added: dict[str, Any] = {}
    for key, value in values.items():
        if key in table:
            if _plain(table[key]) != value:
                table[key] = value             # in place: its comment stays
        elif getattr(defaults, key, None) != value:
            added[key] = value
    _append_keys(table, added)


def _append_keys(table: Table, values: Mapping[str, Any]) -> None:
    """New keys after the table's last key, not after the comment that introduces the next
    table (tomlkit keeps that comment at the end of this table's body)."""
    if not values:
        return
    body = table.value.body
    trailing: list[Any] = []
    while body and body[-1][0] is None:
        trailing.insert(0, body.pop())
    for key, value in values.items():
        table[key] = value
    body.extend(trailing)


def _merge_list(parsed: tomlkit.TOMLDocument, name: str, entries: list[Mapping[str, Any]],
                cls: type[Any]) -> None:
    """``[[name]]`` edited to hold ``entries``, the n-th entry in the n-th table."""
    current = parsed.get(name)
    if not isinstance(current, AoT):
        if name in parsed:
            del parsed[name]
        aot = tomlkit.aot()
        for entry in entries:
            table = tomlkit.table()
            for key, value in entry.items():
                table[key] = value
            aot.append(table)
        parsed[name] = aot
        return
    fields = {f.name for f in dataclasses.fields(cls)}
    for i, entry in enumerate(entries):
        if i >= len(current):
            last = current[len(current) - 1] if len(current) else None
            if last is not None and last.value.body and last.value.body[-1][0] is not None:
                last.add(tomlkit.nl())         # a blank line between it and the new one
            table = tomlkit.table()
            for key, value in entry.items():
                table[key] = value
            current.append(table)
            continue
        table = current[i]
        for key in [k for k in table if k in fields and k not in entry]:
            del table[key]                     # emptied in the form, or a webhook in the keyring
        added: dict[str, Any] = {}
        for key, value in entry.items():
            if key not in table:
                added[key] = value
            elif _plain(table[key]) != value:
                table[key] = value
        _append_keys(table, added)
    while len(current) > len(entries):
        del current[len(current) - 1]


def _mode_to_keep(path: Path) -> int:
    """The settings file's current permissions (an IT person may have chosen 0640 for a group of
    agents), or 0600 for a new file: the replace must not reset them to the umask's 0644."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return PRIVATE_FILE_MODE
