"""Caller-ID parsing from raw INVITE text: tables and properties, no pjsua2 needed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.sip.caller_id import (
    parse_caller_id,
    parse_headers,
    parse_name_addr,
    plain_text,
    split_values,
    uri_user,
)
from desktop.sip.outcome import CallFacts, classify, completed_elsewhere


def invite(*headers: str, body: str = "v=0\r\n") -> str:
    lines = ["INVITE sip:101@pbx.test SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1",
             *headers, "To: <sip:101@pbx.test>", "Call-ID: abc", "CSeq: 1 INVITE",
             "Content-Type: application/sdp", f"Content-Length: {len(body)}"]
    return "\r\n".join(lines) + "\r\n\r\n" + body


CASES = [
    # (headers, number, display, anonymous, internal, source)
    (['From: "Maria Silva" <sip:+5511987654321@pbx.test>;tag=1'],
     "+5511987654321", "Maria Silva", False, False, "from"),
    (['f: "Maria Silva" <sip:011987654321@pbx.test>;tag=1'],         # compact form, 0+DDD
     "+5511987654321", "Maria Silva", False, False, "from"),
    (['From: <sip:02111987654321@pbx>;tag=1'],                       # 0 + carrier 21 + DDD
     "+5511987654321", "", False, False, "from"),
    (["From: sip:1133224455@pbx;tag=1"],                             # addr-spec, bare DDD+8
     "+551133224455", "", False, False, "from"),
    (['From: "Ana - Suporte" <sip:102@pbx>;tag=1'],                  # internal extension
     "102", "Ana - Suporte", False, True, "from"),
    (['From: "Fila Suporte:Cliente" <sip:5511987654321@pbx>;tag=1',  # PAI wins over From
      'P-Asserted-Identity: "João" <sip:+5521998765432@pbx>'],
     "+5521998765432", "João", False, False, "pai"),
    (['From: "Maria" <sip:102@pbx>;tag=1',                           # PAI tel: URI, no name
      "P-Asserted-Identity: <tel:+55-11-98765-4321;phone-context=x>"],
     "+5511987654321", "Maria", False, False, "pai"),
    (['From: "X" <sip:102@pbx>;tag=1',
      'Remote-Party-ID: "Carlos" <sip:11987654321@pbx>;party=calling;screen=yes'],
     "+5511987654321", "Carlos", False, False, "rpid"),
    (['From: "X" <sip:102@pbx>;tag=1',                               # PAI beats RPID
      'Remote-Party-ID: "Carlos" <sip:11987654321@pbx>;party=calling',
      "P-Asserted-Identity: <sip:+5531988887777@pbx>"],
     "+5531988887777", "X", False, False, "pai"),
    (['From: "X" <sip:102@pbx>;tag=1',                               # called-party RPID ignored
      'Remote-Party-ID: <sip:11987654321@pbx>;party=called'],
     "102", "X", False, True, "from"),
    (['From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1'],
     "", "", True, False, "from"),
    (['From: <sip:pbx.test>;tag=1'],                                 # no user at all
     "", "", True, False, ""),
    (['From: "Maria" <sip:+5511987654321@pbx>;tag=1', "Privacy: id"],
     "", "", True, False, "from"),
    (['From: "Maria" <sip:+5511987654321@pbx>;tag=1', "Privacy: header;id"],
     "", "", True, False, "from"),
    (['From: "Maria" <sip:+5511987654321@pbx>;tag=1', "Privacy: none"],
     "+5511987654321", "Maria", False, False, "from"),
    (['From: "Carlos" <sip:11987654321@pbx>;tag=1',
      'Remote-Party-ID: "Carlos" <sip:11987654321@pbx>;party=calling;privacy=full'],
     "", "", True, False, "rpid"),
    (['From: "Maria \\"Mah\\" Silva" <sip:+5511987654321@pbx>;tag=1'],  # escaped quotes
     "+5511987654321", 'Maria "Mah" Silva', False, False, "from"),
    (['From: "<script>alert(1)</script>" <sip:+5511987654321@pbx>;tag=1'],
     "+5511987654321", "<script>alert(1)</script>", False, False, "from"),
    (['From: "José Ação Ñandú 日本" <sip:+5511987654321@pbx>;tag=1'],    # UTF-8
     "+5511987654321", "José Ação Ñandú 日本", False, False, "from"),
    (['From: "Maria, Silva" <sip:%2B5511987654321@pbx>;tag=1'],      # comma, percent-escape
     "+5511987654321", "Maria, Silva", False, False, "from"),
    (['From: Maria Silva <sip:+5511987654321@pbx>;tag=1'],           # unquoted tokens
     "+5511987654321", "Maria Silva", False, False, "from"),
    (['From: "Maria"', ' <sip:+5511987654321@pbx>;tag=1'],           # folded header
     "+5511987654321", "Maria", False, False, "from"),
    (['From: "Loja" <sip:08001234567@pbx>;tag=1'],                   # 0800: kept as digits
     "08001234567", "Loja", False, False, "from"),
    (['From: "Paris" <sip:+33142685300@pbx>;tag=1'],
     "+33142685300", "Paris", False, False, "from"),
    (['From: "Bob" <sip:bob@pbx>;tag=1'],                            # not a number at all
     "bob", "Bob", False, False, "from"),
]


@pytest.mark.parametrize(("headers", "number", "display", "anonymous", "internal", "source"),
                         CASES)
def test_caller_id_table(headers: list[str], number: str, display: str, anonymous: bool,
                         internal: bool, source: str) -> None:
    caller = parse_caller_id(invite(*headers))
    assert (caller.number, caller.display_name, caller.anonymous, caller.internal,
            caller.source) == (number, display, anonymous, internal, source)


def test_raw_headers_are_kept_for_diagnosis() -> None:
    caller = parse_caller_id(invite(
        'From: "A" <sip:102@pbx>;tag=1', "P-Asserted-Identity: <sip:+5511987654321@pbx>",
        "P-Asserted-Identity: <tel:+5511987654321>",
        "Remote-Party-ID: <sip:1@pbx>;party=calling",
        "Diversion: <sip:103@pbx>;reason=unconditional",
    ))
    assert caller.raw_from == '"A" <sip:102@pbx>;tag=1'
    assert caller.raw_pai == "<sip:+5511987654321@pbx>, <tel:+5511987654321>"
    assert caller.raw_rpid == "<sip:1@pbx>;party=calling"
    assert caller.raw_diversion == "<sip:103@pbx>;reason=unconditional"


def test_thousands_of_characters_in_the_display_name() -> None:
    name = "Ç" * 5000
    caller = parse_caller_id(invite(f'From: "{name}" <sip:+5511987654321@pbx>;tag=1'))
    assert caller.display_name == name
    assert caller.number == "+5511987654321"


def test_control_and_bidi_characters_do_not_reach_the_screen() -> None:
    caller = parse_caller_id(invite(
        'From: "Ma\u202eria\x00 \tSilva\x07" <sip:+5511987654321@pbx>;tag=1'))
    assert caller.display_name == "Maria Silva"


def test_body_lines_are_not_headers() -> None:
    message = invite('From: "A" <sip:102@pbx>;tag=1',
                     body="P-Asserted-Identity: <sip:+5511987654321@evil>\r\n")
    assert parse_caller_id(message).number == "102"
    assert "p-asserted-identity" not in parse_headers(message)


def test_split_values_respects_quotes_and_brackets() -> None:
    assert split_values('"a, b" <sip:1@x>, <tel:+552;x=a,b>') == ['"a, b" <sip:1@x>',
                                                               "<tel:+552;x=a,b>"]


@pytest.mark.parametrize(("uri", "user"), [
    ("sip:101@pbx", "101"), ("sips:+55119@pbx:5061", "+55119"), ("tel:+55-11;ext=1", "+55-11"),
    ("sip:101:pw@pbx", "101"), ("sip:101;user=phone@pbx", "101"), ("sip:pbx", ""),
    ("mailto:a@b", ""), ("", ""), ("sip:%41na@pbx", "Ana"),
])
def test_uri_user(uri: str, user: str) -> None:
    assert uri_user(uri) == user


def test_completed_elsewhere_reason() -> None:
    assert completed_elsewhere('SIP;cause=200;text="Call completed elsewhere"')
    assert completed_elsewhere('Q.850;cause=16, SIP ;cause = 200')
    assert not completed_elsewhere("Q.850;cause=200")
    assert not completed_elsewhere('SIP;cause=487;text="x"')
    assert not completed_elsewhere("SIP;cause=2000")


@pytest.mark.parametrize(("facts", "outcome"), [
    (CallFacts(incoming=True, answered=True, last_code=200), "completed"),
    (CallFacts(incoming=True, answered=False, last_code=487), "missed"),
    (CallFacts(True, False, 487, cancelled_elsewhere=True), "answered_elsewhere"),
    (CallFacts(True, False, 486, declined_here=True), "rejected"),
    (CallFacts(True, False, 500), "failed"),
    (CallFacts(False, False, 486), "rejected"),
    (CallFacts(False, False, 487, declined_here=True), "missed"),
    (CallFacts(False, False, 404), "failed"),
    (CallFacts(False, True, 200), "completed"),
])
def test_outcomes(facts: CallFacts, outcome: str) -> None:
    assert classify(facts) == outcome


# --- properties ---------------------------------------------------------------------------------

display_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=300
).map(lambda s: " ".join(s.split()))


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@given(display_text)
def test_any_quoted_display_name_round_trips(name: str) -> None:
    addr = parse_name_addr(f"{quote(name)} <sip:+5511987654321@pbx>;tag=x")
    assert addr.display_name == name
    assert addr.uri == "sip:+5511987654321@pbx"


@given(st.text(max_size=500))
def test_parser_never_raises_and_output_is_plain(junk: str) -> None:
    caller = parse_caller_id(invite(f"From: {junk}", f"P-Asserted-Identity: {junk}"))
    assert caller.display_name == plain_text(caller.display_name)
    assert "\n" not in caller.number and "\r" not in caller.display_name
    if caller.anonymous:
        assert caller.number == "" and caller.display_name == ""


@given(st.sampled_from(["11", "21", "31", "48", "85"]), st.integers(0, 99_999_999),
       st.sampled_from(["+55{d}9{n}", "55{d}9{n}", "0{d}9{n}", "015{d}9{n}", "{d}9{n}"]),
       st.sampled_from(["From", "P-Asserted-Identity", "Remote-Party-ID"]))
def test_every_brazilian_mobile_form_gives_e164(ddd: str, subscriber: int, shape: str,
                                               header: str) -> None:
    raw = shape.format(d=ddd, n=f"{subscriber:08d}")
    headers = ['From: "X" <sip:102@pbx>;tag=1'] if header != "From" else []
    headers.append(f'{header}: "Y" <sip:{raw}@pbx>')
    caller = parse_caller_id(invite(*headers))
    assert caller.number == f"+55{ddd}9{subscriber:08d}"
    assert not caller.internal and not caller.anonymous
