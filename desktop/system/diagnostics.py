""""Exportar diagnóstico": one zip the agent can send to the ISP's IT person or to support.

Contents (nothing else):
- ``logs/``: ``ramal.log`` and its rotated files, each passed through the redactor again (a log
  line written before the settings were loaded was not redacted when written);
- ``config/ramal.toml``: the configuration file as written, every secret value replaced by
  ``***`` (every key named like ``*password*``, ``*token*``, ``*webhook*``, ``*secret*``, then
  any configured secret that still appears anywhere in the text);
- ``config/settings-effective.txt``: the settings in use, secrets shown only as "definido" /
  "vazio" (so support can tell "no password" from "wrong password");
- ``sobre.txt``: versions of Ramal and its parts (desktop.system.about);
- ``selftest.txt`` when the caller passes a self-test report.

The zip is created 0600 (other local users cannot read it), wherever the agent saves it.
Every member also goes through the pattern redaction (:mod:`desktop.privacy.redaction`), so a
token logged in another spelling than the configured one (``http://`` for ``HTTP://``, with
``&wait=true``) does not survive either.

Secrets are the ones in the resolved settings (file and keyring), plus the HTTP Basic form of
the IXC token; ``tests/test_diagnostics.py`` checks that none of them survives in any member.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.privacy.files import open_private_for_writing
from desktop.settings.model import Settings
from desktop.system.about import collect_about
from desktop.system.logging_setup import SecretRedactor, log_files

# a key whose name contains one of these holds a secret (password, token, discord_webhook, and
# whatever secret a later version adds under such a name)
SECRET_KEY_PARTS = ("password", "token", "webhook", "secret")
_SECRET_LINE = re.compile(
    r"^(?P<key>\s*\w*(?:" + "|".join(SECRET_KEY_PARTS) + r")\w*\s*=\s*)(?P<value>.*)$",
    re.MULTILINE,
)


def is_secret_field(name: str) -> bool:
    return any(part in name for part in SECRET_KEY_PARTS)


def redact_toml_text(text: str, redact: Callable[[str], str]) -> str:
    """The TOML text with secret keys' values blanked and any known secret removed."""
    text = _SECRET_LINE.sub(lambda m: f'{m.group("key")}"***"', text)
    return redact(text)


def effective_settings_text(settings: Settings) -> str:
    """The settings in use, one ``section.key = value`` per line, secrets as definido/vazio."""
    lines: list[str] = []

    def emit(prefix: str, obj: Any) -> None:
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if is_secret_field(f.name):
                shown = "(definido)" if value else "(vazio)"
            elif isinstance(value, str):
                shown = f'"{value}"'
            else:
                shown = repr(value)
            lines.append(f"{prefix}{f.name} = {shown}")

    for section in ("sip", "ixc", "opa", "audio", "ui"):
        emit(f"{section}.", getattr(settings, section))
    for i, sector in enumerate(settings.sectors):
        emit(f"sectors[{i}].", sector)
    lines.append(f"source = {settings.source}")
    return "\n".join(lines) + "\n"


def default_export_name(now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"ramal-diagnostico-{stamp}.zip"


def export_diagnostics(
    destination: Path,
    settings: Settings,
    *,
    log_dir: Path | None = None,
    extra_logs: Sequence[Path] = (),
    selftest_report: str = "",
) -> Path:
    """Write the diagnostic zip to ``destination`` (a file path, or a folder to put it in)."""
    if destination.is_dir():
        destination = destination / default_export_name()
    redact = SecretRedactor(settings)
    temporary = destination.with_name(destination.name + ".part")
    # private: the logs inside name customers and their phones; the agent sends the file on
    with (open(open_private_for_writing(temporary), "wb") as raw_file,
          zipfile.ZipFile(raw_file, "w", compression=zipfile.ZIP_DEFLATED) as archive):
        for path in [*log_files(log_dir), *extra_logs]:
            text = path.read_text(encoding="utf-8", errors="replace")
            archive.writestr(f"logs/{path.name}", redact(text))
        if settings.source is not None and settings.source.is_file():
            raw = settings.source.read_text(encoding="utf-8", errors="replace")
            archive.writestr(f"config/{settings.source.name}", redact_toml_text(raw, redact))
        archive.writestr("config/settings-effective.txt", redact(effective_settings_text(settings)))
        archive.writestr("sobre.txt", redact(collect_about().as_text()))
        if selftest_report:
            archive.writestr("selftest.txt", redact(selftest_report))
    temporary.replace(destination)
    return destination
