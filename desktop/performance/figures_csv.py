"""CSV export of the figures: UTF-8 with a BOM and ``;`` separators, because the desk opens it
in a pt-BR spreadsheet (Excel/LibreOffice use ``;`` where the decimal mark is a comma)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.privacy.files import open_private_for_writing

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    # a name from IXC or 3CX starting with "=" would run as a formula in the spreadsheet
    if value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    writer.writerows([_cell(str(v)) for v in row] for row in rows)
    return out.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write the file owner-only: the figures name customers' sectors and agents."""
    data = ("\ufeff" + csv_text(header, rows)).encode("utf-8")
    fd = open_private_for_writing(path)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
