"""The desk asks PulseAudio for a short stream buffer, unless told otherwise."""

from __future__ import annotations

from desktop.audio.pulse_latency import PULSE_LATENCY_MS, prefer_low_latency_pulse


def test_set_on_linux_when_absent() -> None:
    env: dict[str, str] = {}
    assert prefer_low_latency_pulse(env, platform="linux")
    assert env == {"PULSE_LATENCY_MSEC": str(PULSE_LATENCY_MS)}


def test_a_value_already_set_wins() -> None:
    env = {"PULSE_LATENCY_MSEC": "80"}
    assert not prefer_low_latency_pulse(env, platform="linux")
    assert env["PULSE_LATENCY_MSEC"] == "80"


def test_not_on_windows() -> None:
    env: dict[str, str] = {}
    assert not prefer_low_latency_pulse(env, platform="win32")
    assert env == {}
