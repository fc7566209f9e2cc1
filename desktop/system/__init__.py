"""Ramal on this computer: start with the system, the private rotating log, the diagnostics
export, and the facts the Sobre dialog shows (versions, licences).
"""
