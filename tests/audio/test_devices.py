"""Device listing and selection against the private PulseAudio server."""

from __future__ import annotations

from conftest import HEADSET, MIC, SPEAKERS
from pulse_testbed import PulseServer

from desktop.audio import devices


def test_qt_lists_the_headset_speakers_and_microphone(pulse: PulseServer, qapp: object) -> None:
    outputs = {d.id: d for d in devices.list_devices("output")}
    inputs = {d.id: d for d in devices.list_devices("input")}
    assert {HEADSET, SPEAKERS} <= set(outputs), outputs
    assert MIC in inputs, inputs
    assert outputs[HEADSET].description == "Headset USB"
    assert outputs[SPEAKERS].is_default


def test_a_setting_names_a_device_by_id_or_description(pulse: PulseServer, qapp: object) -> None:
    by_id = devices.find_device("output", HEADSET)
    by_description = devices.find_device("output", "headset usb")  # case does not matter
    assert by_id is not None and by_description is not None
    assert devices.device_id(by_id) == devices.device_id(by_description) == HEADSET
    assert devices.find_device("output", "Headset que não existe") is None
    # an unknown or empty setting means the system default, never "no audio"
    assert devices.device_id(devices.resolve_device("output", "sumiu")) == SPEAKERS
    assert devices.device_id(devices.resolve_device("input", "")) == MIC
