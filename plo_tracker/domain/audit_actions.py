"""Every kind of entry the audit log holds, with the words the history shows for it."""

from __future__ import annotations

import enum


class AuditAction(enum.Enum):
    """What an audit entry records; the value is the code stored in the log."""

    FAMILY_CREATE = ("family.create", "Created the family's record")
    FAMILY_VIEW = ("family.view", "Looked at the family")
    GATEWAY_DECISION = ("episode.gateway_decision", "Recorded the gateway decision")
    LETTER_SENT = ("letter.sent", "Recorded a letter as sent")
    LETTER_GENERATE = ("letter.generate", "Made a letter")
    LETTER_OPEN = ("letter.open", "Opened a letter")
    MEETING_SCHEDULE = ("meeting.schedule", "Planned a meeting")
    MEETING_HELD = ("meeting.held", "Recorded a meeting as held")
    ASSESSMENT_COMMISSION = ("assessment.commission", "Commissioned an assessment")
    ASSESSMENT_COMPLETE = ("assessment.complete", "Recorded an assessment as completed")
    FGDM = ("episode.fgdm", "Recorded the family group decision-making offer")
    EXTENSION = ("episode.extension", "Extended pre-proceedings")
    OUTCOME = ("episode.outcome", "Recorded the pre-proceedings outcome")
    COURT_APPLICATION = ("episode.court_application", "Recorded the court application")
    CLOSE_PROCEEDINGS = ("episode.close", "Recorded care proceedings as concluded")
    HISTORY = ("episode.history", "Wrote the short history for the letters")
    NOTE = ("note.add", "Added a note")
    FOLLOW_UP = ("followup.record", "Recorded what a follow-up check after the step-down found")
    PLAN_ITEM = ("plan.add_item", "Added to the plan")
    PLAN_PROGRESS = ("plan.progress", "Recorded progress against the plan")
    ADULT_ADD = ("adult.add", "Added an adult")
    ADULT_UPDATE = ("adult.update", "Changed an adult's details")
    CHILD_ADD = ("child.add", "Added a child")
    CHILD_UPDATE = ("child.update", "Corrected a child's details")
    USER_SIGN_IN = ("user.sign_in", "Signed in")
    USER_CREATE = ("user.create", "Added an account")
    USER_SIGN_IN_FAILED = ("user.sign_in_failed", "Failed to sign in (wrong password)")
    USER_LOCKED = ("user.locked", "Account locked after failed sign-ins")
    USER_PASSWORD_CHANGE = ("user.password_change", "Changed their password")
    USER_PASSWORD_RESET = ("user.password_reset", "Reset an account's password")
    USER_DISABLE = ("user.disable", "Disabled an account")
    USER_ENABLE = ("user.enable", "Enabled an account")
    USER_UNLOCK = ("user.unlock", "Unlocked an account")
    USER_ROLE_CHANGE = ("user.role_change", "Changed an account's role")
    SETTINGS_SAVE = ("settings.save", "Changed the settings")
    TEMPLATE_SAVE = ("template.save", "Saved a new version of a letter template")
    DEMO_GENERATE = ("demo.generate", "Added demo families")
    EXPORT = ("export", "Exported records")
    RETURN_EXPORT = ("return.export", "Saved a national data return (CIN census or SSD)")
    IMPORT = ("records.import", "Imported families from a spreadsheet")
    RETENTION_REPORT = ("retention.report", "Looked at the records past their retention period")
    LEGAL_HOLD = ("family.legal_hold", "Placed the family on legal hold")
    LEGAL_HOLD_RELEASE = ("family.legal_hold_release", "Released the family's legal hold")
    FAMILY_DELETE = ("family.delete", "Deleted the family's record after its retention period")
    DATABASE_BACKUP = ("database.backup", "Backed up the whole database")
    DATABASE_RESTORE = ("database.restore", "Restored the database from a backup")
    FAMILY_RESTRICT = ("family.restrict", "Restricted the family: only named people see it")
    FAMILY_UNRESTRICT = ("family.unrestrict", "Lifted the family's restriction")
    FAMILY_ACCESS_GRANT = ("family.access_grant", "Named someone who may see the family")
    FAMILY_ACCESS_REVOKE = ("family.access_revoke",
                            "Removed someone from those who may see the family")
    FAMILY_ACCESS_VIEW = ("family.access_view",
                          "Looked at who may see the family, without being named")
    LETTER_SAVE_COPY = ("letter.save_copy", "Saved a copy of a letter, to print or send")
    LETTER_TRANSLATION = ("letter.translation",
                          "Recorded a translated copy of a letter as sent")
    CHRONOLOGY_SAVE = ("chronology.save", "Saved the social work chronology")
    BUNDLE_CREATE = ("bundle.create", "Started a court bundle for a hearing")
    BUNDLE_UPDATE = ("bundle.update", "Changed a court bundle's hearing details")
    BUNDLE_PLACE = ("bundle.place", "Placed a document in a court bundle")
    BUNDLE_MOVE = ("bundle.move", "Moved a document within a court bundle")
    BUNDLE_UNPLACE = ("bundle.unplace", "Took a document out of a court bundle")
    BUNDLE_SORT = ("bundle.sort", "Put a court bundle's sections in date order")
    BUNDLE_BUILD = ("bundle.build", "Built a court bundle (court's and parties' copies)")
    BUNDLE_ISSUE = ("bundle.issue", "Recorded a court bundle version as issued")
    DOCUMENT_ADD = ("document.add", "Added a document")
    DOCUMENT_UPDATE = ("document.update", "Changed a document's details")
    DOCUMENT_REMOVE = ("document.remove", "Removed a document")
    DOCUMENT_OPEN = ("document.open", "Opened a document")
    DOCUMENT_SAVE_COPY = ("document.save_copy", "Saved a copy of a document")
    CONFIDENTIAL_ADD = ("confidential.add", "Added a detail to the confidential register")
    CONFIDENTIAL_REMOVE = ("confidential.remove",
                           "Removed a detail from the confidential register")
    # The legal gateway panel (services/panel*.py).
    PANEL_MEETING_CREATE = ("panel.meeting_create", "Planned a gateway panel meeting")
    PANEL_MEETING_UPDATE = ("panel.meeting_update", "Changed a gateway panel meeting")
    PANEL_ATTENDANCE = ("panel.attendance", "Recorded who attended a gateway panel meeting")
    PANEL_MEETING_CLOSE = ("panel.meeting_close", "Closed a gateway panel meeting as held")
    PANEL_AGENDA_ADD = ("panel.agenda_add", "Put the family on a gateway panel agenda")
    PANEL_AGENDA_REMOVE = ("panel.agenda_remove", "Took the family off a gateway panel agenda")
    PANEL_AGENDA_MOVE = ("panel.agenda_move", "Moved the family on a gateway panel agenda")
    PANEL_RECOMMENDATION = ("panel.recommendation",
                            "Recorded the social worker's recommendation to the panel")
    PANEL_DECISION = ("panel.decision", "Recorded the gateway panel's decision")
    PANEL_DECISION_NOT_QUORATE = (
        "panel.decision_not_quorate",
        "Recorded the gateway panel's decision: decided at a meeting that was not quorate")
    PANEL_ACTION_ADD = ("panel.action_add", "Set an action from the gateway panel")
    PANEL_ACTION_DONE = ("panel.action_done", "Marked an action from the gateway panel as done")
    PANEL_PRINT = ("panel.print", "Saved gateway panel papers (summary sheets, agenda or minutes)")
    PANEL_LETTER = ("panel.letter", "Made the gateway panel's decision letter")
    REPORT_FAMILIES = ("report.families",
                       "Looked at the families behind a management figure")

    code: str
    words: str

    def __new__(cls, code: str, words: str) -> AuditAction:
        member = object.__new__(cls)
        member._value_ = code
        member.code = code
        member.words = words
        return member

    @classmethod
    def words_for(cls, code: str) -> str:
        """The words for a stored code; a code this version does not know is shown tidied."""
        try:
            return cls(code).words
        except ValueError:
            return code.replace(".", ": ").replace("_", " ").capitalize()
