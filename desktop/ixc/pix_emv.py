"""PIX "copia e cola" strings: the EMV QR Code payload (BR Code) a bank app pays from.

A BR Code is a run of ID-length-value fields (two-digit id, two-digit length, value) that starts
with ``000201`` (payload format 01) and ends with ``6304`` plus the CRC16/CCITT-FALSE of
everything before the CRC's four hex digits. ``fn_areceber.pix_txid`` is only the transaction id
inside field 26/62: the customer cannot pay with it, so the card shows this string instead.
"""

from __future__ import annotations

from dataclasses import dataclass


def crc16_ccitt(data: bytes) -> int:
    """CRC16/CCITT-FALSE (poly 0x1021, initial 0xFFFF), as the EMV QR Code spec asks."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def with_crc(payload_without_crc: str) -> str:
    """``payload_without_crc`` (ending before field 63) with its ``6304XXXX`` appended."""
    head = payload_without_crc + "6304"
    return head + f"{crc16_ccitt(head.encode('utf-8')):04X}"


def field(tag: str, value: str) -> str:
    """One EMV field: ``tag`` (two digits), the value's length (two digits), the value."""
    size = len(value.encode("utf-8"))
    if size > 99:
        raise ValueError(f"EMV field {tag} longer than 99 bytes")
    return f"{tag}{size:02d}{value}"


def parse_fields(text: str) -> dict[str, str] | None:
    """The top-level fields of an EMV payload, or None when the lengths do not add up."""
    fields: dict[str, str] = {}
    data = text.encode("utf-8")
    at = 0
    while at < len(data):
        if at + 4 > len(data) or not data[at:at + 4].isdigit():
            return None
        tag, size = data[at:at + 2].decode(), int(data[at + 2:at + 4])
        value = data[at + 4:at + 4 + size]
        if len(value) != size:
            return None
        fields[tag] = value.decode("utf-8", errors="replace")
        at += 4 + size
    return fields


@dataclass(frozen=True)
class BrCode:
    """What a valid BR Code says, for the card's caption (amount and receiver)."""

    text: str
    amount: str = ""        # field 54, "89.90" (absent: the payer types it)
    merchant: str = ""      # field 59
    city: str = ""          # field 60


def check_br_code(text: str) -> BrCode | None:
    """``text`` as a :class:`BrCode` when it is a well-formed payload with a correct CRC."""
    text = text.strip()
    if not text.startswith("000201") or len(text) < 12 or text[-8:-4] != "6304":
        return None
    expected = text[-4:].upper()
    if f"{crc16_ccitt(text[:-4].encode('utf-8')):04X}" != expected:
        return None
    fields = parse_fields(text)
    if fields is None or "63" not in fields:
        return None
    return BrCode(text, fields.get("54", ""), fields.get("59", ""), fields.get("60", ""))


def build_br_code(*, key: str, amount: str, merchant: str, city: str, txid: str) -> str:
    """A dynamic-looking static BR Code (for the simulator and tests): PIX key, amount, txid."""
    account = field("00", "br.gov.bcb.pix") + field("01", key)
    body = (field("00", "01") + field("01", "12") + field("26", account) + field("52", "0000")
            + field("53", "986") + field("54", amount) + field("58", "BR")
            + field("59", merchant[:25]) + field("60", city[:15])
            + field("62", field("05", txid[:25])))
    return with_crc(body)
