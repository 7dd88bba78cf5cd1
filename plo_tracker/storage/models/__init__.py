"""Every table of the store; importing this package registers them all on Base.metadata."""

from .audit import AuditChainHead, AuditEntry
from .base import Base, UtcDateTime
from .bundles import Bundle, BundleItem, BundleVersion
from .documents import ChronologyEntry, ConfidentialDetail, Document
from .episodes import Episode, Extension
from .families import Family, FamilyAccess
from .family_list import FamilyListRow
from .followups import StepDownFollowUp
from .letters import GeneratedLetter, LetterTemplate, LetterTranslation
from .meta import DatabaseFact, Setting
from .notes import Note
from .panel import PanelAction, PanelItem, PanelMeeting, PanelMember
from .people import Adult, Child
from .users import User
from .work import Assessment, DueItemRow, Letter, Meeting, PlanItem, PlanProgress

__all__ = [
    "Adult", "Assessment", "AuditChainHead", "AuditEntry", "Base", "Bundle", "BundleItem",
    "BundleVersion", "Child", "ChronologyEntry", "ConfidentialDetail", "DatabaseFact", "Document",
    "DueItemRow", "Episode", "Extension", "Family", "FamilyAccess", "FamilyListRow",
    "GeneratedLetter", "Letter", "LetterTemplate", "LetterTranslation", "Meeting", "Note",
    "PanelAction", "PanelItem",
    "PanelMeeting", "PanelMember", "PlanItem", "PlanProgress", "Setting", "StepDownFollowUp",
    "User", "UtcDateTime",
]
