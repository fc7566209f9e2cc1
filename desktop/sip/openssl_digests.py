"""Work around the cp312 pjsua2 wheel's digest authentication failing with PJ_ENOTSUP.

pjsip 2.15.1 computes MD5 through OpenSSL's EVP layer; in the cp312 Linux wheel nothing loads
OpenSSL's digest table first, so the first digest challenge fails (fixed upstream after 2.15.1,
pjproject commit bf41e861c). Loading the wheel's own bundled libcrypto and registering its
digests before any account exists makes MD5 available. Harmless where it is not needed.
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def bundled_libcrypto() -> Path | None:
    import pjsua2

    package = Path(pjsua2.__file__).resolve().parent
    for libs in (package.parent / "pjsua2_python.libs", package):
        found = sorted(libs.glob("libcrypto*.so*")) if libs.is_dir() else []
        if found:
            return found[0]
    return None


def load_openssl_digests() -> bool:
    """Register OpenSSL's digests in the libcrypto pjsua2 uses; True when it was done."""
    path = bundled_libcrypto()
    if path is None:  # Windows/macOS wheels or a build without OpenSSL: nothing to fix
        return False
    try:
        lib = ctypes.CDLL(str(path))
        lib.OpenSSL_add_all_digests()
    except (OSError, AttributeError) as exc:
        log.warning("could not pre-load OpenSSL digests from %s: %s", path, exc)
        return False
    return True
