from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.ui.icons import tray_pixmap
from desktop.ui.tray import RamalTray
from desktop.ui.view_models import LineState


def test_tray_reflects_line_state_dnd_and_missed_calls(qtbot: QtBot) -> None:
    tray = RamalTray()
    assert tray.state_text() == "Desconectado"
    tray.set_line_state(LineState.REGISTERING)
    assert tray.icon.toolTip() == "Ramal — Registrando o ramal…"
    tray.set_line_state(LineState.FAILED, "403 Forbidden")
    assert tray.icon.toolTip() == "Ramal — Falha no registro (403 Forbidden)"
    tray.set_line_state(LineState.REGISTERED)
    with qtbot.waitSignal(tray.dnd_toggled) as toggled:
        tray.dnd_action.trigger()
    assert toggled.args == [True]
    tray.set_missed(3)
    assert tray.icon.toolTip() == ("Ramal — Ramal registrado · Não perturbe · "
                                   "3 chamada(s) perdida(s)")


def test_tray_icon_pixels_change_with_state() -> None:
    def image(state: LineState, dnd: bool = False, missed: int = 0) -> bytes:
        return bytes(tray_pixmap(state, dnd, missed, 32).toImage().constBits())

    states = {image(s) for s in LineState}
    assert len(states) == len(LineState)
    assert image(LineState.REGISTERED, dnd=True) not in states
    assert image(LineState.REGISTERED, missed=2) != image(LineState.REGISTERED)


def test_set_dnd_from_elsewhere_does_not_echo(qtbot: QtBot) -> None:
    tray = RamalTray()
    with qtbot.assertNotEmitted(tray.dnd_toggled):
        tray.set_dnd(True)
    assert tray.dnd_action.isChecked() and "Não perturbe" in tray.state_text()


def test_menu_has_open_dnd_quit(qtbot: QtBot) -> None:
    tray = RamalTray()
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator() and a.isVisible()]
    assert texts == ["Abrir o Ramal", "Não perturbe", "Sair"]
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()


def test_calls_not_logged_show_as_a_count_a_badge_and_a_menu_entry(qtbot: QtBot) -> None:
    tray = RamalTray()
    tray.set_line_state(LineState.REGISTERED)
    tray.set_missed(1)
    tray.set_not_logged(2)
    assert tray.icon.toolTip() == ("Ramal — Ramal registrado · 1 chamada(s) perdida(s) · "
                                   "2 atendimento(s) sem registro")
    assert tray.not_logged_action.isVisible()
    assert tray.not_logged_action.text() == "2 atendimento(s) sem registro"
    with qtbot.waitSignal(tray.not_logged_clicked):
        tray.not_logged_action.trigger()
    badge = bytes(tray_pixmap(LineState.REGISTERED, False, 0, 32, not_logged=2)
                  .toImage().constBits())
    assert badge != bytes(tray_pixmap(LineState.REGISTERED, False, 0, 32).toImage().constBits())
    assert badge != bytes(tray_pixmap(LineState.REGISTERED, False, 2, 32).toImage().constBits())
    tray.set_not_logged(0)
    assert not tray.not_logged_action.isVisible()
    assert "sem registro" not in tray.icon.toolTip()
