"""`python -m bot`: the command line (bot/cli/); none of its subcommands but the default runs the app."""

import sys

from bot.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
