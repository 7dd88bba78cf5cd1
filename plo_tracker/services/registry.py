"""All services of one open database, built together so callers need one object."""

from __future__ import annotations

from dataclasses import dataclass

from plo_tracker.domain.clock import Clock
from plo_tracker.storage.unit_of_work import Database

from .case_detail import CaseDetailService
from .caseload import CaseloadService
from .context import ServiceContext
from .exports import ExportService
from .families import FamilyService
from .letter_templates import TemplateService
from .letters import LetterService
from .milestones import MilestoneService
from .people import PeopleService
from .plan import PlanService
from .settings_service import SettingsService
from .users import UserService


@dataclass(frozen=True)
class Services:
    context: ServiceContext
    users: UserService
    families: FamilyService
    milestones: MilestoneService
    caseload: CaseloadService
    case_detail: CaseDetailService
    plan: PlanService
    people: PeopleService
    settings: SettingsService
    letters: LetterService
    templates: TemplateService
    exports: ExportService

    @classmethod
    def build(cls, database: Database, clock: Clock | None = None) -> Services:
        """Wire every service to one database and one clock."""
        context = ServiceContext(database, clock or Clock())
        caseload = CaseloadService(context)
        return cls(
            context=context,
            users=UserService(context),
            families=FamilyService(context),
            milestones=MilestoneService(context),
            caseload=caseload,
            case_detail=CaseDetailService(context),
            plan=PlanService(context),
            people=PeopleService(context),
            settings=SettingsService(context),
            letters=LetterService(context),
            templates=TemplateService(context),
            exports=ExportService(context, caseload),
        )
