"""What the agent typed in the search box, and how to ask IXC for it.

The box takes a name, a CPF/CNPJ or a phone, with or without punctuation. Digits alone are
ambiguous: ``52998224725`` is a valid CPF and could be a phone (DDD 52 does not exist, but
``11987654321`` is a mobile that may also pass the CPF check digits by chance). So the plan can
hold both a document and a phone; the service asks for the document first and for the phone
only when nobody has that document. A document typed *with* its mask is only a document.
Names are searched with ``%`` between the words, so "maria silva" finds "Maria Aparecida da
Silva" (IXC wraps the value in ``%…%`` and passes wildcards through to MySQL).

Pure functions: no I/O, table-driven tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.i18n import tr
from desktop.ixc.documents import cnpj_valid, cpf_valid, digits_of, format_document
from desktop.ixc.errors import IxcSearchTextError
from desktop.ixc.models import SearchKind
from desktop.phone.numbers import NormalizedNumber, NumberKind, normalize_br_number

_CONTEXT = "ixc.search"

MIN_NAME_CHARS = 3
MIN_PHONE_DIGITS = 8

_CPF_MASK = re.compile(r"\d{3}\.\d{3}\.\d{3}-\d{2}")
_CNPJ_MASK = re.compile(r"\d{2}\.\d{3}\.\d{3}/\d{4}-\d{2}")
@dataclass(frozen=True)
class SearchPlan:
    """The queries one search text turns into; empty when nothing was typed."""

    document_kind: SearchKind | None = None     # CPF or CNPJ
    document_digits: str = ""
    phone: NormalizedNumber | None = None
    name_pattern: str = ""                      # LIKE value: the words joined by ``%``

    @property
    def kinds(self) -> tuple[SearchKind, ...]:
        found = [self.document_kind] if self.document_kind else []
        if self.phone is not None:
            found.append(SearchKind.PHONE)
        if self.name_pattern:
            found.append(SearchKind.NAME)
        return tuple(found)

    @property
    def document_forms(self) -> tuple[str, ...]:
        """How IXC may have stored the document: masked (the norm) first, then digits only."""
        if not self.document_digits:
            return ()
        return (format_document(self.document_digits), self.document_digits)


def _name_pattern(text: str) -> str:
    # % and _ are LIKE wildcards: typed by the agent they are separators, not patterns
    words = re.sub(r"[%_\\]", " ", text).split()
    return "%".join(words)


def plan_search(text: str) -> SearchPlan:
    """Decide what ``text`` is. Raises :class:`IxcSearchTextError` when it cannot be searched."""
    text = " ".join(text.split())
    if not text:
        return SearchPlan()
    if any(ch.isalpha() for ch in text):
        pattern = _name_pattern(text)
        if len(pattern.replace("%", "")) < MIN_NAME_CHARS:
            raise IxcSearchTextError(tr(
                _CONTEXT, "Digite pelo menos {n} letras do nome.").format(n=MIN_NAME_CHARS))
        return SearchPlan(name_pattern=pattern)

    digits = digits_of(text)
    if _CPF_MASK.fullmatch(text):
        if not cpf_valid(digits):
            raise IxcSearchTextError(tr(_CONTEXT, "CPF inválido: confira os dígitos."))
        return SearchPlan(SearchKind.CPF, digits)
    if _CNPJ_MASK.fullmatch(text):
        if not cnpj_valid(digits):
            raise IxcSearchTextError(tr(_CONTEXT, "CNPJ inválido: confira os dígitos."))
        return SearchPlan(SearchKind.CNPJ, digits)

    document: SearchKind | None = None
    if cpf_valid(digits):
        document = SearchKind.CPF
    elif cnpj_valid(digits):
        document = SearchKind.CNPJ
    phone: NormalizedNumber | None = None
    if len(digits) >= MIN_PHONE_DIGITS:
        number = normalize_br_number(text)
        phone = (number if number.kind in (NumberKind.BRAZIL, NumberKind.INTERNATIONAL)
                 else None)
    if document is None and phone is None:
        if len(digits) in (11, 14):
            message = tr(_CONTEXT, "{what} inválido e também não é um telefone com DDD: "
                                   "confira os dígitos.").format(
                what="CPF" if len(digits) == 11 else "CNPJ")
        elif len(digits) in (8, 9):
            message = tr(_CONTEXT, "Informe o telefone com DDD, por exemplo (11) 98765-4321.")
        else:
            message = tr(_CONTEXT, "Digite um nome (3 letras ou mais), um CPF/CNPJ completo "
                                   "ou um telefone com DDD.")
        raise IxcSearchTextError(message)
    return SearchPlan(document, digits if document else "", phone)
