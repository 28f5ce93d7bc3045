"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import index, snippets

COMMANDS = (index, snippets)
