"""3CX recordings on the desk: "Gravação" on a history row finds the call's recording over XAPI
(extension + remote number + answer time ± ``match_window_s``: there is no shared call id),
downloads it into a private folder, plays it in :class:`RecordingPlayer` or saves it where the
agent chooses; and when 3CX summarised or transcribed it, that text goes to the IXC ticket of
the call's attendance as a follow-up, through the outbox (once per ticket and recording).

Recordings are a customer's voice: the downloaded copies live in an owner-only temporary
folder removed when the desk closes, and saving elsewhere is the agent's explicit choice.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from desktop.forward.recording_note import attendance_ticket_id, enqueue_recording_note
from desktop.i18n import tr
from desktop.phone.numbers import format_number
from desktop.settings.model import Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.history import CallHistory
from desktop.store.outbox import Outbox
from desktop.threecx.call_recordings import find_recordings, recording_note
from desktop.threecx.client import XapiClient
from desktop.threecx.errors import XapiError
from desktop.threecx.models import Recording
from desktop.ui.history_view import HistoryView
from desktop.ui.recording_player import RecordingPlayer

log = logging.getLogger(__name__)

_CONTEXT = "recordings"

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


class RecordingsController(QObject):
    notice = Signal(str)
    notes_queued = Signal(int)          # how many follow-ups went to the outbox

    def __init__(self, settings: Callable[[], Settings], history: CallHistory,
                 view: HistoryView, xapi: Callable[[], XapiClient | None], spawn: Spawn, *,
                 outbox: Outbox | None = None, attendances: AttendanceStore | None = None,
                 wake_outbox: Callable[[], None] = lambda: None,
                 now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
                 choose_file: Callable[[str], str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._history = history
        self._view = view
        self._xapi = xapi
        self._spawn = spawn
        self._outbox = outbox
        self._attendances = attendances
        self._wake_outbox = wake_outbox
        self._now = now
        self.choose_file = choose_file or self._ask_file
        self._folder: Path | None = None
        self.player: RecordingPlayer | None = None
        self.current: tuple[Recording, Path] | None = None
        view.recording_requested.connect(self.open_for_call)

    def announce(self) -> None:
        """The "Gravação" button only where XAPI is configured (at start, after a save)."""
        self._view.set_recordings_available(self._xapi() is not None)

    def open_for_call(self, call_id: int) -> None:
        self._spawn(self.play(call_id))

    def _private_folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="ramal-gravacoes-"))
            os.chmod(self._folder, 0o700)
        return self._folder

    async def fetch(self, call_id: int) -> tuple[Recording, Path] | None:
        """The call's recording downloaded into the private folder, or None (said in a notice)."""
        client = self._xapi()
        if client is None:
            self.notice.emit(tr(_CONTEXT, "Gravações indisponíveis: configure a API do 3CX "
                                          "([threecx] url, client_id e chave)."))
            return None
        settings = self._settings()
        call = self._history.get(call_id)
        try:
            found = await find_recordings(client, [call], extension=settings.sip.extension,
                                          window_s=settings.threecx.match_window_s)
            match = found.get(call_id)
            if match is None:
                self.notice.emit(tr(_CONTEXT, "O 3CX não tem gravação desta chamada (a gravação "
                                              "pode estar desligada para este ramal ou fila)."))
                return None
            data = await client.download_recording(match.recording.id)
        except XapiError as exc:
            self.notice.emit(tr(_CONTEXT, "Gravação: {why}").format(why=str(exc)))
            return None
        path = self._private_folder() / f"gravacao-{match.recording.id}.wav"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        self.append_notes(call_id, match.recording)
        self.current = (match.recording, path)
        return self.current

    async def play(self, call_id: int) -> RecordingPlayer | None:
        fetched = await self.fetch(call_id)
        if fetched is None:
            return None
        recording, path = fetched
        call = self._history.get(call_id)
        if self.player is None:
            self.player = RecordingPlayer(self._view)
            self.player.save_requested.connect(self.save_current)
        title = tr(_CONTEXT, "{number} · {when}").format(
            number=format_number(call.number),
            when=recording.start.astimezone().strftime("%d/%m/%Y %H:%M"))
        self.player.load(path, title, recording.summary or "", recording.transcription or "")
        self.player.show()
        self.player.player.play()
        return self.player

    def _ask_file(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._view, tr(_CONTEXT, "Salvar gravação"),
                                              suggested, tr(_CONTEXT, "Áudio WAV (*.wav)"))
        return path

    def save_current(self) -> Path | None:
        if self.current is None:
            return None
        recording, source = self.current
        chosen = self.choose_file(f"gravacao-{recording.start:%Y%m%d-%H%M}-{recording.id}.wav")
        if not chosen:
            return None
        target = Path(chosen)
        try:
            shutil.copyfile(source, target)
            os.chmod(target, 0o600)
        except OSError as exc:
            self.notice.emit(tr(_CONTEXT, "Não foi possível salvar {path}: {error}.").format(
                path=target, error=exc.strerror or type(exc).__name__))
            return None
        self.notice.emit(tr(_CONTEXT, "Gravação salva em {path}.").format(path=target))
        return target

    def append_notes(self, call_id: int, recording: Recording) -> int:
        """3CX's summary/transcription to the ticket of each attendance logged for the call."""
        if self._outbox is None or self._attendances is None:
            return 0
        note = recording_note(recording)
        if note.empty:
            return 0
        queued = 0
        for attendance in self._attendances.for_call(call_id):
            ticket = attendance_ticket_id(self._outbox, attendance.id)
            if ticket is None:
                continue       # not in IXC yet: the next "Gravação" of this call appends it
            if enqueue_recording_note(self._outbox, ticket_id=ticket, note=note,
                                      attendance_id=attendance.id, now=self._now()):
                queued += 1
        if queued:
            self._wake_outbox()
            self.notes_queued.emit(queued)
        return queued

    def close(self) -> None:
        if self.player is not None:
            self.player.player.stop()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
