"""Telephony: the only package that imports pjsua2.

``events`` and ``caller_id`` are plain Python (no pjsua2) so the GUI, the agent and tests can use
them anywhere; ``engine`` owns the pjsua2 endpoint on its own thread and speaks in those events.
"""
