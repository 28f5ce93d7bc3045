"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import bench, bundle, check, export, index, snippets

COMMANDS = (index, check, snippets, export, bundle, bench)
