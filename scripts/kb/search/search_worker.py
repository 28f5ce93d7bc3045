"""A fix to mkdocs-material's search worker: Chinese queries keep their last character.

material segments a Chinese query in the browser against the words of the search index
(``segment()`` in src/templates/assets/javascripts/integrations/search/query/segment). Its loops stop
one character short of the query's end (``j < query.length``), so the last character never
takes part: 党费 is searched as 党*, 政治站位 as 政治* 站*, and any page with a word starting
with 党 or 政治 can rank first. The fix lets a segment end at the end of the query and continue
from the last character. The worker is minified, so the fix is an exact replacement of the two
loop conditions in the pinned material version; when they are not found (material was upgraded),
the build stops and says so instead of shipping a search that silently misranks.
"""

from __future__ import annotations

from pathlib import Path

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
# (material's code, the fixed code) in the minified worker of mkdocs-material 9.8.1.
FIXES = (
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
     "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)",
     "n[o]&&a<t.length&&(i[s++]=a)"),
)


class WorkerMismatch(Exception):
    """The search worker is not the one the fix was written for."""


def fix_query_segmentation(site_dir: Path) -> Path | None:
    """Apply the fix to the site's search worker; returns its path (None: the site has no search)."""
    workers = sorted(site_dir.glob(WORKER_GLOB))
    if not workers:
        return None
    if len(workers) > 1:
        raise WorkerMismatch(f"站点里有多个搜索脚本：{', '.join(p.name for p in workers)}")
    worker = workers[0]
    code = worker.read_text(encoding="utf-8")
    for original, fixed in FIXES:
        if code.count(original) + code.count(fixed) != 1:
            raise WorkerMismatch(
                f"{worker.name} 与 mkdocs-material 9.8.1 的搜索脚本不同（找不到 {original}）："
                "升级 mkdocs-material 后请检查 scripts/kb/search/search_worker.py 的修正是否仍然需要"
            )
        code = code.replace(original, fixed)
    worker.write_text(code, encoding="utf-8")
    return worker
