"""The "Áudio" page of the settings dialog: devices, volumes, ringtone, and a test button.

Self-contained: build it with the current :class:`AudioSettings`, read the edited ones back with
:meth:`AudioSettingsPage.settings`. "Testar" plays a short chime on the chosen headset/speaker and
shows the chosen microphone's level for a few seconds, so the agent can check both before a call.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.audio import devices
from desktop.audio.device_test import MicLevelMeter, SpeakerTestTone
from desktop.settings.model import AudioSettings

METER_SECONDS = 4


class AudioSettingsPage(QWidget):
    changed = Signal()

    def __init__(self, settings: AudioSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._initial = settings
        self.tone = SpeakerTestTone(self)
        self.meter = MicLevelMeter(self)

        self.microphone = QComboBox()
        self.speaker = QComboBox()
        self.ringer = QComboBox()
        self.speaker_volume = self._slider(settings.speaker_volume)
        self.microphone_volume = self._slider(settings.microphone_volume)
        self.ring_volume = self._slider(settings.ring_volume)
        self.ringtone = QLineEdit(settings.ringtone)
        self.ringtone.setPlaceholderText(self.tr("Toque padrão do Ramal"))
        choose = QPushButton(self.tr("Escolher…"))
        choose.clicked.connect(self._choose_ringtone)
        self.companion_ring = QCheckBox(self.tr("Tocar também no modo acompanhante"))
        self.companion_ring.setChecked(settings.companion_ring)
        self.test_button = QPushButton(self.tr("Testar"))
        self.test_button.clicked.connect(self.start_test)
        self.level = QProgressBar()
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setAccessibleName(self.tr("Nível do microfone"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        ringtone_row = QHBoxLayout()
        ringtone_row.addWidget(self.ringtone, 1)
        ringtone_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Fone / alto-falante"), self.speaker)
        form.addRow(self.tr("Volume do fone"), self.speaker_volume)
        form.addRow(self.tr("Microfone"), self.microphone)
        form.addRow(self.tr("Volume do microfone"), self.microphone_volume)
        form.addRow(self.tr("Campainha (onde o toque soa)"), self.ringer)
        form.addRow(self.tr("Volume da campainha"), self.ring_volume)
        form.addRow(self.tr("Toque"), ringtone_row)
        form.addRow("", self.companion_ring)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.level, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self._fill(self.speaker, "output", settings.speaker)
        self._fill(self.microphone, "input", settings.microphone)
        self._fill(self.ringer, "output", settings.ringer)
        for combo in (self.speaker, self.microphone, self.ringer):
            combo.currentIndexChanged.connect(self.changed)
        self.meter.levelChanged.connect(lambda value: self.level.setValue(round(value * 100)))
        self._meter_timer = QTimer(self)
        self._meter_timer.setSingleShot(True)
        self._meter_timer.timeout.connect(self.stop_test)
        self._media_devices = QMediaDevices(self)
        self._media_devices.audioOutputsChanged.connect(self._refresh)
        self._media_devices.audioInputsChanged.connect(self._refresh)

    # --- building ---------------------------------------------------------------------------

    def _slider(self, value: float) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(0, 100)
        slider.setValue(round(value * 100))
        slider.valueChanged.connect(self.changed)
        return slider

    def _fill(self, combo: QComboBox, kind: devices.DeviceKind, selected: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Padrão do sistema"), "")
        found = not selected
        for device in devices.list_devices(kind):
            combo.addItem(device.description, device.id)
            if selected in (device.id, device.description):
                combo.setCurrentIndex(combo.count() - 1)
                found = True
        if not found:
            # keep the agent's choice while that headset is unplugged; calls use the default
            combo.addItem(self.tr("{name} (desconectado)").format(name=selected), selected)
            combo.setCurrentIndex(combo.count() - 1)
        combo.blockSignals(False)

    def _refresh(self) -> None:
        self._fill(self.speaker, "output", self._value(self.speaker))
        self._fill(self.microphone, "input", self._value(self.microphone))
        self._fill(self.ringer, "output", self._value(self.ringer))

    @staticmethod
    def _value(combo: QComboBox) -> str:
        data = combo.currentData()
        return data if isinstance(data, str) else ""

    def select(self, combo: QComboBox, device_id: str) -> None:
        index = combo.findData(device_id)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _choose_ringtone(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Escolher toque"), "",
                                              self.tr("Áudio WAV (*.wav)"))
        if path:
            self.ringtone.setText(path)
            self.changed.emit()

    # --- result -----------------------------------------------------------------------------

    def settings(self) -> AudioSettings:
        return dataclasses.replace(
            self._initial,
            microphone=self._value(self.microphone),
            speaker=self._value(self.speaker),
            ringer=self._value(self.ringer),
            ringtone=self.ringtone.text().strip(),
            speaker_volume=self.speaker_volume.value() / 100,
            microphone_volume=self.microphone_volume.value() / 100,
            ring_volume=self.ring_volume.value() / 100,
            companion_ring=self.companion_ring.isChecked(),
        )

    # --- test -------------------------------------------------------------------------------

    def start_test(self) -> None:
        chosen = self.settings()
        speaker = self.tone.play(chosen.speaker, chosen.speaker_volume)
        microphone = self.meter.start(chosen.microphone, chosen.microphone_volume)
        self.status.setText(self.tr(
            "Tocando em “{speaker}”. Fale no microfone “{microphone}”: a barra deve se mexer."
        ).format(speaker=speaker, microphone=microphone))
        self._meter_timer.start(METER_SECONDS * 1000)

    def stop_test(self) -> None:
        self._meter_timer.stop()
        self.tone.stop()
        self.meter.stop()
        self.level.setValue(0)

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_test()
        super().hideEvent(event)
