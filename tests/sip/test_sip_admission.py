"""Which INVITE sources count as the PBX (pure: resolver injected)."""

from __future__ import annotations

import pytest

from desktop.settings.model import SipSettings
from desktop.sip.call_admission import CallAdmission, host_and_port, parse_source, pbx_sources


@pytest.mark.parametrize(("text", "expected"), [
    ("10.0.0.5:5060", ("10.0.0.5", 5060)),
    ("[2001:DB8::1]:5060", ("2001:db8::1", 5060)),
    ("10.0.0.5", None),
    ("", None),
])
def test_parse_source(text: str, expected: tuple[str, int] | None) -> None:
    assert parse_source(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("pbx.example.com", ("pbx.example.com", 5060)),
    ("sip:203.0.113.9:5070;lr", ("203.0.113.9", 5070)),
    ("sip:[2001:db8::1]:5080;transport=tcp", ("2001:db8::1", 5080)),
])
def test_host_and_port(text: str, expected: tuple[str, int]) -> None:
    assert host_and_port(text, 5060) == expected


def test_server_and_proxy_addresses_both_count_and_unresolvable_names_are_skipped() -> None:
    def resolve(host: str, _port: int) -> list[str]:
        if host == "pbx.lan":
            raise OSError("no such name")
        return {"sbc.example.com": ["203.0.113.9", "2001:DB8::9"]}[host]

    sip = SipSettings(server="pbx.lan", port=5060, registrar="sip:sbc.example.com:5070")
    sources = pbx_sources(sip, resolve)
    assert sources == {("203.0.113.9", 5070), ("2001:db8::9", 5070)}
    admission = CallAdmission(sources, max_active_calls=2)
    assert admission.refusal("203.0.113.9:5070", 0) is None
    assert admission.refusal("203.0.113.9:5071", 0) == "not_from_pbx"   # same IP, other port
    assert admission.refusal("198.51.100.7:5070", 0) == "not_from_pbx"
    assert admission.refusal("203.0.113.9:5070", 2) == "too_many_calls"
