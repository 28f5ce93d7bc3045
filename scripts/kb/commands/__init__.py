"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import check, index, snippets

COMMANDS = (index, check, snippets)
