"""The agent's desk: Qt controllers between the engines (SIP, IXC, outbox) and the widgets:
calls, consultation, attendance prompts, search, settings flow.
"""
