"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import export, index

COMMANDS = (index, export)
