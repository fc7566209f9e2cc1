"""Ramal: a desktop softphone companion for the support desks of Brazilian ISPs."""

__version__ = "0.1.0"
APP_NAME = "Ramal"
