from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ixc.models import AccessStatus
from desktop.ui.customer_badges import record_badges
from desktop.ui.ring_popup import RingPopup
from desktop.ui.translations import install_translators
from desktop.ui.tray import RamalTray
from desktop.ui.view_models import CallView
from tests.ui.records import complete_record

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def english(qapp: QApplication) -> Iterator[list[str]]:
    loaded = install_translators(qapp, "en")
    yield loaded
    install_translators(qapp, "pt_BR")


def test_english_catalogue_translates_widgets_and_domain_labels(
        english: list[str], qtbot: QtBot) -> None:
    assert "ramal_en" in english
    popup = RingPopup(CallView("c1", "+5511987654321"))
    qtbot.addWidget(popup)
    assert popup.answer_button.text() == "Answer"
    assert popup.lookup_label.text() == "searching IXC…"
    tray = RamalTray()
    tray.set_missed(2)
    assert tray.state_text() == "Offline · 2 missed calls"
    tray.set_not_logged(1)
    assert tray.state_text() == "Offline · 2 missed calls · 1 attendance not logged"
    popup.set_attendance_available(True)
    assert popup.log_button.text() == "Log attendance"
    assert popup.log_button.toolTip() == "Available once the call is answered."
    assert AccessStatus.BLOCKED_AUTOMATIC.label == "Automatic block"
    assert [b.text for b in record_badges(complete_record())][:2] == [
        "Active", "Billing up to date"]


def test_portuguese_is_the_source(qapp: QApplication, qtbot: QtBot) -> None:
    install_translators(qapp, "pt_BR")
    popup = RingPopup(CallView("c1", "+5511987654321"))
    qtbot.addWidget(popup)
    assert popup.answer_button.text() == "Atender"


def test_the_extractors_find_widget_and_domain_strings() -> None:
    spec = importlib.util.spec_from_file_location(
        "update_catalogue", ROOT / "resources/i18n/update_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_catalogue"] = module
    spec.loader.exec_module(module)
    widgets = module.lupdate_messages()
    assert ("RingPopup", "Atender", False) in widgets
    assert ("RamalTray", "%n chamada(s) perdida(s)", True) in widgets
    domain = module.domain_messages()
    assert ("CustomerBadges", "Financeiro em dia", False) in domain
    assert ("ixc.status", "Bloqueio automático", False) in domain
    assert ("config", "Falta a chave obrigatória \"{key}\".", False) in domain
