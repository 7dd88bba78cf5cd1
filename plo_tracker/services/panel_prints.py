"""The panel's papers as PDFs: a summary sheet per family, the agenda pack, the minutes and
each family's decision letter; every one saved is audited against each family in it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.date_text import long_date, medium_date
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.panel import PanelRole
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.vocabulary import MeetingKind, PlanItemKind

from . import audit
from .actor import Actor
from .case_detail import CaseDetailService, FamilyDetail
from .errors import NotFound
from .panel_base import NO_SUCH_ITEM, PanelBase
from .panel_views import AgendaItemView, PanelMeetingView
from .permissions import Permission, require

if TYPE_CHECKING:
    from plo_tracker.documents.panel.panel_data import ItemMinute, Section, SummarySheet

    from .document_views import DocumentView


class PrintsMixin(PanelBase):
    """The panel's PDFs (RUN_PANEL; keeping a decision letter with the family's documents
    needs the right to add documents instead)."""

    def summary_sheet(self, actor: Actor, item_id: int, out: Path) -> Path:
        """Save one family's one-page summary sheet for the panel."""
        from plo_tracker.documents.panel.summary_sheet import render_summary_sheet

        require(actor, Permission.RUN_PANEL)
        meeting, item = self._meeting_and_item(actor, item_id)
        pdf = render_summary_sheet(self._sheet(actor, meeting, item)).pdf
        return self._save(actor, out, pdf, AuditAction.PANEL_PRINT, [item], "summary_sheet")

    def summary_pack(self, actor: Actor, meeting_id: int, out: Path) -> Path:
        """Save the agenda pack: a contents page, then each family's summary sheet, with a
        bookmark per family."""
        from plo_tracker.documents.panel.agenda_pack import PackEntry, render_agenda_pack

        require(actor, Permission.RUN_PANEL)
        meeting = self._meeting_view(actor, meeting_id)
        entries = [PackEntry(self._sheet(actor, meeting, item), item.reason.label)
                   for item in meeting.items]
        pdf = render_agenda_pack(f"Gateway panel agenda, {medium_date(meeting.meeting_date)}",
                                 [_where(meeting), _members_line(meeting)], entries)
        return self._save(actor, out, pdf, AuditAction.PANEL_PRINT, meeting.items, "agenda")

    def minutes(self, actor: Actor, meeting_id: int, out: Path) -> Path:
        """Save the minutes: who attended, whether quorate, each family's decision."""
        from plo_tracker.documents.panel.panel_data import PanelMinutes
        from plo_tracker.documents.panel.panel_minutes_pdf import render_panel_minutes

        require(actor, Permission.RUN_PANEL)
        meeting = self._meeting_view(actor, meeting_id)
        minutes = PanelMinutes(
            meeting.meeting_date,
            f"Minutes of the gateway panel, {medium_date(meeting.meeting_date)}",
            _where(meeting),
            tuple(_member(m.name, m.panel_role) for m in meeting.members if m.attended),
            tuple(_member(m.name, m.panel_role) for m in meeting.members
                  if m.attended is False),
            meeting.quorum_text, meeting.quorate,
            tuple(_minute(item) for item in meeting.items), actor.display_name)
        pdf = render_panel_minutes(minutes).pdf
        return self._save(actor, out, pdf, AuditAction.PANEL_PRINT, meeting.items, "minutes")

    def decision_letter(self, actor: Actor, item_id: int, out: Path) -> Path:
        """Save the family's decision letter, to its social worker and team manager."""
        require(actor, Permission.RUN_PANEL)
        pdf, item, _ = self._decision_letter(actor, item_id)
        return self._save(actor, out, pdf, AuditAction.PANEL_LETTER, [item], "decision_letter")

    def save_decision_letter(self, actor: Actor, item_id: int) -> DocumentView:
        """Keep the family's decision letter among its documents (dated the meeting's day)."""
        from .document_views import DocumentForm
        from .documents import DocumentService

        # Whoever may add to the family's documents (its social worker too: the letter is
        # to them); the documents service checks the family's team as for any document.
        require(actor, Permission.EDIT_CASES)
        pdf, item, meeting_date = self._decision_letter(actor, item_id)
        form = DocumentForm(title=f"Gateway panel decision, {medium_date(meeting_date)}",
                            document_date=meeting_date, author=actor.display_name,
                            doc_type=DocumentType.LETTER)
        # Audited there as a document added, in its own transaction.
        return DocumentService(self._ctx).add_generated(actor, item.family_id, pdf, form,
                                                        source="panel_decision")

    # -- making the papers ---------------------------------------------------------------
    def _meeting_and_item(self, actor: Actor,
                          item_id: int) -> tuple[PanelMeetingView, AgendaItemView]:
        item = self._item_view(actor, item_id)
        meeting = self._meeting_view(actor, item.meeting_id)
        return meeting, item

    def _decision_letter(self, actor: Actor,
                         item_id: int) -> tuple[bytes, AgendaItemView, date]:
        from plo_tracker.documents.panel.decision_letter_pdf import render_decision_letter
        from plo_tracker.documents.panel.panel_data import DecisionLetter

        meeting, item = self._meeting_and_item(actor, item_id)
        if item.decision is None:
            from plo_tracker.domain.errors import ValidationFailed
            raise ValidationFailed({"decision": (
                "The panel's decision on this family is not recorded yet, so there is no "
                "decision letter to make.")})
        family = self._family(actor, item.family_id)
        to = tuple(f"{name} ({what})" for name, what in (
            (family.social_worker, "social worker"), (family.team_manager, "team manager"))
            if name)
        letter = DecisionLetter(item.plo_family_id,
                                f"Gateway panel decision: {item.family_text}", to,
                                meeting.meeting_date, _minute(item), actor.display_name)
        return render_decision_letter(letter).pdf, item, meeting.meeting_date

    def _family(self, actor: Actor, family_id: int) -> FamilyDetail:
        try:
            return CaseDetailService(self._ctx).family(actor, family_id, record_view=False)
        except NotFound:
            raise NotFound(NO_SUCH_ITEM) from None

    def _sheet(self, actor: Actor, meeting: PanelMeetingView,
               item: AgendaItemView) -> SummarySheet:
        from plo_tracker.documents.panel.panel_data import SummarySheet

        family = self._family(actor, item.family_id)
        rules = self._ctx.settings().timescales
        children = ", ".join(f"{c.first_name} {c.last_name} ({c.age_text})"
                             for c in family.children) or "None recorded"
        details = (
            f"Gateway panel, {long_date(meeting.meeting_date)}. On the agenda: "
            f"{item.reason.label}",
            f"Children: {children}",
            f"Social worker: {family.social_worker or 'Not allocated'}"
            + (f"; team: {family.team}" if family.team else ""),
            _stage_line(family, item, meeting.meeting_date),
        )
        return SummarySheet(item.plo_family_id, item.family_text, details,
                            _sections(family, item, rules, meeting.meeting_date))

    def _save(self, actor: Actor, out: Path, pdf: bytes, action: AuditAction,
              items: Iterable[AgendaItemView], what: str) -> Path:
        """Write the file, and audit it against each family in it (the write inside the
        transaction: a file that could not be written leaves no entry)."""
        with self._ctx.database.unit_of_work() as session:
            for item in items:
                audit.record(session, actor, action, "panel_item", item.item_id,
                             item.family_id, after={"paper": what, "file": out.name,
                                                    "meeting_id": item.meeting_id})
            out.write_bytes(pdf)
        return out


