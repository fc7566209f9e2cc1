"""A call's 3CX recording played in Ramal (Qt Multimedia), with 3CX's summary and
transcription when the PBX made them, and "Salvar…". It only plays a local file the desk
downloaded; it never talks to 3CX itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.formatting import clip, single_line


def _clock(ms: int) -> str:
    minutes, seconds = divmod(max(0, ms) // 1000, 60)
    return f"{minutes}:{seconds:02d}"


class RecordingPlayer(QDialog):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gravação da chamada"))
        self.resize(520, 380)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        controls = QHBoxLayout()
        self.play_button = QPushButton(self.tr("Tocar"))
        self.play_button.clicked.connect(self.toggle)
        self.position = QSlider()
        self.position.setOrientation(self.position.orientation().Horizontal)
        self.position.sliderMoved.connect(self.player.setPosition)
        self.time_label = QLabel("0:00 / 0:00")
        self.save_button = QPushButton(self.tr("Salvar…"))
        self.save_button.clicked.connect(self.save_requested)
        for widget in (self.play_button, self.position, self.time_label, self.save_button):
            controls.addWidget(widget)
        layout.addLayout(controls)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.transcription = QPlainTextEdit()
        self.transcription.setReadOnly(True)
        layout.addWidget(self.transcription, 1)
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(self._state)
        self.player.errorOccurred.connect(self._error)

    def load(self, path: Path, title: str, summary: str = "", transcription: str = "") -> None:
        self.title.setText(clip(single_line(title), 200))
        self.summary.setText(self.tr("Resumo do 3CX: {summary}").format(
            summary=clip(summary, 2000)) if summary else self.tr(
            "O 3CX não fez resumo desta gravação."))
        self.transcription.setPlainText(transcription)
        self.transcription.setVisible(bool(transcription))
        self.player.setSource(QUrl.fromLocalFile(str(path)))

    def toggle(self) -> None:
        if self.player.playbackState() is QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _duration(self, ms: int) -> None:
        self.position.setRange(0, ms)
        self._position(self.player.position())

    def _position(self, ms: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(ms)
        self.time_label.setText(f"{_clock(ms)} / {_clock(self.player.duration())}")

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state is QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pausar") if playing else self.tr("Tocar"))

    def _error(self, _error: QMediaPlayer.Error, _text: str) -> None:
        self.title.setText(self.tr("Não foi possível tocar a gravação aqui; use \"Salvar…\" "
                                   "e abra o arquivo em outro programa."))

    def done(self, result: int) -> None:
        self.player.stop()
        super().done(result)
