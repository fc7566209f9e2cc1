"""Which audio devices exist and which one a setting means.

Settings name a device by Qt's id (stable across restarts on PulseAudio/WASAPI/CoreAudio) or,
when written by hand, by its description ("Headset USB"). An empty setting, or a device that is
not plugged in, means the system default: a call must never fail for want of the right headset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtMultimedia import QAudioDevice, QMediaDevices

DeviceKind = Literal["output", "input"]


@dataclass(frozen=True)
class AudioDeviceInfo:
    id: str
    description: str
    is_default: bool


def _id(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


def _qt_devices(kind: DeviceKind) -> list[QAudioDevice]:
    return list(QMediaDevices.audioOutputs() if kind == "output" else QMediaDevices.audioInputs())


def default_device(kind: DeviceKind) -> QAudioDevice:
    return (QMediaDevices.defaultAudioOutput() if kind == "output"
            else QMediaDevices.defaultAudioInput())


def list_devices(kind: DeviceKind) -> list[AudioDeviceInfo]:
    return [AudioDeviceInfo(_id(d), d.description(), d.isDefault()) for d in _qt_devices(kind)]


def device_id(device: QAudioDevice) -> str:
    return _id(device)


def find_device(kind: DeviceKind, key: str) -> QAudioDevice | None:
    """The device whose id, or else whose description, is ``key``; None if not present."""
    if not key:
        return None
    devices = _qt_devices(kind)
    for device in devices:
        if _id(device) == key:
            return device
    for device in devices:
        if device.description() == key:
            return device
    folded = key.casefold()
    for device in devices:
        if device.description().casefold() == folded:
            return device
    return None


def resolve_device(kind: DeviceKind, key: str) -> QAudioDevice:
    """The device ``key`` names if present, else the system default (possibly a null device
    when the machine has no audio at all: check ``isNull()``)."""
    return find_device(kind, key) or default_device(kind)


def is_present(kind: DeviceKind, device: QAudioDevice) -> bool:
    wanted = _id(device)
    return any(_id(d) == wanted for d in _qt_devices(kind))
