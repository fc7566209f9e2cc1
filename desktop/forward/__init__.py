"""Forwarding a call's case: the outbox worker and the Discord, OPA and IXC ticket deliveries."""
