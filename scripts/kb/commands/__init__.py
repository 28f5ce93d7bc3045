"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import bench, bundle, check, contributing, export, import_cmd, index, new, snippets

COMMANDS = (index, check, snippets, export, bundle, import_cmd, new, contributing, bench)
