"""`python -m plo_tracker` runs the same entry point as the plo-tracker command."""

import sys

from plo_tracker.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # Letter batches draw in worker processes; a frozen (packaged) app needs this first.
        # Only there: multiprocessing's own check does nothing otherwise, and importing it
        # would slow `--version` down for nothing.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
