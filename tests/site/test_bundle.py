"""The offline bundle: a reproducible zip of the file:// site, and a clear refusal on bad input."""

from __future__ import annotations

import hashlib
import shutil
import zipfile

from scripts.kb.cli import main
from scripts.kb.core.paths import DOCS_DIR, ROOT
from scripts.kb.site.bundle import FOLDER, pack

VENDOR = DOCS_DIR / "assets" / "vendor" / "iframe-worker"


def test_zip_is_reproducible_and_holds_one_folder(tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_text("<h1>组织生活会材料库</h1>", encoding="utf-8")
    (site / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    assert pack(site, tmp_path / "a.zip") == 2
    (site / "index.html").touch()  # a later mtime must not change the zip
    pack(site, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.namelist() == [f"{FOLDER}/index.html", f"{FOLDER}/search/search_index.js"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle-")] == []


def test_offline_bundle_has_file_urls_inlined_index_and_the_vendored_shim(offline_zip):
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
        home = archive.read(f"{FOLDER}/index.html").decode("utf-8")
        script = archive.read(f"{FOLDER}/search/search_index.js").decode("utf-8")
        manifest = archive.read(f"{FOLDER}/search/kb/manifest.js").decode("utf-8")
    assert f"{FOLDER}/guide.html" in names  # no directory URLs
    assert f"{FOLDER}/assets/vendor/iframe-worker/LICENSE" in names
    assert '<script src="assets/vendor/iframe-worker/shim.js">' in home
    assert "unpkg.com" not in home and "iframe-worker/shim\"" not in home
    assert script.startswith("var __index = ")  # material's (empty) index, which starts its search box
    assert manifest.startswith('kbSearchPart("manifest",') and '"results_page":"search/index.html"' in manifest
    assert not [n for n in names if n.endswith((".html.gz", ".json.gz", ".js.gz"))]  # file:// has no use for them


def test_vendored_shim_is_the_recorded_npm_file():
    source = (VENDOR / "SOURCE.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256((VENDOR / "shim.js").read_bytes()).hexdigest()
    assert f"shim.js sha256: {digest}" in source
    assert "iframe-worker 1.0.4 (MIT" in source
    assert "Permission is hereby granted, free of charge" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_an_external_asset_fails_the_bundle_with_a_chinese_message_and_no_zip(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    # An external script in the configuration: no Markdown rule sees it, the privacy guard must.
    config = tmp_path / "mkdocs-offline.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs-offline.yml'}\ndocs_dir: {docs}\nhooks: [{ROOT / 'scripts' / 'hooks.py'}]\n"
        "extra_javascript: [https://cdn.example.com/logo.js]\n",
        encoding="utf-8",
    )
    out = tmp_path / "dist" / "offline.zip"

    assert main(["bundle", "--out", str(out), "--config", str(config)]) == 1

    err = capsys.readouterr().err
    assert "离线版构建失败" in err and "没有生成 zip" in err
    assert "https://cdn.example.com/logo.js" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())  # no partial zip either


def test_a_missing_config_is_a_usage_error(tmp_path, capsys):
    assert main(["bundle", "--out", str(tmp_path / "x.zip"), "--config", str(tmp_path / "none.yml")]) == 2
    assert "配置文件" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
