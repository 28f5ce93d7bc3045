"""The Content-Security-Policy of the site: a <meta> in every page, the same as nginx's header.

Script runs only from the site's own files. material's templates hold a few small inline scripts
(the local-storage helpers, the palette, the tab restore); each is allowed by its SHA-256, computed
from the page as written, but only for scripts outside the page's own content: whatever a
contributor's Markdown became can never be allowed that way. The directives are data
(scripts/data/security.yml), with the offline bundle's exception.

Chromium holds back its preload scanner in a page whose policy comes in a <meta>: the page's
scripts at the end of <body> were requested one by one, each when the parser reached it, after the
first layout (0.1-0.3 s later on this machine). So the policy is followed by a
``<link rel="preload">`` for each of the theme's scripts, which the parser acts on at once.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR

# A script the page loads from a file.
SCRIPT_SOURCE = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"")
# An inline script (no src) that a browser runs (not a JSON data block such as material's __config).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S)


@lru_cache(maxsize=None)
def directives() -> dict[str, list[str]]:
    return read_yaml(DATA_DIR / "security.yml")["csp"]


def script_hashes(html: str) -> list[str]:
    """The CSP source of each inline script in the HTML, in order, without repeats."""
    found = []
    for body in INLINE_SCRIPT.findall(html):
        source = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        if source not in found:
            found.append(source)
    return found


def policy(hashes: list[str], offline: bool = False) -> str:
    """The policy, with these inline scripts allowed (the offline bundle's: any inline script)."""
    parts = []
    for name, sources in directives().items():
        if name == "script-src":
            sources = read_yaml(DATA_DIR / "security.yml")["csp_offline_script_src"] if offline else sources + hashes
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def preloads(html: str) -> list[str]:
    """A preload link for each script file the HTML loads, in order, without repeats."""
    sources = list(dict.fromkeys(SCRIPT_SOURCE.findall(html)))
    return [f'<link rel="preload" href="{source}" as="script">' for source in sources]


def with_policy(output: str, content: str, offline: bool = False) -> str:
    """The page with its policy as the first element of <head>, followed by the preloads of its
    scripts; the inline scripts allowed and the scripts preloaded are those of the theme, outside
    the page's own content."""
    theme = output.replace(content, "", 1) if content else output
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes(theme), offline)}">'
    return output.replace("<head>", "\n    ".join(["<head>", meta, *preloads(theme)]), 1)
