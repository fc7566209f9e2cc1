"""The call's checklist: which card sections the agent viewed, what they showed, what is missing.

The house rule is that every call checks OS, Financeiro and Conexão as the case needs. The popup
shows a chip per section, filled once the agent opens its tab; the log dialog writes a snapshot
of what was on screen into the ticket (evidence for a later dispute), and per-subject rules
(``[[checklist_rules]]`` in the settings) name the sections a subject requires: a missing one is
said in the dialog, which then asks for a reason before logging anyway.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from desktop.forward.case import FORWARDED_SECTIONS, SECTION_LABELS, format_brl
from desktop.i18n import tr
from desktop.ixc.models import CustomerRecord, Section
from desktop.settings.model import ChecklistRule

_CONTEXT = "attendance"

# the words of ``[[checklist_rules]] requires`` (what the ISP's IT person types) → sections
RULE_WORDS = {"os": Section.SERVICE_ORDERS, "financeiro": Section.INVOICES,
              "conexao": Section.CONNECTIONS}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c))
                    .casefold().split())


def required_sections(subject_label: str, rules: Sequence[ChecklistRule]) -> tuple[Section, ...]:
    """The sections the rules require for this subject (accents, case and spacing ignored)."""
    folded = _fold(subject_label)
    needed: set[Section] = set()
    for rule in rules:
        if folded and _fold(rule.subject) == folded:
            for name in rule.requires.split(","):
                section = RULE_WORDS.get(_fold(name))
                if section is not None:
                    needed.add(section)
    return tuple(s for s in FORWARDED_SECTIONS if s in needed)


def missing_sections(subject_label: str, viewed: Iterable[Section],
                     rules: Sequence[ChecklistRule]) -> tuple[Section, ...]:
    seen = set(viewed)
    return tuple(s for s in required_sections(subject_label, rules) if s not in seen)


def missing_text(missing: Sequence[Section]) -> str:
    """What the log dialog says when the subject's rule is not met (pt-BR)."""
    names = ", ".join(SECTION_LABELS[s] for s in missing)
    return tr(_CONTEXT, "Este assunto exige ver na ficha: {sections}. Informe o motivo para "
                        "registrar mesmo assim.").format(sections=names)


def section_snapshot(record: CustomerRecord, section: Section) -> str:
    """One line of what a section showed, as the agent saw it (pt-BR)."""
    if section is Section.INVOICES:
        overdue = record.overdue_invoices
        if not overdue:
            return tr(_CONTEXT, "Financeiro: nada em atraso")
        oldest = max(i.days_overdue(record.today) for i in overdue)
        return tr(_CONTEXT, "Financeiro: {n} em atraso, {amount}, há {days} dias").format(
            n=len(overdue), amount=format_brl(record.total_overdue), days=oldest)
    if section is Section.CONNECTIONS:
        if not record.connections:
            return tr(_CONTEXT, "Conexão: nenhum login")
        parts = []
        for c in record.connections:
            if c.is_online:
                parts.append(tr(_CONTEXT, "{login} online").format(login=c.login))
            elif c.last_disconnect is not None:
                parts.append(tr(_CONTEXT, "{login} offline desde {when}").format(
                    login=c.login, when=c.last_disconnect.strftime("%d/%m/%Y %H:%M")))
            else:
                parts.append(tr(_CONTEXT, "{login} offline").format(login=c.login))
        return tr(_CONTEXT, "Conexão: {logins}").format(logins="; ".join(parts))
    orders = record.open_service_orders
    if not orders:
        return tr(_CONTEXT, "OS: nenhuma aberta")
    listed = ", ".join(f"{o.id} ({o.subject or '—'}, {o.status.label})" for o in orders[:3])
    return tr(_CONTEXT, "OS: {n} aberta(s): {orders}").format(n=len(orders), orders=listed)


def card_evidence(record: CustomerRecord | None, viewed: Iterable[Section]) -> str:
    """The snapshot written into the ticket: access state, then each viewed section."""
    if record is None:
        return ""
    seen = set(viewed)
    lines: list[str] = []
    blocked = record.blocked_contracts
    if blocked:
        lines.append(tr(_CONTEXT, "Bloqueado: contrato {ids}").format(
            ids=", ".join(str(c.id) for c in blocked)))
    lines += [section_snapshot(record, s) for s in Section if s in seen]
    return "; ".join(lines)


__all__ = ["card_evidence", "missing_sections", "missing_text", "required_sections",
           "section_snapshot"]
