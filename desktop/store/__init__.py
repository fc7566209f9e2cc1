"""Local SQLite storage (sqlite-utils): call history, attendances, outbox, IXC caches."""
