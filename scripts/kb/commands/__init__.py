"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import bundle, index

COMMANDS = (index, bundle)
