"""pjsip's own log (``RAMAL_SIP_LOG``), written by Ramal so that it carries no credentials.

pjsip at level 5 prints every SIP message, including the REGISTER's ``Authorization:`` header.
Its digest ``response`` plus the nonce and realm beside it let anyone holding the file try a
dictionary of passwords offline, and a short extension password falls quickly. So pjsip's lines
go through a :class:`pj.LogWriter` that hides credential values
(:func:`desktop.privacy.redaction.redact_patterns`: digest ``response="…"``, bare or Basic
``Authorization`` values) and writes a 0600 file, instead of pjsip writing the file itself.
The rest of the header (username, realm, nonce, uri) stays: it is what diagnoses a 401/403.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pjsua2 as pj

from desktop.privacy.files import open_private_for_writing
from desktop.privacy.redaction import redact_patterns


class RedactedLogFile(pj.LogWriter):
    """Receives pjsip's log lines (``logConfig.writer``) and writes them, redacted, to a file.

    The engine keeps a reference until after ``libDestroy``: pjsua2 calls it until then.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        # truncated at start, as pjsip's own log file was
        self._file = open(open_private_for_writing(path), "w", encoding="utf-8",  # noqa: SIM115
                          errors="replace")
        # pjsua2 delivers other threads' lines on the engine thread (mainThreadOnly), but a line
        # may still arrive from pjsip's worker while the engine closes the file
        self._lock = threading.Lock()

    def write(self, entry: pj.LogEntry) -> None:
        line = redact_patterns(entry.msg)
        with self._lock:
            if not self._file.closed:
                self._file.write(line if line.endswith("\n") else line + "\n")
                self._file.flush()

    def close(self) -> None:
        with self._lock:
            self._file.close()
