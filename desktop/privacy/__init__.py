"""Keeping customers' data and secrets private: files and folders only the agent's user reads,
secrets redacted from logs by their shape.
"""
