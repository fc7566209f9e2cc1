"""What the engine raises to the desk when it cannot carry out a command."""


class SipCommandError(Exception):
    """A command the engine cannot carry out (unknown call, wrong state, companion mode...)."""
