"""When to try again after a failure: the back-off policy shared by SIP registration and the
outbox (pure; no clock, no I/O)."""