def _member(name: str, role: PanelRole) -> str:
    return f"{name} ({role.label[:1].lower()}{role.label[1:]})"


def _where(meeting: PanelMeetingView) -> str:
    when = long_date(meeting.meeting_date)
    if meeting.start_time:
        when += f", {meeting.start_time:%H:%M}"
    return when + (f", {meeting.place}" if meeting.place else "")


def _members_line(meeting: PanelMeetingView) -> str:
    return "Members: " + ("; ".join(_member(m.name, m.panel_role) for m in meeting.members)
                          or "none listed")


def _minute(item: AgendaItemView) -> ItemMinute:
    from plo_tracker.documents.panel.panel_data import ItemMinute

    actions = tuple(
        f"{a.text} ({a.owner_name}, by {medium_date(a.due_date)})"
        + (f"; done {medium_date(a.done_on)}" if a.done_on else "") for a in item.actions)
    review = (f"Next review by the panel: {long_date(item.next_review_date)}."
              if item.next_review_date else "No review date was set.")
    return ItemMinute(item.position, item.family_text, item.reason.label,
                      item.decision_text or "No decision recorded", item.reasons or "",
                      actions, review, item.quorate, item.recommendation)


def _stage_line(family: FamilyDetail, item: AgendaItemView, on: date) -> str:
    episode = family.episode
    if episode is None:
        return "Stage: no episode yet"
    line = f"Stage: {episode.stage.label}"
    if episode.gateway_date and item.week_text:
        day = (on - episode.gateway_date).days + 1
        line += (f" since {medium_date(episode.gateway_date)}: day {day}, {item.week_text}"
                 + (f" (ends {medium_date(episode.target_end)})" if episode.target_end else ""))
    elif episode.gateway_date:
        line += f" (gateway decision {medium_date(episode.gateway_date)})"
    return line


