"""The entry point: every subcommand is listed with its description, and running one imports
only that command's module (check runs on every commit; bench and import import much)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scripts.kb import cli
from scripts.kb.commands import MODULES, load
from scripts.kb.core.paths import ROOT


def test_the_help_lists_every_command_with_its_description(capsys):
    assert cli.main([]) == cli.EXIT_USAGE
    out = capsys.readouterr().out
    for name in MODULES:
        assert f"    {name}" in out and load(name).HELP[:12] in out


@pytest.mark.parametrize("name", ["check", "export", "bench"])
def test_a_command_imports_no_other_command_s_module(name):
    code = (f"import json, sys\nfrom scripts.kb import cli\ntry:\n    cli.main([{name!r}, '--help'])\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('scripts.kb.commands.'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert f"scripts.kb.commands.{MODULES[name]}" in loaded
    assert not [m for m in loaded if m.rsplit(".", 1)[1] in set(MODULES.values()) - {MODULES[name]}], loaded


def test_a_command_s_help_and_usage_errors_still_name_it(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["import", "--help"])
    assert info.value.code == 0 and load("import").HELP in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        cli.main(["chekc"])
    assert info.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "chekc" in err and "check" in err
