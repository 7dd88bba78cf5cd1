"""One family's whole journey recorded through the dialogs, checking the record after each."""

from __future__ import annotations

from datetime import date

import pytest

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    Outcome,
    PlanItemKind,
    SendMethod,
)
from plo_tracker.gui.forms.actions import case_actions

from .forms_conftest_helpers import (
    build_forms_world,
    choose,
    click,
    never_block,
    open_form,
    pick,
    save,
    saved,
    type_date,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("journey"))
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


def record(qtbot, world, key, family_id, fill, actor=None):
    """Open the action's dialog, fill it in, save; returns the family as it is afterwards."""
    dialog = open_form(qtbot, world, key, family_id, actor)
    fill(dialog)
    save(qtbot, dialog)
    assert saved(dialog), dialog.banner.text() or dialog.fields.shown_problems()
    return world.detail(family_id)


def last_change(world, family_id, action) -> dict:
    """What the audit trail says the latest change of this kind stored."""
    entries = world.services.case_detail.history(world.admin, family_id)
    return next(e.after for e in entries if e.action == action)


def enabled(world, family_id, actor) -> set[str]:
    return {a.key for a in case_actions(world.detail(family_id), actor) if a.enabled}


def test_every_milestone_in_order(qtbot, world):
    family_id = world.family(gateway=None)
    worker, manager = world.worker, world.manager
    assert "gateway" in enabled(world, family_id, manager)

    def gateway(d):
        pick(qtbot, d.decision, GatewayDecision.ENTER_PRE_PROCEEDINGS)
        type_date(qtbot, d.decided_on, "01/09/2026")
        assert d.decided_on.read_back.text() == "Tue 1 Sep 2026"

    detail = record(qtbot, world, "gateway", family_id, gateway, manager)
    assert (detail.episode.stage, detail.episode.gateway_date) == (
        Stage.PRE_PROCEEDINGS, date(2026, 9, 1))
    assert "gateway" not in enabled(world, family_id, manager)

    def letter_to(name, day, method):
        def fill(d):
            assert d.recipient.count() == (2 if name == "Jade Testcase (mother)" else 1)
            choose(d.recipient, name)
            assert d.kind.value() is LetterType.LBP
            type_date(qtbot, d.sent_on, day)
            pick(qtbot, d.method, method)
        return fill

    record(qtbot, world, "letter", family_id,
           letter_to("Jade Testcase (mother)", "03/09/2026", SendMethod.POST))
    detail = record(qtbot, world, "letter", family_id,
                    letter_to("Liam Testcase (father)", "2026-09-04", SendMethod.HAND))
    assert sorted((x.recipient, x.sent_date, x.method) for x in detail.episode.letters) == [
        ("Jade Testcase", date(2026, 9, 3), SendMethod.POST),
        ("Liam Testcase", date(2026, 9, 4), SendMethod.HAND)]
    assert "letter" not in enabled(world, family_id, worker)

    def plan_initial(d):
        assert d.kind.value() is MeetingKind.INITIAL_PPM
        type_date(qtbot, d.planned_on, "17/09/2026")
        qtbot.keyClicks(d.start_time, "10:30")
        qtbot.keyClicks(d.place, "Civic Centre, room 4")

    detail = record(qtbot, world, "schedule_meeting", family_id, plan_initial)
    (planned,) = detail.episode.meetings
    assert (planned.kind, planned.planned_date, planned.held_date) == (
        MeetingKind.INITIAL_PPM, date(2026, 9, 17), None)
    stored = last_change(world, family_id, "meeting.schedule")
    assert (stored["start_time"], stored["place"]) == ("10:30:00", "Civic Centre, room 4")

    def history(d):
        qtbot.keyClicks(d.text, "Known to children's services since 2024.")

    detail = record(qtbot, world, "history", family_id, history)
    assert detail.episode.history == "Known to children's services since 2024."

    def hold_initial(d):
        assert d.meeting.value() == planned.meeting_id  # the planned meeting comes first
        assert d.kind.value() is MeetingKind.INITIAL_PPM
        type_date(qtbot, d.held_on, "17/09/2026")
        qtbot.keyClicks(d.attendance, "Jade, Liam and both solicitors")
        choose(d.solicitors, "Yes")
        choose(d.agreement, "Yes")

    detail = record(qtbot, world, "meeting_held", family_id, hold_initial)
    (held,) = detail.episode.meetings
    assert (held.meeting_id, held.held_date, held.attendance, held.parents_solicitors_present,
            held.agreement_signed) == (planned.meeting_id, date(2026, 9, 17),
                                       "Jade, Liam and both solicitors", True, True)

    def offer_fgdm(d):
        pick(qtbot, d.offered, True)
        assert d.held.value() is None  # "not yet known" until someone says

    detail = record(qtbot, world, "fgdm", family_id, offer_fgdm)
    assert (detail.episode.fgdm_offered, detail.episode.fgdm_held) == (True, None)

    def commission(d):
        choose(d.kind, AssessmentKind.PARENTING.label)
        qtbot.keyClicks(d.subject, "the mother")
        type_date(qtbot, d.commissioned_on, "20/09/2026")
        type_date(qtbot, d.due_on, "15/11/2026")
        qtbot.keyClicks(d.author, "Dr Ada Hughes")
        qtbot.keyClicks(d.reason, "To see whether Jade can keep Ruby safe.")

    detail = record(qtbot, world, "commission_assessment", family_id, commission)
    assert last_change(world, family_id, "assessment.commission")["reason"] == (
        "To see whether Jade can keep Ruby safe.")
    (assessment,) = detail.episode.assessments
    assert (assessment.kind, assessment.subject, assessment.due_date, assessment.author) == (
        AssessmentKind.PARENTING, "the mother", date(2026, 11, 15), "Dr Ada Hughes")

    def complete(d):
        assert d.assessment.value() == assessment.assessment_id  # the only one, chosen
        assert d.author.text() == "Dr Ada Hughes"
        type_date(qtbot, d.completed_on, "10/11/2026")
        qtbot.keyClicks(d.conclusion, "Jade can meet Ruby's needs with support.")

    detail = record(qtbot, world, "complete_assessment", family_id, complete)
    (assessment,) = detail.episode.assessments
    assert (assessment.completed_date, assessment.conclusion) == (
        date(2026, 11, 10), "Jade can meet Ruby's needs with support.")
    assert "complete_assessment" not in enabled(world, family_id, worker)

    def expectation(d):
        pick(qtbot, d.kind, PlanItemKind.EXPECTATION)
        qtbot.keyClicks(d.text, "Ruby attends school every day")
        type_date(qtbot, d.due_on, "30/11/2026")
        qtbot.keyClicks(d.help_offered, "A lift to school on Mondays")

    detail = record(qtbot, world, "plan_item", family_id, expectation)
    assert last_change(world, family_id, "plan.add_item")["help_offered"] == (
        "A lift to school on Mondays")
    (item,) = detail.episode.plan
    assert (item.kind, item.text, item.due_date) == (
        PlanItemKind.EXPECTATION, "Ruby attends school every day", date(2026, 11, 30))

    def hold_review(d):
        choose(d.meeting, "Not planned in the tracker")
        choose(d.kind, MeetingKind.REVIEW_PPM.label)
        type_date(qtbot, d.held_on, "29/10/2026")

    detail = record(qtbot, world, "meeting_held", family_id, hold_review)
    review = next(m for m in detail.episode.meetings if m.kind is MeetingKind.REVIEW_PPM)
    assert review.held_date == date(2026, 10, 29)

    def progress(d):
        assert d.item.count() == 1
        choose(d.item, "What must change: Ruby attends school every day")
        type_date(qtbot, d.recorded_on, "29/10/2026")
        choose(d.meeting, "Review pre-proceedings meeting, Thu 29 Oct 2026")
        qtbot.keyClicks(d.text, "Attendance up to 96%")

    detail = record(qtbot, world, "plan_progress", family_id, progress)
    (note,) = detail.episode.plan[0].progress
    assert (note.recorded_on, note.meeting_id, note.text) == (
        date(2026, 10, 29), review.meeting_id, "Attendance up to 96%")

    def extend(d):
        type_date(qtbot, d.decided_on, "20/11/2026")
        type_date(qtbot, d.new_end, "15/01/2027")
        qtbot.keyClicks(d.reason, "Awaiting the kinship assessment")
        choose(d.approved_by, "Morgan Patel (team manager)")

    detail = record(qtbot, world, "extension", family_id, extend, manager)
    (extension,) = detail.episode.extensions
    assert (extension.new_end_date, extension.reason, extension.approved_by,
            extension.approved_by_id) == (
        date(2027, 1, 15), "Awaiting the kinship assessment", "Morgan Patel", manager.user_id)

    def issue(d):
        pick(qtbot, d.outcome, Outcome.ISSUE_PROCEEDINGS)
        assert not d.plan.isVisibleTo(d)  # no step-down plan for issuing
        type_date(qtbot, d.decided_on, "23/11/2026")

    detail = record(qtbot, world, "outcome", family_id, issue, manager)
    assert (detail.episode.stage, detail.episode.outcome, detail.episode.outcome_date) == (
        Stage.DECIDED_TO_ISSUE, Outcome.ISSUE_PROCEEDINGS, date(2026, 11, 23))
    # Decided Mon 23 Nov: the application is due within 5 working days, by Mon 30 Nov.
    assert [(i.title, i.due) for i in detail.due] == [
        ("Make the court application", date(2026, 11, 30))]
    assert "court_application" in enabled(world, family_id, worker)
    assert "close_proceedings" not in enabled(world, family_id, worker)

    def apply(d):
        type_date(qtbot, d.applied_on, "24/11/2026")
        assert not d.reason.isVisibleTo(d)
        click(qtbot, d.short_notice)
        assert d.reason.isVisibleTo(d)
        qtbot.keyClicks(d.reason, "Risk of the family leaving the area")
        qtbot.keyClicks(d.court_name, "the Family Court at Leeds")
        qtbot.keyClicks(d.reference, "ZW26C00042")
        type_date(qtbot, d.letter_on, "25/11/2026")

    detail = record(qtbot, world, "court_application", family_id, apply)
    episode = detail.episode
    assert episode.court_name == "the Family Court at Leeds"
    assert (episode.court_application_date, episode.short_notice, episode.short_notice_reason,
            episode.court_reference, episode.letter_of_issue_date) == (
        date(2026, 11, 24), True, "Risk of the family leaving the area", "ZW26C00042",
        date(2026, 11, 25))

    detail = record(qtbot, world, "close_proceedings", family_id,
                    lambda d: type_date(qtbot, d.closed_on, "26/11/2026"))
    assert (detail.episode.stage, detail.episode.closed_date) == (
        Stage.CLOSED, date(2026, 11, 26))

    detail = record(qtbot, world, "note", family_id,
                    lambda d: qtbot.keyClicks(d.text, "Case closed; file to archive."))
    assert [(n.author, n.text) for n in detail.notes] == [
        ("Sam Okafor", "Case closed; file to archive.")]
    # A closed episode offers a new gateway decision, and little else.
    assert enabled(world, family_id, manager) == {"gateway", "note", "write_letters", "adult",
                                                  "child", "restrict_access", "chronology",
                                                  "court_bundle"}


def test_step_down_needs_the_plan_it_steps_down_to(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "outcome", family_id, world.manager)
    assert not dialog.plan.isVisibleTo(dialog)
    pick(qtbot, dialog.outcome, Outcome.STEP_DOWN)
    type_date(qtbot, dialog.decided_on, "20/11/2026")
    assert dialog.plan.isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()
    assert "steps down to" in dialog.still_needed.text()
    choose(dialog.plan, "Child in need plan")
    save(qtbot, dialog)
    assert saved(dialog)
    episode = world.detail(family_id).episode
    assert (episode.stage, episode.step_down_plan.label) == (Stage.STEPPED_DOWN,
                                                             "Child in need plan")
