"""`python -m plo_tracker` runs the same entry point as the plo-tracker command."""

import multiprocessing
import sys

from plo_tracker.cli import main

if __name__ == "__main__":
    # Letter batches draw in worker processes; a frozen (packaged) app needs this first.
    multiprocessing.freeze_support()
    sys.exit(main())
