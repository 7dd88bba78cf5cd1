"""All services of one open database, in one object; each is made on first use.

A service's module is imported when the service is first asked for, so the sign-in list,
which needs only the accounts, opens without loading the case, letter and export code.
Each is made once and kept, so everyone holding this object shares the same services.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from plo_tracker.domain.clock import Clock

from .context import ServiceContext

if TYPE_CHECKING:
    from plo_tracker.storage.unit_of_work import Database

    from .audit_log import AuditLogService
    from .backups import BackupService
    from .bundles import BundleService
    from .case_detail import CaseDetailService
    from .caseload import CaseloadService
    from .chronology import ChronologyService
    from .confidential_register import ConfidentialRegisterService
    from .documents import DocumentService
    from .exports import ExportService
    from .families import FamilyService
    from .family_access import FamilyAccessService
    from .followups import FollowUpService
    from .imports import ImportService
    from .letter_prints import LetterPrintService
    from .letter_templates import TemplateService
    from .letter_translations import LetterTranslationService
    from .letters import LetterService
    from .meeting_minutes import MeetingMinutesService
    from .milestones import MilestoneService
    from .panel import PanelService
    from .people import PeopleService
    from .plan import PlanService
    from .reports import ReportService
    from .retention import RetentionService
    from .returns import ReturnsService
    from .settings_service import SettingsService
    from .users import UserService


class Services:
    """Every service, wired to one database and one clock."""

    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    @classmethod
    def build(cls, database: Database, clock: Clock | None = None) -> Services:
        return cls(ServiceContext(database, clock or Clock()))

    # The imports below are ordinary statements, so a packaged app still finds every module.
    @cached_property
    def users(self) -> UserService:
        from .users import UserService
        return UserService(self.context)

    @cached_property
    def families(self) -> FamilyService:
        from .families import FamilyService
        return FamilyService(self.context)

    @cached_property
    def family_access(self) -> FamilyAccessService:
        from .family_access import FamilyAccessService
        return FamilyAccessService(self.context)

    @cached_property
    def milestones(self) -> MilestoneService:
        from .milestones import MilestoneService
        return MilestoneService(self.context)

    @cached_property
    def caseload(self) -> CaseloadService:
        from .caseload import CaseloadService
        return CaseloadService(self.context)

    @cached_property
    def case_detail(self) -> CaseDetailService:
        from .case_detail import CaseDetailService
        return CaseDetailService(self.context)

    @cached_property
    def plan(self) -> PlanService:
        from .plan import PlanService
        return PlanService(self.context)

    @cached_property
    def people(self) -> PeopleService:
        from .people import PeopleService
        return PeopleService(self.context)

    @cached_property
    def followups(self) -> FollowUpService:
        from .followups import FollowUpService
        return FollowUpService(self.context)

    @cached_property
    def settings(self) -> SettingsService:
        from .settings_service import SettingsService
        return SettingsService(self.context)

    @cached_property
    def letters(self) -> LetterService:
        from .letters import LetterService
        return LetterService(self.context)

    @cached_property
    def letter_translations(self) -> LetterTranslationService:
        from .letter_translations import LetterTranslationService
        return LetterTranslationService(self.context, lambda: self.documents)

    @cached_property
    def retention(self) -> RetentionService:
        from .retention import RetentionService
        return RetentionService(self.context)

    @cached_property
    def templates(self) -> TemplateService:
        from .letter_templates import TemplateService
        return TemplateService(self.context)

    @cached_property
    def exports(self) -> ExportService:
        from .exports import ExportService
        return ExportService(self.context, self.caseload)

    @cached_property
    def backups(self) -> BackupService:
        from .backups import BackupService
        return BackupService(self.context)

    @cached_property
    def audit_log(self) -> AuditLogService:
        from .audit_log import AuditLogService
        return AuditLogService(self.context)

    @cached_property
    def letter_prints(self) -> LetterPrintService:
        from .letter_prints import LetterPrintService
        return LetterPrintService(self.context)

    @cached_property
    def chronology(self) -> ChronologyService:
        from .chronology import ChronologyService
        return ChronologyService(self.context, lambda: self.documents)

    @cached_property
    def meeting_minutes(self) -> MeetingMinutesService:
        from .meeting_minutes import MeetingMinutesService
        return MeetingMinutesService(self.context, lambda: self.documents)

    @cached_property
    def bundles(self) -> BundleService:
        from .bundles import BundleService
        return BundleService(self.context)

    @cached_property
    def documents(self) -> DocumentService:
        from .documents import DocumentService
        return DocumentService(self.context)

    @cached_property
    def confidential_register(self) -> ConfidentialRegisterService:
        from .confidential_register import ConfidentialRegisterService
        return ConfidentialRegisterService(self.context)

    @cached_property
    def panel(self) -> PanelService:
        from .panel import PanelService
        return PanelService(self.context)

    @cached_property
    def imports(self) -> ImportService:
        from .imports import ImportService
        return ImportService(self.context)

    @cached_property
    def returns(self) -> ReturnsService:
        from .returns import ReturnsService
        return ReturnsService(self.context)

    @cached_property
    def reports(self) -> ReportService:
        from .reports import ReportService
        return ReportService(self.context)
