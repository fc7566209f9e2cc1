"""16-bit PCM plumbing shared by the SIP audio bridge and the headset, in plain Python:
frames and tones, bounded ring buffers, and the link where a call meets the headset."""
