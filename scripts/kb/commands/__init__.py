"""The subcommands, in the order ``--help`` lists them."""

from scripts.kb.commands import (
    bench,
    bundle,
    check,
    contributing,
    export,
    import_cmd,
    index,
    new,
    search_bench,
    serve,
    snippets,
)

COMMANDS = (index, check, snippets, export, serve, bundle, import_cmd, new, contributing, bench, search_bench)
