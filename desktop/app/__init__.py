"""Start-up and composition: the command line, the desk application (composition root), the
headless agent, single instance, logging, self-test, diagnostics.
"""
