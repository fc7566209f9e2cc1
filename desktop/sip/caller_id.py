"""Who is calling: the caller's number and name from the raw INVITE, without pjsua2.

pjsua2 hands us the whole INVITE as text and no parsed header list, so this module reads the
headers itself: compact names (``f:``), folded lines, several values per header, quoted display
names with backslash escapes, ``sip:``/``sips:``/``tel:`` URIs, percent-escapes and UTF-8.

The number comes from P-Asserted-Identity, then Remote-Party-ID, then From (the order MicroSIP
and most desk phones use); the name from the same header, falling back to From's (3CX puts the
name in From). A call is anonymous when the chosen user is empty or a privacy
word (``anonymous``...), when ``Privacy: id`` is present, or when Remote-Party-ID says
``privacy=full|name``/``uri``: then number and name are left empty (the raw headers stay available
for diagnosis, never for display).
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass

from desktop.phone.numbers import NumberKind, normalize_br_number

# RFC 3261 compact header names (the ones a PBX may use toward a phone)
COMPACT_HEADERS: dict[str, str] = {
    "f": "from", "t": "to", "i": "call-id", "m": "contact", "v": "via", "c": "content-type",
    "l": "content-length", "e": "content-encoding", "k": "supported", "s": "subject",
    "r": "refer-to", "b": "referred-by", "o": "event", "x": "session-expires",
}

# users that mean "the network will not tell you" rather than a real account
PRIVATE_USERS = frozenset({"anonymous", "restricted", "private", "unavailable", "unknown"})

_HEADER_LINE = re.compile(r"^([!-9;-~]+)[ \t]*:(.*)$")  # token, optional blanks, colon
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


@dataclass(frozen=True)
class NameAddr:
    """One ``"Display" <uri>;params`` value."""

    display_name: str
    uri: str
    params: str = ""


@dataclass(frozen=True)
class CallerId:
    number: str
    display_name: str
    anonymous: bool
    internal: bool
    raw_from: str
    raw_pai: str
    raw_rpid: str
    raw_diversion: str
    source: str  # which header gave the number: "pai", "rpid", "from" or ""


def parse_headers(message: str) -> dict[str, list[str]]:
    """Header values by lower-case long name, folded lines joined, in message order.

    The start line and the body are ignored; a header repeated on several lines gives several
    entries (comma-separated values inside one line stay together: see :func:`split_values`).
    """
    text = message.replace("\r\n", "\n").replace("\r", "\n")
    head = text.split("\n\n", 1)[0]
    unfolded: list[str] = []
    # the start line ("INVITE sip:… SIP/2.0") never matches _HEADER_LINE, so it drops out below
    for line in head.split("\n"):
        if line[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += " " + line.strip()
        else:
            unfolded.append(line)
    headers: dict[str, list[str]] = {}
    for line in unfolded:
        match = _HEADER_LINE.match(line)
        if not match:
            continue
        name = match.group(1).lower()
        name = COMPACT_HEADERS.get(name, name)
        headers.setdefault(name, []).append(match.group(2).strip())
    return headers


def split_values(value: str) -> list[str]:
    """Split a header value on commas that are outside quotes and angle brackets."""
    parts: list[str] = []
    current: list[str] = []
    in_quotes = in_angle = escaped = False
    for ch in value:
        if escaped:
            escaped = False
        elif in_quotes and ch == "\\":
            escaped = True
        elif ch == '"' and not in_angle:
            in_quotes = not in_quotes
        elif ch == "<" and not in_quotes:
            in_angle = True
        elif ch == ">" and not in_quotes:
            in_angle = False
        elif ch == "," and not in_quotes and not in_angle:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def plain_text(text: str) -> str:
    """Text safe to show as-is: no control or bidi-override characters, blanks collapsed."""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" " if category == "Cc" else "")
        else:
            kept.append(ch)
    return " ".join("".join(kept).split())


def parse_name_addr(value: str) -> NameAddr:
    """``"Maria \\"M\\" Silva" <sip:+55…@host>;tag=x`` → display, URI and the header params."""
    rest = value.strip()
    display = ""
    if rest.startswith('"'):
        end = _closing_quote(rest)
        display = _ESCAPE.sub(r"\1", rest[1:end])
        rest = rest[end + 1:].strip()
    if "<" in rest:
        before, _, after = rest.partition("<")
        if not display:
            display = before.strip()
        uri, _, params = after.partition(">")
        return NameAddr(plain_text(display), uri.strip(), params.strip().lstrip(";"))
    # addr-spec without brackets: parameters after ';' belong to the header (RFC 3261 20.10)
    uri, _, params = rest.partition(";")
    return NameAddr(plain_text(display), uri.strip(), params.strip())


def _closing_quote(text: str) -> int:
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i
        i += 1
    return len(text)  # unterminated: the whole rest is the name


def uri_user(uri: str) -> str:
    """The user part of a ``sip:``/``sips:`` URI or the number of a ``tel:`` URI ("" if none)."""
    scheme, sep, rest = uri.strip().partition(":")
    if not sep:
        return ""
    scheme = scheme.lower()
    if scheme == "tel":
        user = re.split(r"[;?]", rest, maxsplit=1)[0]
    elif scheme in ("sip", "sips"):
        if "@" not in rest:
            return ""
        user = rest.rsplit("@", 1)[0]
        user = user.split(":", 1)[0]          # user:password
        user = user.split(";", 1)[0]          # user parameters (;phone-context=…)
    else:
        return ""
    return plain_text(urllib.parse.unquote(user, errors="replace"))


def _param(params: str, name: str) -> str:
    for item in params.split(";"):
        key, _, value = item.partition("=")
        if key.strip().lower() == name:
            return value.strip().strip('"').lower()
    return ""


def parse_caller_id(message: str) -> CallerId:
    """Everything the call card needs to know about the caller, from the raw INVITE text."""
    headers = parse_headers(message)

    def first(name: str) -> str:
        values = headers.get(name, [])
        return values[0] if values else ""

    raw_from = first("from")
    raw_pai = ", ".join(headers.get("p-asserted-identity", []))
    raw_rpid = ", ".join(headers.get("remote-party-id", []))
    raw_diversion = ", ".join(headers.get("diversion", []))

    candidates: list[tuple[str, NameAddr]] = []
    for value in split_values(raw_pai):
        candidates.append(("pai", parse_name_addr(value)))
    rpid_private = False
    for value in split_values(raw_rpid):
        addr = parse_name_addr(value)
        if _param(addr.params, "party") == "called":
            continue
        if _param(addr.params, "privacy") in ("full", "name", "uri"):
            rpid_private = True
        candidates.append(("rpid", addr))
    if raw_from:
        candidates.append(("from", parse_name_addr(raw_from)))

    source, user = "", ""
    for name, addr in candidates:
        found = uri_user(addr.uri)
        if found:
            source, user = name, found
            break
    # the name of the header that gave the number; else From's (3CX names the caller there),
    # never the name from a header that carried some other number
    display = next(
        (addr.display_name for name, addr in candidates if name == source and addr.display_name),
        "",
    ) or next((addr.display_name for name, addr in candidates if name == "from"), "")

    privacy = {p.strip().lower() for v in headers.get("privacy", []) for p in v.split(";")}
    anonymous = (
        not user
        or user.lower() in PRIVATE_USERS
        or "id" in privacy
        or rpid_private
        or (display.lower() in PRIVATE_USERS and not any(ch.isdigit() for ch in user))
    )
    if anonymous:
        return CallerId("", "", True, False, raw_from, raw_pai, raw_rpid, raw_diversion, source)

    normalized = normalize_br_number(user)
    number = normalized.number if normalized.kind is not NumberKind.EMPTY else user
    return CallerId(
        number=number,
        display_name=display,
        anonymous=False,
        internal=normalized.kind is NumberKind.INTERNAL,
        raw_from=raw_from,
        raw_pai=raw_pai,
        raw_rpid=raw_rpid,
        raw_diversion=raw_diversion,
        source=source,
    )
