"""The PCM helpers, ring buffer and DTMF table: pure Python, no devices."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.audio.dtmf import DTMF_FREQS, dtmf_tone
from desktop.pcm import samples as pcm
from desktop.pcm.ring_buffer import PcmRingBuffer


def dominant(data: bytes, rate: int, candidates: tuple[float, ...]) -> float:
    return max(candidates, key=lambda f: pcm.goertzel_power(data, rate, f))


@pytest.fixture(params=["audioop", "python"])
def pcm_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on the C path (audioop, 3.11/3.12) and on the plain-Python fallback (3.13+)."""
    assert pcm._audioop is not None   # the supported interpreters have it
    if request.param == "python":
        monkeypatch.setattr(pcm, "_audioop", None)
    return str(request.param)


@pytest.mark.parametrize(("src", "dst"), [(16000, 48000), (48000, 16000), (16000, 44100),
                                          (44100, 16000), (8000, 16000), (16000, 8000)])
def test_resampling_keeps_the_pitch_and_the_duration(src: int, dst: int, pcm_path: str) -> None:
    tone = pcm.tone((440.0,), src, 1000, 0.5)
    resampler = pcm.StreamResampler(src, dst)
    frame = pcm.frame_bytes(src, 20)
    # fed in 20 ms frames, as the bridge does: state must carry across chunks
    out = b"".join(resampler.process(tone[i: i + frame]) for i in range(0, len(tone), frame))
    assert abs(len(out) // 2 - dst) <= dst // 100
    assert dominant(out, dst, (300.0, 440.0, 660.0, 880.0)) == 440.0
    assert pcm.goertzel_power(out, dst, 440.0) > 0.8 * pcm.goertzel_power(tone, src, 440.0)


def test_chunked_upsampling_has_no_clicks_at_frame_joins(pcm_path: str) -> None:
    tone = pcm.tone((440.0,), 16000, 200, 0.5)
    resampler = pcm.StreamResampler(16000, 48000)
    out = pcm.to_samples(b"".join(resampler.process(tone[i: i + 640])
                                  for i in range(0, len(tone), 640)))
    # a 440 Hz sine at 48 kHz moves at most 2π·440/48000·A per sample
    max_step = max(abs(a - b) for a, b in zip(out[1:], out[:-1], strict=False))
    assert max_step < 0.5 * 32767 * 2 * 3.1416 * 440 / 48000 * 1.5


@given(st.binary(min_size=0, max_size=400).map(lambda b: b[: len(b) - len(b) % 2]),
       st.floats(min_value=0.0, max_value=4.0))
def test_volume_saturates_instead_of_wrapping(data: bytes, gain: float) -> None:
    out = pcm.to_samples(pcm.scale(data, gain))
    for before, after in zip(pcm.to_samples(data), out, strict=True):
        expected = max(-32768, min(32767, int(before * gain)))
        assert after == expected


def test_channel_conversions_round_trip(pcm_path: str) -> None:
    mono = pcm.tone((440.0,), 16000, 50)
    stereo = pcm.mono_to_channels(mono, 2)
    assert len(stereo) == 2 * len(mono)
    assert pcm.to_samples(stereo)[0::2] == pcm.to_samples(mono)
    assert pcm.to_samples(stereo)[1::2] == pcm.to_samples(mono)
    assert pcm.channels_to_mono(stereo, 2) == mono


def test_the_c_path_and_the_python_path_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    left, right = pcm.tone((440.0,), 48000, 40, 0.7), pcm.tone((1000.0,), 48000, 40, 0.9)
    stereo = pcm.to_bytes(pcm.to_samples(left) + pcm.to_samples(right))  # any interleaving
    loud = pcm.tone((300.0,), 16000, 40, 0.9)
    results = []
    for audioop in (pcm._audioop, None):
        monkeypatch.setattr(pcm, "_audioop", audioop)
        down = pcm.StreamResampler(48000, 16000)
        results.append((pcm.to_samples(pcm.channels_to_mono(stereo, 2)),
                        pcm.to_samples(pcm.mix(loud, loud[:800])),   # clips, then passes
                        pcm.to_samples(down.process(left) + down.process(right))))
    for c_out, py_out in zip(*results, strict=True):
        assert len(c_out) == len(py_out)
        # rounding toward zero vs floor: at most 1 LSB apart (2 after a 3-way box filter)
        assert max(abs(a - b) for a, b in zip(c_out, py_out, strict=True)) <= 2


def test_levels() -> None:
    assert pcm.level(pcm.silence(800)) == 0.0
    loud = pcm.level(pcm.tone((1000.0,), 16000, 100, 0.9))
    quiet = pcm.level(pcm.tone((1000.0,), 16000, 100, 0.01))
    assert 0.9 < loud <= 1.0 and 0.0 < quiet < 0.4


def test_mix_sums_and_clips(pcm_path: str) -> None:
    a = pcm.to_bytes(pcm.to_samples(bytes([0xFF, 0x7F]) * 3))   # 32767 ×3
    b = pcm.to_bytes(pcm.to_samples(bytes([0x10, 0x00]) * 5))   # 16 ×5
    out = pcm.to_samples(pcm.mix(a, b))
    assert list(out) == [32767, 32767, 32767, 16, 16]


def test_ring_buffer_drops_the_oldest_audio_when_full_and_pads_reads_with_silence() -> None:
    ring = PcmRingBuffer(max_bytes=8)
    ring.write(b"\x01\x01\x02\x02\x03\x03")
    ring.write(b"\x04\x04\x05\x05")
    assert ring.overflows == 1 and ring.dropped_bytes == 2
    assert ring.read_frame(4) == b"\x02\x02\x03\x03"
    assert ring.read_frame(6) == bytes(6)       # not a whole frame: silence, audio kept
    assert ring.underruns == 1
    assert len(ring) == 4
    assert ring.trim(2) == 2
    assert ring.read_available(100) == b"\x05\x05"


def test_ring_buffer_under_two_threads_keeps_every_byte_in_order() -> None:
    ring = PcmRingBuffer(max_bytes=1 << 20)
    frames = [bytes([i % 256]) * 64 for i in range(2000)]
    got = bytearray()

    def produce() -> None:
        for frame in frames:
            ring.write(frame)

    thread = threading.Thread(target=produce)
    thread.start()
    while thread.is_alive() or len(ring):
        got += ring.read_available(256)
    thread.join()
    assert bytes(got) == b"".join(frames)


def test_dtmf_table_and_tones() -> None:
    assert DTMF_FREQS["1"] == (697, 1209) and DTMF_FREQS["#"] == (941, 1477)
    tone = dtmf_tone("9", 16000)
    assert len(tone) == pcm.frame_bytes(16000, 120)
    row, col = DTMF_FREQS["9"]
    assert pcm.goertzel_power(tone, 16000, row) > 50 * pcm.goertzel_power(tone, 16000, 697)
    assert pcm.goertzel_power(tone, 16000, col) > 50 * pcm.goertzel_power(tone, 16000, 1209)
    with pytest.raises(ValueError):
        dtmf_tone("x", 16000)
