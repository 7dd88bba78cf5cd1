"""PLO Tracker: Public Law Outline pre-proceedings case tracking for children's services."""

__version__ = "0.7.0"
