"""``tel:``, ``callto:`` and ``sip:`` links: what a browser hands Ramal when a number is clicked.

The OS starts ``ramal tel:+55...`` (the .desktop file's ``%u``, Windows' protocol handler
``"%1"``); the single-instance layer forwards that argument to the running app, which dials the
target this module extracts. Plain functions, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote

DIAL_SCHEMES: tuple[str, ...] = ("tel", "callto", "sip", "sips")

# visual separators RFC 3966 allows in a phone number, plus what web pages write anyway
_VISUAL_SEPARATORS = re.compile(r"[\s().\-/\u00a0]")
_DIALLABLE = re.compile(r"^\+?[0-9*#]+$")


def is_dial_link(argument: str) -> bool:
    scheme, sep, _ = argument.partition(":")
    return bool(sep) and scheme.lower() in DIAL_SCHEMES


def dial_link_in(argv: Sequence[str]) -> str | None:
    """The first ``tel:``/``callto:``/``sip:`` argument of a command line, if any."""
    return next((a for a in argv if is_dial_link(a)), None)


def dial_target(link: str) -> str | None:
    """What to dial for a link: a number (``+5511987654321``, ``0800123456``, ``101``) or, for a
    ``sip:`` link whose user part is not a number, ``user@host``. ``None`` if nothing diallable.

    ``tel:+55 (11) 98765-4321;phone-context=...`` → ``+5511987654321``;
    ``callto://+551133334444`` → ``+551133334444``; ``sip:101@pbx.example;transport=udp`` →
    ``101``.
    """
    scheme, sep, rest = link.strip().partition(":")
    scheme = scheme.lower()
    if not sep or scheme not in DIAL_SCHEMES:
        return None
    rest = unquote(rest)
    if scheme in ("tel", "callto"):
        rest = rest.removeprefix("//")
        number = _VISUAL_SEPARATORS.sub("", rest.split(";", 1)[0].split("?", 1)[0])
        return number if number and _DIALLABLE.match(number) else None
    # sip:/sips: user@host[:port][;params][?headers]
    address = rest.split("?", 1)[0].split(";", 1)[0]
    user, at, host = address.rpartition("@")
    if not at:
        user, host = host, ""
    user = user.split(":", 1)[0]  # "user:password@host" is legal in SIP URIs; never dial it
    if not user:
        return None
    number = _VISUAL_SEPARATORS.sub("", user)
    if _DIALLABLE.match(number):
        return number
    return f"{user}@{host}" if host else user
