"""Court bundles (PD27A): front sheet, linked index, lettered page numbers, bookmarks.

The services hand over a BundleLayout of plain data; build_bundle writes the PDF and
returns where every document went.
"""

from plo_tracker.documents.bundle.builder import build_bundle
from plo_tracker.documents.bundle.errors import BuildCancelled, BundleNotBuilt
from plo_tracker.documents.bundle.layout import (
    BuiltBundle,
    BundleDocument,
    BundleLayout,
    BundleSection,
    FrontSheet,
    ManifestEntry,
)

__all__ = [
    "BuildCancelled",
    "BuiltBundle",
    "BundleDocument",
    "BundleLayout",
    "BundleNotBuilt",
    "BundleSection",
    "FrontSheet",
    "ManifestEntry",
    "build_bundle",
]
