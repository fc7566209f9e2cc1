"""What the IXC, OPA and Discord simulators share: a quiet HTTP/1.1 handler and a handle that
runs a threaded server in the background and stops it.

Each simulator keeps its own routes, envelopes and faults; only the socket plumbing lives here.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

__all__ = ["RunningServer", "SimulatorRequestHandler", "serve_in_background"]


class SimulatorRequestHandler(BaseHTTPRequestHandler):
    """Keep-alive handler that logs nothing (tests and the demo read their own output)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_bytes(self, status: int, data: bytes, content_type: str | None = None,
                   headers: Mapping[str, str] | None = None) -> None:
        """Answer with ``data``; no Content-Type header when ``content_type`` is None."""
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


def serve_in_background(server: ThreadingHTTPServer, name: str,
                        poll_interval: float = 0.5) -> threading.Thread:
    """Run ``server`` on a daemon thread (its request threads are daemons too) and return it."""
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": poll_interval},
                              name=name, daemon=True)
    thread.start()
    return thread


class RunningServer:
    """Base of the simulator handles: ``url``, ``host``, ``port``, ``stop()``, ``with`` support."""

    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread,
                 scheme: str = "http") -> None:
        self._server = server
        self._thread = thread
        self.host, self.port = str(server.server_address[0]), int(server.server_address[1])
        self.url = f"{scheme}://{self.host}:{self.port}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
