"""Every setting a council can change, typed, with its default."""

from __future__ import annotations

from dataclasses import dataclass, field

from plo_tracker.domain.timescales import Timescales


@dataclass(frozen=True)
class CouncilDetails:
    """Who the council is, for headers, letters and reports."""

    name: str = ""
    service: str = "Children's Services"
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Settings:
    """All settings; a value absent from the database takes the default here."""

    timescales: Timescales = field(default_factory=Timescales)
    council: CouncilDetails = field(default_factory=CouncilDetails)
