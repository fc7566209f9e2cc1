"""Secrets recognised by their shape, for text that is about to be logged or exported.

:func:`desktop.settings.model.redact` removes the configured secrets by exact value, but the
text that reaches a log is often spelled differently from the configuration: httpx lowercases
the scheme and host and appends ``wait=true`` to a Discord URL, a header shows the IXC token
base64-encoded, a URL may be percent-encoded. So the same text also goes through these patterns,
which hide what can only be a credential whatever its spelling:

- the token part of any Discord webhook path (``/api[/v10]/webhooks/<id>/<token>``, any host,
  any case, ``/`` or ``%2F``);
- HTTP ``Basic``/``Bearer`` credentials and any bare ``Authorization:`` value;
- the ``response="…"`` of a SIP/HTTP digest (with the nonce, it lets a short password be
  guessed offline);
- ``token=``, ``access_token:``, ``password=``, ``secret=``… values (query strings, JSON, repr);
- the password in ``scheme://user:password@host``.

Each match keeps its label and loses only the value (``/api/webhooks/123/***``), so a log still
says which webhook or which header was involved.
"""

from __future__ import annotations

import re

MASK = "***"

_SLASH = r"(?:/|%2[fF])"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?i)({_SLASH}api(?:{_SLASH}v\d+)?{_SLASH}webhooks{_SLASH}[^/\s?#%]+{_SLASH})"
                r"([^/\s?#&\"'<>()\[\]]+)"), r"\1" + MASK),
    (re.compile(r"(?i)\b(basic|bearer)(\s+)([A-Za-z0-9+/._~-]{8,}=*)"), r"\1\2" + MASK),
    (re.compile(r"(?i)(\b(?:proxy-)?authorization[\"']?\s*[:=]\s*[\"']?)"
                r"(?!basic\b|bearer\b|digest\b|\*\*\*)([^\s\"',]+)"), r"\1" + MASK),
    (re.compile(r"(?i)(\bresponse\s*=\s*\"?)([0-9a-f]{16,})"), r"\1" + MASK),
    (re.compile(r"(?i)(\b\w*(?:token|password|passwd|secret)[\"']?\s*[=:]\s*[\"']?)"
                r"(?!\*\*\*|\(definido\)|\(vazio\))([^\s&\"',;<>]+)"), r"\1" + MASK),
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)([^/\s@]+)(@)"), r"\1" + MASK + r"\3"),
)


def redact_patterns(text: str) -> str:
    """``text`` with every credential-shaped value replaced by ``***``."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
