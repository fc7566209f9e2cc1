"""The Discord message for a forwarded case: escaped, mention-safe and within every limit.

Customer names and agents' notes are untrusted text: anyone can register as "@everyone" or put
``<@&123>`` in a note. Two independent defences apply: the payload always carries
``allowed_mentions`` (``parse: []``, plus only the sector's own role when configured), and the
text itself is escaped so it renders literally. Every documented limit is enforced here by
truncation, measured in UTF-16 code units (what Discord's clients count; never less than Python's
code points), so Discord never answers 400 because of what a customer typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from desktop.forward.case import (
    ForwardCase,
    format_brl,
    format_duration,
    sections_text,
)
from desktop.i18n import tr

_CONTEXT = "discord"

# Documented limits (Discord "Embed Limits" and "Execute Webhook").
CONTENT_MAX = 2000
EMBEDS_MAX = 10
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
USERNAME_MAX = 80

ELLIPSIS = "…"
EMBED_COLOR = 0x2E86C1

_MARKDOWN = re.compile(r"([\\*_~`|\[\]()<])")
# headings, quotes and list bullets only mean something at the start of a line
_LINE_START = re.compile(r"^(\s*)([-#>+]|\d+\.)", re.MULTILINE)
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
# Control characters Discord would strip or reject (keep tab and newline).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape_line_start(match: re.Match[str]) -> str:
    mark = match.group(2)
    # "\\1." is not an escape (digits cannot be escaped): "1\\." is
    escaped = mark[:-1] + "\\." if mark.endswith(".") else "\\" + mark
    return match.group(1) + escaped


def escape_markdown(text: str) -> str:
    """Make ``text`` render literally: markdown escaped, mentions and links defused."""
    text = _CONTROL.sub("", _LONE_SURROGATE.sub("", text))
    text = _MARKDOWN.sub(r"\\\1", text)
    text = _LINE_START.sub(_escape_line_start, text)
    # "@everyone"/"@here" are not markdown: a zero-width space after "@" breaks them
    text = _MASS_MENTION.sub(lambda m: "@\u200b" + m.group(1), text)
    # a bare "@name" is harmless without a user id, but keep it from looking like a ping
    return text


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` UTF-16 units, ending with "…" when cut.

    Never leaves half a surrogate pair or a dangling escape backslash at the cut.
    """
    if utf16_len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    budget = limit - 1  # room for the ellipsis
    out: list[str] = []
    used = 0
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > budget:
            break
        out.append(ch)
        used += size
    cut = "".join(out)
    # an odd run of trailing backslashes would escape the ellipsis (or the next character)
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut + ELLIPSIS


def _embed_size(embed: Mapping[str, Any]) -> int:
    size = utf16_len(embed.get("title", "")) + utf16_len(embed.get("description", ""))
    size += sum(utf16_len(f["name"]) + utf16_len(f["value"]) for f in embed.get("fields", []))
    size += utf16_len(embed.get("footer", {}).get("text", ""))
    size += utf16_len(embed.get("author", {}).get("name", ""))
    return size


