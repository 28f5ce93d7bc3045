"""Serving a built site as deployed (scripts/kb/bench/deployed.py) and the search bench's choice
of server (search_eval.served): nginx with deploy/nginx.conf, or Python's server without nginx."""

from __future__ import annotations

import urllib.request

import pytest

from scripts.kb.bench import deployed, search_eval
from tests.conftest import require_tool


def test_the_server_block_listens_on_loopback_and_serves_the_given_folder(tmp_path):
    block = deployed.server_block(8123, tmp_path)
    assert "listen 127.0.0.1:8123;" in block and "listen 80;" not in block
    assert f'root "{tmp_path.resolve()}";' in block
    assert block.count("gzip_static on;") == 1  # the rest of the deployed block, as is


def test_a_deploy_config_without_one_listen_and_one_root_is_refused_in_chinese(tmp_path, monkeypatch):
    config = tmp_path / "nginx.conf"
    config.write_text("server {\n    listen 8080;\n    root /srv/site;\n}\n", encoding="utf-8")
    monkeypatch.setattr(deployed, "DEPLOY_CONFIG", config)
    monkeypatch.setattr(deployed, "ROOT", tmp_path)
    with pytest.raises(deployed.ServerError, match="应有且只有一条 listen 80;"):
        deployed.server_block(8123, tmp_path)


def test_without_nginx_serving_as_deployed_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(deployed, "NGINX", tmp_path / "no-nginx")
    with pytest.raises(deployed.ServerError, match="make system-deps"):
        with deployed.nginx_site(tmp_path):
            pass


def test_the_search_bench_falls_back_to_pythons_server_and_says_so(tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    monkeypatch.setattr(deployed, "NGINX", tmp_path / "no-nginx")
    with search_eval.served(tmp_path) as (url, server):
        assert "Python" in server and "没有 nginx" in server
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.read().decode("utf-8") == "<p>首页</p>"


def test_the_search_bench_uses_nginx_where_there_is_one_even_for_a_folder_with_a_space_and_a_quote(tmp_path):
    require_tool(str(deployed.NGINX), "nginx")
    site = tmp_path / 'my "site" 1'
    site.mkdir()
    (site / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    with search_eval.served(site) as (url, server):
        assert server.startswith("nginx")
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.headers["Server"].startswith("nginx")
            assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
            assert response.read().decode("utf-8") == "<p>首页</p>"
