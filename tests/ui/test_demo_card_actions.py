"""Every card action's demo scenario is reachable on the demo's own backends (the IXC, OPA and
Discord simulators as ``ramal demo`` seeds them): the blocked customer unlocked, paid by PIX sent
on WhatsApp and given a 2ª via; the unlock already used (113); the offline login with a bad ONU
signal, its sessions, and an OS opened; each written into its call's attendance.

Screenshots of the card with its "Ações" go to a temporary folder, or to ``RAMAL_SCREENSHOTS``
(``docs/screenshots``) when set; run under Xvfb for the docs' pictures:
``QT_QPA_PLATFORM=xcb DISPLAY=:N RAMAL_SCREENSHOTS=docs/screenshots pytest
tests/ui/test_demo_card_actions.py``.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.desk.customer_actions import OrderChoices, order_from, service_order_dialog
from desktop.ixc.models import AccessStatus, CustomerRecord, Section
from desktop.ixc.pix_emv import check_br_code
from desktop.ixc.service_order_open import NewServiceOrder
from desktop.settings.model import Settings
from tests.ui.recording_engine import until
from tests.ui.ring_card import ring_for_card

ROOT = Path(__file__).resolve().parents[2]


def _shots(tmp_path: Path) -> Path:
    chosen = os.environ.get("RAMAL_SCREENSHOTS", "")
    folder = (ROOT / chosen if chosen and not Path(chosen).is_absolute()
              else Path(chosen) if chosen else tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder




async def test_each_demo_scenario_from_the_card(desk: tuple[RamalApp, DemoBackends],
                                                tmp_path: Path) -> None:
    ramal, backends = desk
    shots = _shots(tmp_path)
    actions = ramal.customer_actions
    actions.confirm = lambda _parent, _title, _text: True
    assert actions.whatsapp is not None
    actions.whatsapp.confirm = lambda _parent, _title, _text: True
    pdf = tmp_path / "segunda-via.pdf"
    actions.choose_pdf = lambda _parent, _name: pdf

    # 102: blocked → unlocked; PIX copia e cola (a real BR Code) sent on WhatsApp; 2ª via saved
    card = await ring_for_card(ramal, "bloqueio_automatico", "d1")
    contract = card.record.contracts[0]
    invoice = card.record.open_invoices[0]
    card.action_buttons[("unlock", contract.id)].click()
    await until(lambda: card.record.contracts[0].access_status is AccessStatus.ACTIVE)
    card.tabs.setCurrentIndex(card.tab_index(Section.INVOICES))
    card.action_buttons[("pix", invoice.id)].click()
    await until(lambda: card.action_panel.code.toPlainText())
    assert check_br_code(card.action_panel.code.toPlainText()) is not None
    copies = card.action_panel.copy_buttons
    assert copies and all(b.isVisibleTo(card) for b in copies), [b.label for b in copies]
    card.action_panel.share.click()
    await until(lambda: "enviado no WhatsApp" in card.action_panel.share_status.text())
    popup = ramal.popups["d1"]
    popup.grab().save(str(shots / "card_actions_pix.png"))
    card.action_buttons[("boleto", invoice.id)].click()
    await until(pdf.exists)
    assert pdf.read_bytes().startswith(b"%PDF")
    await until(lambda: len(card.action_notes) == 4)
    assert [n.split(" às ")[0] for n in card.action_notes] == [
        "Desbloqueio de confiança concedido", "PIX copia e cola gerado", "PIX enviado no WhatsApp",
        "2ª via do boleto gerada"]

    # 103: the unlock already used and still unpaid → IXC's 113, explained
    used = await ring_for_card(ramal, "bloqueio_manual", "d2")
    used.action_buttons[("unlock", used.record.contracts[0].id)].click()
    await until(lambda: "já usou" in used.action_panel.message.text())
    assert "recusado pelo IXC" in used.action_notes[-1] and "já usou" in used.action_notes[-1]

    # 105: offline login with a bad ONU signal: sessions and signal on opening Conexão; an OS
    offline = await ring_for_card(ramal, "os_aberta", "d3")
    offline.tabs.tabBarClicked.emit(offline.tab_index(Section.CONNECTIONS))
    offline.tabs.setCurrentIndex(offline.tab_index(Section.CONNECTIONS))
    await until(lambda: "ONU" in offline.action_panel.details.text())
    details = offline.action_panel.details.text()
    assert "-29.87" in details and "→" in details
    ramal.popups["d3"].grab().save(str(shots / "card_actions_conexao.png"))
    await until(lambda: actions.order_choices().subjects)

    def first_subject(parent: object, rec: CustomerRecord, settings: Settings, now: datetime,
                      choices: OrderChoices) -> NewServiceOrder | None:
        return order_from(service_order_dialog(offline, rec, settings, now, choices), rec)

    actions.ask_order = first_subject
    offline.action_buttons[("service-order", offline.record.customer.id)].click()
    await until(lambda: offline.action_notes and "aberta às" in offline.action_notes[-1])
    opened = [r for r in backends.ixc.tables["su_oss_chamado"]
              if r["id_cliente"] == str(offline.record.customer.id)
              and r["mensagem"].startswith("Aberta pelo Ramal")]
    assert len(opened) == 1 and f"OS {opened[0]['id']} aberta" in offline.action_notes[-1]
    for call_id, card_ in (("d1", card), ("d3", offline)):
        text = ramal.attendance_prompts.open_log_for_call(call_id).description.toPlainText()
        assert all(note in text for note in card_.action_notes)
