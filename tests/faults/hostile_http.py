"""A hostile HTTP proxy: a real TCP server on 127.0.0.1 in front of the IXC simulator that
misbehaves the ways real servers (and the boxes in front of them) do.

Per table (the last path segment, ``cliente``, ``su_ticket``...) or for every table (``"*"``),
one behaviour:

* ``pass``: forward as is;
* ``trickle``: the real answer, one byte every ``interval_s`` (a sick table: per-read timeouts
  never trip);
* ``huge``: an endless chunked body that starts like IXC's JSON;
* ``gzip_bomb``: ``Content-Encoding: gzip``, a small compressed stream that inflates to
  ``bomb_bytes`` (GBs) of JSON whitespace;
* ``ignore_rp``: the real answer padded with clones (fresh ids) up to ``rows`` rows;
* ``ignore_page``: ``page`` forced to 1 upstream and ``total`` replaced by ``total``;
* ``renumber``: like ``ignore_page``, but the ids are shifted by the page asked for, so every
  page looks new;
* ``redirect``: ``302`` to ``location``;
* ``html``: a 200 HTML login page;
* ``wrong_types``: numbers instead of numeric strings, null instead of empty strings, a nested
  object and a nested list in every row, a bare number among the rows;
* ``rows_as_object``: ``registros`` as an object keyed by position (PHP's ``json_encode`` of
  an array with gaps);
* ``junk_json``: ``{"total": "muitos", "registros": "nenhum"}``.

Every request is recorded (``requests``: table and JSON body) and the bytes each answer put
on the wire are counted (``bytes_sent``), so a test can prove how much a client read.
"""

from __future__ import annotations

import copy
import http.client
import json
import socket
import socketserver
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

MODES = ("pass", "trickle", "huge", "gzip_bomb", "ignore_rp", "ignore_page", "renumber",
         "redirect", "html", "wrong_types", "rows_as_object", "junk_json")


@dataclass
class Behaviour:
    mode: str = "pass"
    interval_s: float = 1.0                 # trickle
    rows: int = 9000                        # ignore_rp
    total: int = 999_999                    # ignore_page, renumber
    bomb_bytes: int = 5 * 1024 ** 3         # gzip_bomb: 5 GB once inflated
    huge_bytes: int = 6 * 1024 ** 3         # huge: 6 GB unless the client stops reading
    location: str = ""                      # redirect


@dataclass
class ProxyLog:
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    bytes_sent: list[int] = field(default_factory=list)

    def tables(self) -> list[str]:
        return [table for table, _body in self.requests]


