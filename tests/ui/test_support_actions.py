"""Ramal → "Exportar diagnóstico…" and "Sobre o Ramal", from the main window's menu, offscreen
against the desk with the demo's simulators; the export runs this checkout's real --self-test."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.demo.desk_demo import DemoBackends
from desktop.sip.events import IncomingCall
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import until


def _logs(tmp_path: Path, secret: str) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "ramal.log").write_text(f"INFO ixc: GET cliente token={secret}\n")
    return folder


async def test_export_writes_the_zip_with_a_self_test_and_says_where(
        desk: tuple[DeskUnderTest, DemoBackends], tmp_path: Path, qtbot: QtBot) -> None:
    ramal, _ = desk
    token = ramal.settings.ixc.token
    assert token
    ramal.support.log_dir = _logs(tmp_path, token)
    target = tmp_path / "suporte" / "diag.zip"
    target.parent.mkdir()
    suggested: list[Path] = []

    def choose(_parent: object, proposal: Path) -> Path:
        suggested.append(proposal)
        return target

    ramal.support.choose_path = choose
    with qtbot.waitSignal(ramal.support.exported, timeout=60_000) as done:
        ramal.window.diagnostics_action.trigger()
        await until(lambda: not ramal.support.exporting, 60)
    assert done.args == [str(target)]
    assert suggested[0].name.startswith("ramal-diagnostico-") and suggested[0].suffix == ".zip"
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert {"logs/ramal.log", "config/settings-effective.txt", "sobre.txt",
                "selftest.txt"} <= names
        everything = "".join(archive.read(n).decode() for n in names)
        selftest = archive.read("selftest.txt").decode()
    assert token not in everything                       # the log line was redacted again
    assert "self-test:" in selftest and "sqlite" in selftest and "código de saída" in selftest
    box = ramal.support.result_box
    assert box is not None and box.icon() is QMessageBox.Icon.Information
    assert str(target) in box.text() and box.textFormat() is Qt.TextFormat.PlainText


async def test_the_desk_keeps_working_while_the_export_runs(
        desk: tuple[DeskUnderTest, DemoBackends], tmp_path: Path) -> None:
    ramal, _ = desk
    release = asyncio.Event()

    async def slow_self_test() -> str:
        await release.wait()
        return "self-test: ok\n"

    ramal.support.log_dir = _logs(tmp_path, "x")
    ramal.support.self_test = slow_self_test
    ramal.support.choose_path = lambda _p, _s: tmp_path / "d.zip"
    ramal.support.export()
    assert ramal.support.exporting
    # a call rings meanwhile: the popup appears while the export is still waiting
    ramal.handle_event(IncomingCall("c1", "+5511987654321", "", False, False, "<sip:x@y>"))
    assert "c1" in ramal.popups and ramal.support.exporting
    ramal.support.export()                      # a second click while busy: ignored
    release.set()
    await until(lambda: (tmp_path / "d.zip").is_file() and not ramal.support.exporting)
    with zipfile.ZipFile(tmp_path / "d.zip") as archive:
        assert archive.read("selftest.txt").decode() == "self-test: ok\n"


async def test_an_unwritable_place_is_said_in_portuguese(
        desk: tuple[DeskUnderTest, DemoBackends], tmp_path: Path, qtbot: QtBot) -> None:
    ramal, _ = desk
    ramal.support.log_dir = _logs(tmp_path, "x")
    ramal.support.self_test = None
    ramal.support.choose_path = lambda _p, _s: tmp_path / "não existe" / "d.zip"
    with qtbot.waitSignal(ramal.support.export_failed, timeout=10_000) as failed:
        ramal.support.export()
        await until(lambda: not ramal.support.exporting)
    assert failed.args[0].startswith("Não foi possível salvar o diagnóstico em ")
    box = ramal.support.result_box
    assert box is not None and box.icon() is QMessageBox.Icon.Warning
    assert not ramal.support.exporting


async def test_cancelling_the_file_dialog_writes_nothing(
        desk: tuple[DeskUnderTest, DemoBackends], tmp_path: Path) -> None:
    ramal, _ = desk
    ramal.support.choose_path = lambda _p, _s: None
    ramal.support.export()
    assert not ramal.support.exporting and ramal.support.result_box is None


async def test_about_lists_versions_licences_and_pjproject_source(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _ = desk
    ramal.window.about_action.trigger()
    dialog = ramal.support.about_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {dialog.components.item(r, 0).text(): [dialog.components.item(r, c).text()
                                                  for c in range(1, 4)]
            for r in range(dialog.components.rowCount())}
    pjproject = rows["pjproject (pjsua2)"]
    assert pjproject[0][0].isdigit() and pjproject[1] == "GPL-2.0-or-later"
    assert pjproject[2].startswith("https://github.com/pjsip/pjproject/tree/")
    assert {"Qt", "PySide6", "Python", "httpx"} <= set(rows)
    notice = dialog.gpl_notice.full_text
    assert "GNU GPL" in notice and "pjsip/pjproject" in notice
    assert "GNU GENERAL PUBLIC LICENSE" in dialog.licence_view.toPlainText()
    dialog.licence_choice.setCurrentIndex(dialog.licence_choice.findData("LGPL-3.0.txt"))
    assert "LESSER GENERAL PUBLIC LICENSE" in dialog.licence_view.toPlainText()
    for label in dialog.findChildren(QLabel):
        if label.text():
            assert label.textFormat() is Qt.TextFormat.PlainText, label.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.info.as_text()
    ramal.window.about_action.trigger()           # one dialog, raised again
    assert ramal.support.about_dialog is dialog
