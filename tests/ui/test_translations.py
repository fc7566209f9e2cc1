from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
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


def _catalogue_script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "update_catalogue", ROOT / "resources/i18n/update_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_catalogue"] = module
    spec.loader.exec_module(module)
    return module


def test_the_extractors_find_widget_and_domain_strings() -> None:
    module = _catalogue_script()
    widgets = module.lupdate_messages()
    assert ("RingPopup", "Atender", False) in widgets
    assert ("RamalTray", "%n chamada(s) perdida(s)", True) in widgets
    domain = module.domain_messages()
    assert ("CustomerBadges", "Financeiro em dia", False) in domain
    assert ("ixc.status", "Bloqueio automático", False) in domain
    assert ("config", "Falta a chave obrigatória \"{key}\".", False) in domain


def test_every_string_in_the_source_has_an_english_translation() -> None:
    """The catalogue stays complete: a new tr() string fails here until
    ``resources/i18n/update_catalogue.py en`` is run and the string translated."""
    module = _catalogue_script()
    tree = ET.parse(ROOT / "resources/i18n/ramal_en.ts")
    translated: dict[tuple[str, str], bool] = {}
    plain: list[tuple[str, str, str]] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            kind = translation.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            texts = ([t.text for t in translation.iter("numerusform")]
                     if message.get("numerus") == "yes" else [translation.text])
            source = message.findtext("source") or ""
            translated[(name, source)] = (
                kind != "unfinished" and all(t and t.strip() for t in texts))
            if message.get("numerus") != "yes" and translation.text:
                plain.append((name, source, translation.text))
    unfinished = sorted(key for key, done in translated.items() if not done)
    assert not unfinished, f"untranslated in ramal_en.ts: {unfinished[:10]}"
    in_source = {(c, s) for c, s, _n in module.lupdate_messages() + module.domain_messages()}
    missing = sorted(in_source - set(translated))
    assert not missing, f"not in ramal_en.ts (run update_catalogue.py): {missing[:10]}"
    # and the .qm the app loads was compiled from this .ts (lrelease ran after the last edit)
    translator = QTranslator()
    assert translator.load(str(ROOT / "resources/i18n/ramal_en.qm"))
    stale = [(c, src) for c, src, en in plain if translator.translate(c, src) != en]
    assert not stale, f"ramal_en.qm older than ramal_en.ts (run update_catalogue.py): {stale[:5]}"
