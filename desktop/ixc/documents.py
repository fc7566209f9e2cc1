"""Brazilian taxpayer documents as IXC stores them in ``cliente.cnpj_cpf``.

IXC keeps them masked (``111.444.777-35``, ``11.222.333/0001-81``), though imports and
integrations sometimes leave digits only. Check digits are the standard mod-11 ones.
"""

from __future__ import annotations


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


_CPF_WEIGHTS = (list(range(10, 1, -1)), list(range(11, 1, -1)))
_CNPJ_WEIGHTS = ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])


def _check_digits_ok(digits: str, weights: tuple[list[int], list[int]]) -> bool:
    if len(set(digits)) == 1:  # 111.111.111-11 passes the arithmetic but is no document
        return False
    numbers = [int(d) for d in digits]
    for position, w in zip((len(digits) - 2, len(digits) - 1), weights, strict=True):
        rest = sum(d * k for d, k in zip(numbers[:position], w, strict=True)) % 11
        if numbers[position] != (0 if rest < 2 else 11 - rest):
            return False
    return True


def cpf_valid(digits: str) -> bool:
    return len(digits) == 11 and digits.isdigit() and _check_digits_ok(digits, _CPF_WEIGHTS)


def cnpj_valid(digits: str) -> bool:
    return len(digits) == 14 and digits.isdigit() and _check_digits_ok(digits, _CNPJ_WEIGHTS)


def format_document(document: str) -> str:
    """``111.444.777-35`` / ``11.222.333/0001-81`` from any punctuation; other text unchanged."""
    d = digits_of(document)
    if len(d) == 11:
        return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"
    if len(d) == 14:
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}"
    return document.strip()
