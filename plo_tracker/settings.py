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
class LocalSolicitor:
    """A children-law solicitor listed in letters before proceedings (the council's list)."""

    name: str
    firm: str
    address: str
    phone: str
    email: str = ""


@dataclass(frozen=True)
class LetterSettings:
    """The letterhead's signature block and logo, and the list of local solicitors."""

    signatory_name: str = ""
    signatory_title: str = ""
    logo_path: str = ""
    solicitors: tuple[LocalSolicitor, ...] = ()

    def __post_init__(self) -> None:
        # Stored as JSON, the list comes back as plain dicts.
        object.__setattr__(self, "solicitors", tuple(
            s if isinstance(s, LocalSolicitor) else LocalSolicitor(**s) for s in self.solicitors
        ))


@dataclass(frozen=True)
class Settings:
    """All settings; a value absent from the database takes the default here."""

    timescales: Timescales = field(default_factory=Timescales)
    council: CouncilDetails = field(default_factory=CouncilDetails)
    letters: LetterSettings = field(default_factory=LetterSettings)
