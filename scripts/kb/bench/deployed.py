"""A built site served as it is deployed: Debian's nginx with the repository's deploy/nginx.conf,
in the foreground on a free loopback port, from a scratch folder (its own config, pid and logs).

The search bench measures the site this way, with the headers and the precompressed files readers
get; tests/browser/test_nginx.py checks the server block with it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.kb.core.paths import ROOT

NGINX = Path("/usr/sbin/nginx")
DEPLOY_CONFIG = ROOT / "deploy" / "nginx.conf"
START_SECONDS = 10


class ServerError(Exception):
    """nginx could not serve the site (the message says why, in Chinese)."""


def server_block(port: int, site_dir: Path) -> str:
    """The repository's server block, listening on a loopback port and serving the built site."""
    text = DEPLOY_CONFIG.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+80;", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    folder = str(Path(site_dir).resolve()).replace("\\", "\\\\").replace('"', '\\"')
    text, roots = re.subn(r"^(\s*)root\s+\S+;", lambda m: f'{m.group(1)}root "{folder}";', text, flags=re.M)
    if listens != 1 or roots != 1:
        raise ServerError(f"{DEPLOY_CONFIG.relative_to(ROOT)} 应有且只有一条 listen 80; 和一条 root …;")
    return text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _main_config(work: Path) -> str:
    temp_paths = "\n".join(f"  {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
{temp_paths}
  include {work / "site.conf"};
}}
"""


@contextmanager
def nginx_site(site_dir: Path) -> Iterator[str]:
    """The site's address while nginx serves it; nginx stops on leaving. Raises ServerError when
    nginx is missing, the configuration does not pass ``nginx -t`` without a warning, or nginx does
    not listen within START_SECONDS."""
    if not NGINX.exists():
        raise ServerError(f"没有 nginx（{NGINX}）：先运行 make system-deps")
    with tempfile.TemporaryDirectory(prefix="kb-nginx-") as scratch:
        work = Path(scratch)
        port = free_port()
        (work / "site.conf").write_text(server_block(port, site_dir), encoding="utf-8")
        (work / "nginx.conf").write_text(_main_config(work), encoding="utf-8")
        command = [str(NGINX), "-p", str(work), "-c", str(work / "nginx.conf")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if checked.returncode != 0 or "[warn]" in checked.stderr:
            raise ServerError("nginx 配置检查未通过：" + checked.stderr.strip())
        log = work / "stderr.log"
        with open(log, "wb") as stderr:
            process = subprocess.Popen(command, stderr=stderr)
        try:
            _wait_listening(process, port, log)
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_listening(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            raise ServerError("nginx 未能启动：" + log.read_text(errors="replace"))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise ServerError(f"nginx {START_SECONDS} 秒内没有开始监听") from None
            time.sleep(0.05)
