from decimal import Decimal

import pytest

from desktop.ui.formatting import (
    ZERO_WIDTH_SPACE,
    clip,
    format_brl,
    mask_document,
    notification_text,
    single_line,
    wrappable,
)


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("0"), "R$ 0,00"),
    (Decimal("89.9"), "R$ 89,90"),
    (Decimal("1234.5"), "R$ 1.234,50"),
    (Decimal("1234567.891"), "R$ 1.234.567,89"),
    (Decimal("-10.005"), "-R$ 10,01"),
])
def test_format_brl(value: Decimal, text: str) -> None:
    assert format_brl(value) == text


@pytest.mark.parametrize(("document", "masked"), [
    ("123.456.789-09", "***.456.789-**"),
    ("12345678909", "***.456.789-**"),
    ("12.345.678/0001-95", "12.345.678/****-**"),
    ("", ""),
    ("12345", "****5"),
])
def test_mask_document(document: str, masked: str) -> None:
    assert mask_document(document) == masked


def test_clip_and_wrap_long_runs() -> None:
    assert clip("abc", 5) == "abc"
    assert clip("abcdefgh", 5) == "abcd…"
    wrapped = wrappable("A" * 100)
    assert wrapped.replace(ZERO_WIDTH_SPACE, "") == "A" * 100
    assert wrapped.count(ZERO_WIDTH_SPACE) == 2
    assert wrappable("curto e normal") == "curto e normal"


def test_single_line_and_notification_text() -> None:
    assert single_line("Maria\n\tda  Silva\x00") == "Maria da Silva"
    assert notification_text("<b>Maria</b>") == "‹b›Maria‹/b›"
    assert len(notification_text("x" * 500)) == 80
