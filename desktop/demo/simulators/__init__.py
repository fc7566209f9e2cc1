"""Faithful simulators of the outside services (IXC, OPA, Discord) for tests and the demo."""
