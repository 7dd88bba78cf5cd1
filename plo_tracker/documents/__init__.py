"""PDF output: letters and other documents the app writes, from plain dataclasses."""
