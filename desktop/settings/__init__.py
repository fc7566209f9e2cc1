"""Typed settings (TOML file + keyring), validation with pt-BR messages, the file."""
