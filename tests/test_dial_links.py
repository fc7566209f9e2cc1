"""tel:/callto:/sip: links as browsers and the OS hand them to Ramal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.phone.dial_links import dial_link_in, dial_target, is_dial_link


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("tel:+5511987654321", "+5511987654321"),
        ("tel:+55 (11) 98765-4321", "+5511987654321"),
        ("tel:+55%2011%2098765-4321", "+5511987654321"),
        ("TEL:0800.123.4567", "08001234567"),
        ("tel:3333-4444;phone-context=+5511", "33334444"),
        ("tel:*99#", "*99#"),
        ("callto:+551133334444", "+551133334444"),
        ("callto://+551133334444", "+551133334444"),
        ("sip:101@pbx.example", "101"),
        ("sip:+5511987654321@pbx.example;user=phone", "+5511987654321"),
        ("sips:101@pbx.example:5061;transport=tls", "101"),
        ("sip:suporte@pbx.example", "suporte@pbx.example"),
        ("sip:101:senha@pbx.example", "101"),
        ("sip:102", "102"),
        ("tel:", None),
        ("tel:abc", None),
        ("tel:+55 11 9;x", "+55119"),
        ("sip:@pbx.example", None),
        ("mailto:a@b.c", None),
        ("https://example.com", None),
        ("+5511987654321", None),
    ],
)
def test_dial_target(link: str, expected: str | None) -> None:
    assert dial_target(link) == expected


def test_dial_link_in_finds_the_first_link_among_other_arguments() -> None:
    assert dial_link_in(["--config", "x.toml", "tel:+551133334444", "sip:101@x"]) == (
        "tel:+551133334444"
    )
    assert dial_link_in(["gui", "--config", "x.toml"]) is None
    assert is_dial_link("Sip:101@x") and not is_dial_link("sipx:101")


@given(st.text(alphabet="0123456789", min_size=1, max_size=15),
       st.sampled_from(["", " ", "-", ".", "(", ")"]))
def test_tel_links_keep_exactly_the_digits(digits: str, separator: str) -> None:
    link = "tel:+" + separator.join(digits)
    assert dial_target(link) == "+" + digits


def test_the_command_line_accepts_a_dial_link_beside_other_options() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "main.py", "tel:+5511987654321", "--self-test"],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("self-test: ok")
