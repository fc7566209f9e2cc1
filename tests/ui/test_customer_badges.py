from desktop.ixc.models import Section
from desktop.ui.customer_badges import Tone, record_badges
from tests.ui.records import complete_record, pending_record


def texts(record) -> list[tuple[Tone, str]]:  # type: ignore[no-untyped-def]
    return [(b.tone, b.text) for b in record_badges(record)]


def test_active_up_to_date_online() -> None:
    badges = texts(complete_record())
    assert (Tone.GOOD, "Ativo") in badges
    assert (Tone.GOOD, "Financeiro em dia") in badges
    assert (Tone.GOOD, "Online desde 19/03 08:15") in badges


def test_blocked_overdue_offline_scheduled_os() -> None:
    badges = texts(complete_record(blocked=True, overdue=True, online=False, open_os=True))
    assert (Tone.BAD, "Bloqueado: Bloqueio automático") in badges
    # 89.90 due on 03/03, today 20/03: 17 days late
    assert (Tone.BAD, "Financeiro em atraso: R$ 89,90 · 17 dia(s) · 1 fatura(s)") in badges
    assert (Tone.BAD, "Offline desde 09:40") in badges
    assert (Tone.INFO, "OS agendada 21/03 09:00: Sem conexão") in badges
    assert not any(t == "Ativo" for _, t in badges)


def test_pending_sections_give_no_badges_and_errors_say_unavailable() -> None:
    record = pending_record()
    assert record_badges(record) == []
    failed = record.with_error(Section.INVOICES, "Tempo esgotado")
    assert (Tone.NEUTRAL, "Financeiro indisponível") in texts(failed)
