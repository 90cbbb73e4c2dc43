"""The command line: `python -m bot` and its subcommands, one module each; none is imported by the app."""
