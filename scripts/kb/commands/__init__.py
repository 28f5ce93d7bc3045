"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import check, contributing, import_cmd, index, new, snippets

COMMANDS = (index, check, snippets, import_cmd, new, contributing)
