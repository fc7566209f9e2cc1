"""The Discord message: escaping, mention safety and every documented limit."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.demo.simulators.discord import DiscordSimulator
from desktop.forward.case import CallInfo, CustomerSummary, ForwardCase
from desktop.forward.discord_message import (
    EMBED_TOTAL_MAX,
    build_case_message,
    enforce_limits,
    escape_markdown,
    truncate,
    utf16_len,
)
from desktop.ixc.models import Section

HOSTILE = "@everyone @here <@&123> <@456> **negrito** __sub__ `code` ||spoiler|| [link](http://x)"


def _hostile_case(note: str) -> ForwardCase:
    return ForwardCase(
        sector="Plantão @everyone",
        call=CallInfo(number="@here", started_at=datetime(2026, 3, 2, 22, 5, tzinfo=UTC),
                      duration_s=61, extension="201"),
        agent="<@&999> Ana",
        note=note,
        customer=CustomerSummary(
            customer_id="1", name=HOSTILE * 10, contract="# contrato\n> citação",
            contract_status="Ativo", access_status="Bloqueado",
            open_orders=tuple(f"#{i} {HOSTILE}" for i in range(60)),
            overdue_amount=Decimal("1234.5"), overdue_invoices=3, connection="x" * 5000,
        ),
        sections_checked=(Section.SERVICE_ORDERS, Section.INVOICES),
    )


def _embed_total(embed: dict) -> int:
    return (utf16_len(embed.get("title", "")) + utf16_len(embed.get("description", ""))
            + sum(utf16_len(f["name"]) + utf16_len(f["value"]) for f in embed["fields"])
            + utf16_len(embed.get("footer", {}).get("text", "")))


def test_escape_defuses_mentions_and_markdown() -> None:
    text = escape_markdown(HOSTILE)
    assert "@everyone" not in text and "@here" not in text
    assert "<@" not in text.replace("\\<@", "")
    assert "\\*\\*negrito\\*\\*" in text
    assert "\\[link\\]\\(http://x\\)" in text


def test_truncate_never_splits_a_surrogate_pair_or_leaves_a_dangling_escape() -> None:
    assert truncate("😀" * 10, 5) == "😀😀…"
    assert utf16_len(truncate("😀" * 10, 5)) == 5
    cut = truncate("a" * 8 + "\\\\" * 4, 10)
    assert cut.endswith("…") and (len(cut[:-1]) - len(cut[:-1].rstrip("\\"))) % 2 == 0


def test_hostile_case_is_within_every_limit() -> None:
    payload = build_case_message(_hostile_case("x" * 10_000), role_id="777")
    embed = payload["embeds"][0]
    assert payload["allowed_mentions"] == {"parse": [], "roles": ["777"]}
    assert payload["content"].startswith("<@&777> ")
    assert "@everyone" not in payload["content"]
    assert utf16_len(embed["title"]) <= 256
    assert utf16_len(embed["description"]) <= 4096
    assert len(embed["fields"]) <= 25
    assert all(0 < utf16_len(f["value"]) <= 1024 for f in embed["fields"])
    assert _embed_total(embed) <= EMBED_TOTAL_MAX
    assert embed["description"].endswith("…")


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(max_size=600),
    description=st.text(max_size=9000),
    fields=st.lists(st.tuples(st.text(max_size=400), st.text(max_size=2000)), max_size=40),
    footer=st.text(max_size=3000),
)
def test_enforce_limits_holds_for_any_text(
    title: str, description: str, fields: list[tuple[str, str]], footer: str
) -> None:
    payload = enforce_limits({"content": description, "embeds": [{
        "title": title, "description": description, "footer": {"text": footer},
        "fields": [{"name": n, "value": v} for n, v in fields]}]})
    embed = payload["embeds"][0]
    assert utf16_len(payload["content"]) <= 2000
    assert utf16_len(embed["title"]) <= 256
    assert utf16_len(embed["description"]) <= 4096
    assert utf16_len(embed["footer"]["text"]) <= 2048
    assert len(embed["fields"]) <= 25
    assert all(0 < utf16_len(f["name"]) <= 256 for f in embed["fields"])
    assert all(0 < utf16_len(f["value"]) <= 1024 for f in embed["fields"])
    assert _embed_total(embed) <= EMBED_TOTAL_MAX


async def test_hostile_message_is_accepted_and_pings_only_the_sector_role(
    discord_sim: DiscordSimulator,
) -> None:
    url = discord_sim.add_webhook("plantao")
    payload = build_case_message(_hostile_case("@everyone " + "ó" * 10_000), role_id="777")
    async with httpx.AsyncClient() as http:
        response = await http.post(url, params={"wait": "true"}, json=payload)
    assert response.status_code == 200, response.text
    [received] = discord_sim.messages(url)
    assert received.pinged_roles == ("777",)
    assert received.pinged_users == ()
    assert received.pinged_everyone is False


async def test_simulator_rejects_what_discord_rejects(discord_sim: DiscordSimulator) -> None:
    # the safety net is only as good as the simulator's validation: it must say 400
    url = discord_sim.add_webhook()
    too_big = {"embeds": [{"description": "x" * 4097}]}
    async with httpx.AsyncClient() as http:
        response = await http.post(url, json=too_big)
        empty = await http.post(url, json={"content": ""})
        exclusive = await http.post(url, json={
            "content": "<@&1>", "allowed_mentions": {"parse": ["roles"], "roles": ["1"]}})
    assert response.status_code == 400 and response.json()["code"] == 50035
    assert empty.status_code == 400 and empty.json()["code"] == 50006
    assert exclusive.status_code == 400
    # without allowed_mentions a webhook parses users: the simulator reports that ping
    async with httpx.AsyncClient() as http:
        await http.post(url, json={"content": "oi <@42> @everyone"})
    [message] = discord_sim.messages(url)
    assert message.pinged_users == ("42",) and message.pinged_everyone is False
