"""What the desk says outside a call: the line state, notices, the tray's counts, do-not-disturb.

The tray and the main window's status bar show the same news; this controller is the one place
that decides the words (a headset that went away, a notice shortened for a notification) and
keeps the counts, so the composition root only connects signals to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.audio.desk_audio import DeskAudio
from desktop.desk.call_desk import CallDesk
from desktop.i18n import tr
from desktop.ui.formatting import notification_text
from desktop.ui.main_window import MainWindow
from desktop.ui.tray import RamalTray
from desktop.ui.view_models import HistoryFilter, LineState

__all__ = ["StatusPresenter"]

# the strings were written for the composition root; their catalogue context stays
_CONTEXT = "app"

_HISTORY_TAB = 1
_NOTICE_MS = 10000


class StatusPresenter(QObject):
    def __init__(self, tray: RamalTray, window: MainWindow, call_desk: CallDesk,
                 audio: DeskAudio | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = tray
        self.window = window
        self.call_desk = call_desk
        self.audio = audio
        self.not_logged = 0        # answered calls not yet logged in IXC (the tray's badge)

    def set_line(self, state: LineState, detail: str = "") -> None:
        self.tray.set_line_state(state, detail)
        self.window.set_line_state(state, detail)

    def notice(self, text: str) -> None:
        self.window.statusBar().showMessage(text, _NOTICE_MS)
        self.tray.icon.showMessage("Ramal", notification_text(text, 200))

    def set_not_logged(self, count: int) -> None:
        self.not_logged = count
        self.tray.set_not_logged(count)

    def set_dnd(self, on: bool) -> None:
        """Do-not-disturb: no popup, no ring; the tray and the window show it."""
        self.call_desk.dnd = on
        self.tray.set_dnd(on)
        self.window.set_dnd(on)
        if self.audio is not None:
            self.audio.set_dnd(on)

    def show_not_logged(self) -> None:
        self._show_history(HistoryFilter.NOT_LOGGED)

    def show_missed(self) -> None:
        self.call_desk.reset_missed()
        self._show_history(HistoryFilter.MISSED)

    def _show_history(self, which: HistoryFilter) -> None:
        self.window.history.filter_buttons[which].setChecked(True)
        self.window.tabs.setCurrentIndex(_HISTORY_TAB)
        self.window.bring_to_front()

    def device_fallback(self, kind: str, lost: str, now_using: str) -> None:
        """HeadsetAudio lost (or never found) the chosen device; the call goes on."""
        if not lost and not now_using:
            # no device of this kind at all (the null default device has no name)
            text = (tr(_CONTEXT, "Nenhum alto-falante encontrado: você não ouve a ligação.")
                    if kind == "output" else
                    tr(_CONTEXT, "Nenhum microfone encontrado: o cliente não ouve você."))
        elif kind == "output":
            text = (tr(_CONTEXT, "O fone \"{lost}\" não está disponível: o áudio da ligação "
                                 "está em \"{now}\".") if now_using else
                    tr(_CONTEXT, "O fone \"{lost}\" não está disponível e não há outro "
                                 "dispositivo de som: você não ouve a ligação."))
        else:
            text = (tr(_CONTEXT, "O microfone \"{lost}\" não está disponível: usando "
                                 "\"{now}\".") if now_using else
                    tr(_CONTEXT, "O microfone \"{lost}\" não está disponível e não há outro: "
                                 "o cliente não ouve você."))
        self.notice(text.format(lost=lost, now=now_using))
