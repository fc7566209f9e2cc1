"""Reading an HTTP body with a hard cap on its *decompressed* size.

httpx inflates ``Content-Encoding: gzip`` without any bound on the output, and ``response.text``
holds the whole body: a few KB of gzip that inflate to gigabytes (or a server that ignores
``rp`` and sends every row) would take the agent's memory with it. Here the raw bytes are
inflated in bounded steps (``max_length``) and reading stops as soon as the cap is passed.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator


class BodyTooLargeError(Exception):
    """The body passed ``limit`` bytes once decompressed (reading stopped there)."""


class UnsupportedEncodingError(Exception):
    """A ``Content-Encoding`` this reader does not know (only gzip and deflate are asked for)."""


class _Inflater:
    """gzip or deflate (zlib-wrapped or raw, both seen in the wild) inflated piece by piece."""

    def __init__(self, encoding: str) -> None:
        self._raw_fallback = encoding == "deflate"
        wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._z = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """At most ``room`` bytes of output; the rest stays in the inflater for ``more``."""
        try:
            out = self._z.decompress(data, room)
        except zlib.error:
            if not (self._raw_fallback and not self._started):
                raise
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)   # "deflate" sent without a header
            out = self._z.decompress(data, room)
        self._started = True
        return out

    def more(self, room: int) -> bytes:
        # the input left over by the last bounded step (empty input still yields pending output)
        return self._z.decompress(self._z.unconsumed_tail, room)


async def read_bounded(chunks: AsyncIterator[bytes], content_encoding: str, limit: int
                       ) -> bytes:
    """The body from its raw (still encoded) chunks, decompressed, at most ``limit`` bytes.

    Raises :class:`BodyTooLargeError` as soon as one byte more than ``limit`` is seen, and
    :class:`UnsupportedEncodingError` / ``zlib.error`` for bodies that cannot be decoded.
    """
    encoding = content_encoding.strip().lower()
    inflater: _Inflater | None
    if encoding in ("", "identity"):
        inflater = None
    elif encoding in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(encoding)
    else:
        raise UnsupportedEncodingError(encoding)
    body = bytearray()
    async for raw in chunks:
        if inflater is None:
            body += raw
        else:
            # room + 1: one byte past the cap proves the body is too large
            piece = inflater.feed(raw, limit - len(body) + 1)
            while piece:
                body += piece
                if len(body) > limit:
                    break
                piece = inflater.more(limit - len(body) + 1)
        if len(body) > limit:
            raise BodyTooLargeError()
    return bytes(body)
