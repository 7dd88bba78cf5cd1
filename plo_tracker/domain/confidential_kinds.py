"""The kinds of detail a family's confidential register holds (what the guard looks for)."""

from __future__ import annotations

from .vocabulary import LabelledEnum


class ConfidentialKind(LabelledEnum):
    """What a confidential phrase is; the code is stored, the label is shown."""

    ADDRESS = ("address", "Address")
    PHONE = ("phone", "Phone number")
    SCHOOL = ("school", "School or nursery")
    OTHER = ("other", "Other detail")
