from __future__ import annotations

import ast
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
    assert ("attendance_ui", "Atendida em outro aparelho", False) in domain   # N_() table
    assert ("lookup", "ALERTA", False) in domain        # through ``t = lambda s: tr(...)``


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


def _catalogue_sources() -> set[tuple[str, str]]:
    tree = ET.parse(ROOT / "resources/i18n/ramal_en.ts")
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in tree.getroot().iter("context")
            for message in context.iter("message")
            if (message.find("translation") is not None
                and message.find("translation").get("type") not in  # type: ignore[union-attr]
                ("vanished", "obsolete", "unfinished"))}


def test_every_label_a_table_produces_is_in_the_catalogue(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Labels translated through a variable (status codes, call outcomes, card sections...):
    what they produce at run time, for every value of their tables, is translated."""
    from desktop import i18n
    from desktop.desk.attendance_controller import outcome_label
    from desktop.ixc.models import MatchKind, SearchKind, Section
    from desktop.ixc.statuses import CodedStatus
    from desktop.store.history import CallOutcome

    asked: list[tuple[str, str]] = []

    def recording(context: str, text: str) -> str:
        asked.append((context, text))
        return text

    monkeypatch.setattr(i18n, "_translate", recording)
    for kind in CodedStatus.__subclasses__():
        for status in kind:
            assert status.label
    for enum_type in (Section, MatchKind, SearchKind):
        for member in enum_type:
            assert member.label
    for outcome in [*CallOutcome, None]:
        assert outcome_label(outcome)
    assert ("attendance_ui", "Recusada") in asked
    missing = sorted(set(asked) - _catalogue_sources())
    assert not missing, f"labels not translated in ramal_en.ts: {missing[:10]}"


def _marked_table(value: ast.expr | None) -> bool:
    """A table whose every label is wrapped in ``N_(context, "…")`` (tables may nest)."""
    if isinstance(value, ast.Dict):
        return bool(value.values) and all(_marked_table(v) for v in value.values)
    return (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id == "N_")


def test_text_translated_through_a_variable_comes_from_a_marked_table() -> None:
    """``tr(context, variable)`` hides the text from the extractor: it is allowed only when the
    variable reads a module-level table whose labels are marked with ``N_()`` (or it is the
    parameter of a ``t = lambda s: tr(...)`` alias, whose calls the extractor reads)."""
    unmarked: list[str] = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tables = {}
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if isinstance(target, ast.Name):
                    tables[target.id] = _marked_table(node.value)
        alias_params = {arg.arg for node in ast.walk(tree) if isinstance(node, ast.Lambda)
                        for arg in node.args.args}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and len(node.args) == 2):
                continue
            text = node.args[1]
            if isinstance(text, ast.Constant):
                continue
            root = text
            while isinstance(root, ast.Subscript):
                root = root.value
            if isinstance(root, ast.Name) and (tables.get(root.id)
                                               or (root is text and root.id in alias_params)):
                continue
            unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert not unmarked, "mark the table's labels with N_(context, text): " + "; ".join(unmarked)
