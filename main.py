"""Ramal entry point: hands the command line to desktop.app.cli."""

import sys

from desktop.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
