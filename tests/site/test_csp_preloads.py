"""The preload links the policy brings (scripts/kb/site/csp.py): the theme's script files, in
order, once; never anything from the page's own content."""

from __future__ import annotations

from scripts.kb.site import csp

THEME_SCRIPTS = '<script src="assets/javascripts/bundle.1234abcd.min.js"></script>\n<script src="javascripts/kb-copy.js"></script>'


def _page(content: str) -> str:
    return (f"<!doctype html>\n<html>\n  <head>\n    <title>t</title>\n  </head>\n  <body>\n{content}\n"
            f"<script>var inline = 1;</script>\n{THEME_SCRIPTS}\n{THEME_SCRIPTS}\n  </body>\n</html>\n")


def test_preloads_list_each_script_file_once_in_order():
    assert csp.preloads(_page("")) == [
        '<link rel="preload" href="assets/javascripts/bundle.1234abcd.min.js" as="script">',
        '<link rel="preload" href="javascripts/kb-copy.js" as="script">',
    ]


def test_the_policy_comes_first_then_the_preloads_and_nothing_from_the_content():
    content = '<p>正文</p><script src="https://evil.example/x.js"></script>'
    output = csp.with_policy(_page(content), content)
    head = output.split("<head>", 1)[1].split("<title>", 1)[0].split()
    assert head[:3] == ["<meta", 'http-equiv="Content-Security-Policy"', "content=\"default-src"]
    links = [line.strip() for line in output.split("<head>", 1)[1].split("<title>", 1)[0].splitlines() if "preload" in line]
    assert links == csp.preloads(THEME_SCRIPTS)
    assert "evil.example" not in output.split("<body>", 1)[0]