def _sections(family: FamilyDetail, item: AgendaItemView, rules: Timescales,
              on: date) -> tuple[Section, ...]:
    from plo_tracker.documents.panel.panel_data import Section

    episode = family.episode
    if episode is None:
        return (Section("The social worker's recommendation",
                        (item.recommendation,) if item.recommendation else ()),)
    concerns = tuple(p.text for p in episode.plan if p.kind is PlanItemKind.CONCERN)
    reviews = [m.held_date for m in episode.meetings
               if m.kind is MeetingKind.REVIEW_PPM and m.held_date]
    plan = []
    for p in episode.plan:
        if p.kind is not PlanItemKind.EXPECTATION:
            continue
        line = p.text.rstrip(". ") + (f" (by {medium_date(p.due_date)})" if p.due_date else "")
        last = p.progress[-1] if p.progress else None
        line += (f". Progress, {medium_date(last.recorded_on)}: {last.text}" if last
                 else ". No progress recorded yet.")
        plan.append(line)
    heading = "The plan and progress at the last review" + (
        f" ({medium_date(max(reviews))})" if reviews else " (no review held yet)")
    return (
        Section("Concerns", concerns),
        Section(heading, tuple(plan), "The plan has no expectations recorded."),
        Section("Assessments", tuple(_assessment(a, on) for a in episode.assessments)),
        Section("Letters and meetings, against their targets",
                _letters_and_meetings(episode, rules)),
        Section("Extensions", tuple(
            f"To {medium_date(x.new_end_date)}, decided {medium_date(x.decided_on)} by "
            f"{x.approved_by}: {x.reason}" for x in episode.extensions), "None."),
        Section("The social worker's recommendation",
                (item.recommendation,) if item.recommendation else ()),
    )


def _assessment(a, on: date) -> str:
    what = f"{a.kind.label} of {a.subject}: "
    if a.completed_date:
        return what + f"completed {medium_date(a.completed_date)}" + (
            f". {a.conclusion}" if a.conclusion else "")
    if a.due_date and a.due_date < on:
        return what + f"overdue (due {medium_date(a.due_date)})"
    if a.due_date:
        return what + f"in progress, due {medium_date(a.due_date)}"
    return what + "in progress"


def _against(done: date | None, target: date | None, doing: str) -> str:
    if done is None:
        return f"not yet {doing}" + (f" (target {medium_date(target)})" if target else "")
    said = f"{doing} {medium_date(done)}"
    if target is None:
        return said
    return said + (f" (target {medium_date(target)}, "
                   + ("on time)" if done <= target else "late)"))


def _letters_and_meetings(episode, rules: Timescales) -> tuple[str, ...]:
    from plo_tracker.domain.letter_types import LBP_CODES

    lines = []
    letter_target = rules.letter_due(episode.gateway_date) if episode.gateway_date else None
    sent = []
    for letter in episode.letters:
        if letter.kind.value not in LBP_CODES:
            continue
        lines.append(f"Letter before proceedings to {letter.recipient}: "
                     + _against(letter.sent_date, letter_target, "sent"))
        if letter.sent_date:
            sent.append(letter.sent_date)
    if not sent and episode.gateway_date:
        lines.append("Letter before proceedings: " + _against(None, letter_target, "sent"))
    last_held = None
    for meeting in sorted(episode.meetings, key=lambda m: m.held_date or m.planned_date
                          or date.max):
        target = None
        if meeting.kind is MeetingKind.INITIAL_PPM and sent:
            target = rules.initial_meeting_due(min(sent))
        elif meeting.kind is MeetingKind.REVIEW_PPM and last_held:
            target = rules.review_due(last_held)
        if meeting.held_date:
            lines.append(f"{meeting.kind.label}: " + _against(meeting.held_date, target, "held"))
            last_held = meeting.held_date
        elif meeting.planned_date:
            lines.append(f"{meeting.kind.label}: planned {medium_date(meeting.planned_date)}"
                         + (f" (target {medium_date(target)})" if target else ""))
    return tuple(lines)
