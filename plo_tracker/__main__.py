"""`python -m plo_tracker` runs the same entry point as the plo-tracker command."""

import sys

from plo_tracker.cli import main

sys.exit(main())
