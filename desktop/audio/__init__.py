"""The agent's audio devices: headset, microphone, ringer, tones.

Plain-Python modules (``pcm``, ``ring_buffer``, ``link``, ``dtmf``) can be imported anywhere,
including by ``desktop.sip.audio_bridge`` on the pjsua2 side. The Qt Multimedia modules
(``devices``, ``streams``, ``headset``, ``ringtone``, ``device_test``) never import pjsua2: audio
crosses between the two worlds only as 16-bit mono PCM bytes through :class:`link.HeadsetLink`.
"""