class HostileProxy:
    """``url`` points at the proxy; ``set(table, mode, **options)`` changes a behaviour."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.behaviours: dict[str, Behaviour] = {}
        self.log = ProxyLog()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="hostile-proxy", daemon=True)
        self._thread.start()

    def set(self, table: str, mode: str, **options: Any) -> None:
        assert mode in MODES, mode
        self.behaviours[table] = Behaviour(mode, **options)

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # --- one connection = one request (every answer says Connection: close) ----------------

    def _behaviour(self, table: str) -> Behaviour:
        return self.behaviours.get(table) or self.behaviours.get("*") or Behaviour()

    def _handle(self, sock: socket.socket) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        request = _read_request(sock)
        if request is None:
            return
        method, path, headers, body = request
        table = path.rstrip("/").rsplit("/", 1)[-1]
        try:
            parsed = json.loads(body) if body else {}
        except ValueError:
            parsed = {}
        with self._lock:
            self.log.requests.append((table, parsed if isinstance(parsed, dict) else {}))
        behaviour = self._behaviour(table)
        sent = 0
        try:
            sent = self._answer(sock, behaviour, method, path, headers, body, parsed)
        except OSError:   # the client gave up (deadline, size cap): that is the point
            pass
        finally:
            with self._lock:
                self.log.bytes_sent.append(sent)

    def _answer(self, sock: socket.socket, b: Behaviour, method: str, path: str,
                headers: dict[str, str], body: bytes, parsed: Any) -> int:
        mode = b.mode
        if mode == "redirect":
            return _send(sock, 302, b"", "text/html", {"Location": b.location})
        if mode == "html":
            page = (b"<!DOCTYPE html><html><head><title>IXC Provedor</title></head>"
                    b"<body><form>Login</form></body></html>")
            return _send(sock, 200, page, "text/html; charset=utf-8")
        if mode == "junk_json":
            return _send(sock, 200, b'{"total": "muitos", "registros": "nenhum"}')
        if mode == "huge":
            return self._stream(sock, _huge_chunks(b.huge_bytes), {})
        if mode == "gzip_bomb":
            return self._stream(sock, _bomb_chunks(b.bomb_bytes), {"Content-Encoding": "gzip"})
        asked_page = int(str(parsed.get("page", "1") or "1")) if isinstance(parsed, dict) else 1
        if mode in ("ignore_page", "renumber") and isinstance(parsed, dict):
            body = json.dumps({**parsed, "page": "1"}).encode()
        status, upstream = self._forward(method, path, headers, body)
        if mode == "trickle":
            return self._trickle(sock, status, upstream, b.interval_s)
        payload = _json_or_none(upstream)
        if payload is not None:
            payload = _rewrite(payload, b, asked_page)
            upstream = json.dumps(payload).encode()
        return _send(sock, status, upstream)

    def _forward(self, method: str, path: str, headers: dict[str, str], body: bytes
                 ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=30)
        try:
            keep = {k: v for k, v in headers.items()
                    if k.lower() in ("authorization", "ixcsoft", "content-type")}
            conn.request(method, path, body=body, headers=keep)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def _trickle(self, sock: socket.socket, status: int, data: bytes, interval_s: float) -> int:
        head = _head(status, "application/json; charset=utf-8", {"Content-Length": str(len(data))})
        sock.sendall(head)
        sent = len(head)
        for i in range(len(data)):
            if self.stopping.wait(interval_s):
                break
            sock.sendall(data[i:i + 1])
            sent += 1
        return sent

    def _stream(self, sock: socket.socket, chunks: Any, extra: dict[str, str]) -> int:
        head = _head(200, "application/json; charset=utf-8",
                     {"Transfer-Encoding": "chunked", **extra})
        sock.sendall(head)
        sent = len(head)
        for chunk in chunks:
            if self.stopping.is_set():
                break
            framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            sock.sendall(framed)
            sent += len(framed)
        sock.sendall(b"0\r\n\r\n")
        return sent + 5


# --- helpers --------------------------------------------------------------------------------

def _read_request(sock: socket.socket) -> tuple[str, str, dict[str, str], bytes] | None:
    sock.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            return None
        data += piece
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip()] = value.strip()
    length = int(next((v for k, v in headers.items() if k.lower() == "content-length"), "0"))
    while len(rest) < length:
        piece = sock.recv(65536)
        if not piece:
            break
        rest += piece
    return method, path, headers, rest[:length]


def _head(status: int, ctype: str, extra: dict[str, str]) -> bytes:
    reason = http.client.responses.get(status, "OK")
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {ctype}", "Connection: close",
             *(f"{k}: {v}" for k, v in extra.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _send(sock: socket.socket, status: int, body: bytes,
          ctype: str = "application/json; charset=utf-8",
          extra: dict[str, str] | None = None) -> int:
    data = _head(status, ctype, {"Content-Length": str(len(body)), **(extra or {})}) + body
    sock.sendall(data)
    return len(data)


def _json_or_none(data: bytes) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _huge_chunks(total: int) -> Any:
    row = json.dumps({"id": "1", "razao": "X" * 1000}).encode() + b","
    yield b'{"page": "1", "total": "1", "registros": ['
    block = row * 64
    for _ in range(total // len(block)):
        yield block


def _bomb_chunks(total: int) -> Any:
    """Gzip of ``total`` bytes of whitespace, compressed as it is sent (~1000:1)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    yield z.compress(b'{"page": "1", "total": "1", "registros": [')
    blank = b" " * (1024 * 1024)
    for _ in range(total // len(blank)):
        out = z.compress(blank)
        if out:
            yield out
    yield z.compress(b"]}") + z.flush()


def _rewrite(payload: Any, b: Behaviour, page: int) -> Any:
    if not isinstance(payload, dict) or not isinstance(payload.get("registros"), list):
        return payload
    rows = payload["registros"]
    if b.mode == "ignore_rp" and rows:
        padded = list(rows)
        next_id = 10_000_000
        while len(padded) < b.rows:
            clone = copy.deepcopy(rows[len(padded) % len(rows)])
            clone["id"] = str(next_id)
            next_id += 1
            padded.append(clone)
        return {**payload, "registros": padded, "total": str(len(padded))}
    if b.mode == "ignore_page":
        return {**payload, "total": str(b.total)}
    if b.mode == "renumber":
        shifted = [{**r, "id": str(int(r["id"]) + page * 1_000_000)} for r in rows]
        return {**payload, "registros": shifted, "total": str(b.total)}
    if b.mode == "rows_as_object":
        return {**payload, "registros": {str(i * 2): r for i, r in enumerate(rows)}}
    if b.mode == "wrong_types":
        return {**payload, "total": len(rows), "registros": [*map(_wrong_types, rows), 42]}
    return payload


def _wrong_types(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, str) and value.isdigit() and len(value) < 12:
            out[key] = int(value)
        elif value == "":
            out[key] = None
        else:
            out[key] = value
    out["extra_nested"] = {"a": [1, {"b": None}]}
    out["extra_list"] = [1, 2, 3]
    return out


def wait_until(predicate: Any, timeout_s: float = 5.0) -> bool:
    """Poll ``predicate`` (for proxy threads to record what they saw)."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())