def enforce_limits(payload: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of an execute-webhook payload trimmed to every documented limit."""
    out = dict(payload)
    if "content" in out:
        out["content"] = truncate(out["content"], CONTENT_MAX)
    if "username" in out:
        out["username"] = truncate(out["username"], USERNAME_MAX)
    embeds: list[dict[str, Any]] = []
    for raw in list(out.get("embeds", []))[:EMBEDS_MAX]:
        embed = dict(raw)
        if "title" in embed:
            embed["title"] = truncate(embed["title"], TITLE_MAX)
        if "description" in embed:
            embed["description"] = truncate(embed["description"], DESCRIPTION_MAX)
        if "footer" in embed:
            embed["footer"] = {**embed["footer"],
                               "text": truncate(embed["footer"]["text"], FOOTER_MAX)}
        if "author" in embed:
            embed["author"] = {**embed["author"],
                               "name": truncate(embed["author"]["name"], AUTHOR_MAX)}
        embed["fields"] = [
            {**f, "name": truncate(f["name"], FIELD_NAME_MAX) or "—",
             "value": truncate(f["value"], FIELD_VALUE_MAX) or "—"}
            for f in list(embed.get("fields", []))[:FIELDS_MAX]
        ]
        embeds.append(embed)
    _fit_total(embeds)
    if embeds or "embeds" in out:
        out["embeds"] = embeds
    return out


def _fit_total(embeds: list[dict[str, Any]]) -> None:
    """Shrink the longest texts until all embeds together fit in EMBED_TOTAL_MAX."""
    while True:
        excess = sum(_embed_size(e) for e in embeds) - EMBED_TOTAL_MAX
        if excess <= 0:
            return
        # candidates: (length, embed, key, field index); descriptions and field values give way
        best: tuple[int, dict[str, Any], str, int] | None = None
        for embed in embeds:
            length = utf16_len(embed.get("description", ""))
            if length > 1 and (best is None or length > best[0]):
                best = (length, embed, "description", -1)
            for i, f in enumerate(embed["fields"]):
                length = utf16_len(f["value"])
                if length > 1 and (best is None or length > best[0]):
                    best = (length, embed, "value", i)
        if best is None:  # only titles/footers left: drop the last embed's fields, then embeds
            if embeds and embeds[-1]["fields"]:
                embeds[-1]["fields"].pop()
                continue
            if embeds:
                embeds.pop()
                continue
            return
        length, embed, key, index = best
        target = max(1, length - excess)
        if key == "description":
            embed["description"] = truncate(embed["description"], target)
        else:
            field = embed["fields"][index]
            embed["fields"][index] = {**field, "value": truncate(field["value"], target) or "—"}


def _field(name: str, value: str, inline: bool = True) -> dict[str, Any]:
    return {"name": name, "value": value or "—", "inline": inline}


def build_case_message(
    case: ForwardCase, *, role_id: str = "", reference: str = ""
) -> dict[str, Any]:
    """The execute-webhook JSON body for a forwarded case (already safe and within limits)."""
    e = escape_markdown
    customer = case.customer
    who = e(customer.name) if customer else tr(_CONTEXT, "Cliente não identificado")
    fields: list[dict[str, Any]] = []
    if customer:
        fields.append(_field(tr(_CONTEXT, "Cliente"), f"{who} (ID {e(customer.customer_id)})"))
        fields.append(_field(tr(_CONTEXT, "Contrato"), e(customer.contract)))
        fields.append(_field(tr(_CONTEXT, "Status do contrato"), e(customer.contract_status)))
        fields.append(_field(tr(_CONTEXT, "Status do acesso"), e(customer.access_status)))
        overdue = (
            tr(_CONTEXT, "{amount} em {count} fatura(s)").format(
                amount=format_brl(customer.overdue_amount), count=customer.overdue_invoices)
            if customer.overdue_invoices else tr(_CONTEXT, "Nada em atraso")
        )
        fields.append(_field(tr(_CONTEXT, "Em atraso"), e(overdue)))
        fields.append(_field(tr(_CONTEXT, "Conexão"), e(customer.connection)))
        orders = "\n".join(e(o) for o in customer.open_orders) or tr(_CONTEXT, "Nenhuma")
        fields.append(_field(tr(_CONTEXT, "OS abertas"), orders, inline=False))
    call = case.call
    started = call.started_at.astimezone().strftime("%d/%m/%Y %H:%M")
    fields.append(_field(tr(_CONTEXT, "Telefone"), e(call.number)))
    fields.append(_field(tr(_CONTEXT, "Ligação"), tr(_CONTEXT, "{when} ({direction}, {duration})")
                         .format(when=started, direction=e(call.direction),
                                 duration=format_duration(call.duration_s))))
    fields.append(_field(tr(_CONTEXT, "Atendente"), e(case.agent)))
    checked = sections_text(case.sections_checked)
    fields.append(_field(tr(_CONTEXT, "Seções verificadas"), e(checked)))
    embed: dict[str, Any] = {
        "type": "rich",
        "title": tr(_CONTEXT, "{sector}: {customer}").format(sector=e(case.sector), customer=who),
        "description": e(case.note) or tr(_CONTEXT, "(sem observação)"),
        "color": EMBED_COLOR,
        "timestamp": call.started_at.isoformat(),
        "fields": fields,
        "footer": {"text": tr(_CONTEXT, "Ramal · ref. {reference}").format(reference=reference)
                   if reference else "Ramal"},
    }
    headline = tr(_CONTEXT, "Novo encaminhamento para {sector}").format(sector=e(case.sector))
    payload: dict[str, Any] = {"embeds": [embed]}
    if role_id.isdigit():
        payload["content"] = f"<@&{role_id}> {headline}"
        # explicit role list and no "parse": exactly that role may ping, nothing else
        payload["allowed_mentions"] = {"parse": [], "roles": [role_id]}
    else:
        payload["content"] = headline
        payload["allowed_mentions"] = {"parse": []}
    return enforce_limits(payload)
