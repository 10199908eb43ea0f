"""A Content-Security-Policy <meta> for each finished page.

Only the site's own origin may serve scripts, styles, fonts, images and data; the theme's few
inline scripts are allowed by their hashes, so inline event handlers (`onclick=`) and injected
scripts stay forbidden. Pagefind compiles WebAssembly, hence 'wasm-unsafe-eval'.
"""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(html: str) -> str:
    hashes = sorted({_hash(m.group("body")) for m in _INLINE_SCRIPT.finditer(html)
                     if "application/json" not in m.group("attrs")})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
        "style-src 'self' 'unsafe-inline'",  # style attributes of the theme; styles cannot run code
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_csp(html: str) -> str:
    """The page with its policy as the first element of <head>."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: head.end()] + meta + html[head.end():]
