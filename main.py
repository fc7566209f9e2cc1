"""Ramal entry point: hands the command line to desktop.cli."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
