"""The facts of a family's record that a social work chronology lists, each with its origin.

Each origin names the row and the event ("meeting:12:held"), so the same fact drawn again
is recognised (domain/chronology.py merges them with the worker's entries).
"""

from __future__ import annotations

from collections.abc import Iterator

from plo_tracker.domain.chronology import ChronologyFact, brief, note_source
from plo_tracker.domain.clock import UK
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    Outcome,
    SendMethod,
    StepDownPlan,
)
from plo_tracker.storage.models import Episode, Family

GATEWAY_SOURCE = "Gateway decision record"
LETTER_SOURCE = "Letter"
MEETING_SOURCE = "Meeting record"
ASSESSMENT_SOURCE = "Assessment record"
EXTENSION_SOURCE = "Extension record"
OUTCOME_SOURCE = "Outcome record"
COURT_SOURCE = "Court application"


def record_facts(family: Family) -> list[ChronologyFact]:
    """Every dated event of the family's episodes and the notes marked for the chronology,
    in the order the record gives them. Every letter recorded as sent is one of its
    episode's letters (a letter the app made adds one when it is recorded as sent)."""
    names = {a.id: f"{a.first_name} {a.last_name}" for a in family.adults}
    facts: list[ChronologyFact] = []
    for episode in family.episodes:
        facts.extend(_episode_facts(episode, names))
    for note in family.notes:
        if note.for_chronology:
            written_on = note.written_at.astimezone(UK).date()
            facts.append(ChronologyFact(f"note:{note.id}", written_on, note.text.strip(),
                                        note_source(written_on)))
    return facts


def _episode_facts(episode: Episode, names: dict[int, str]) -> Iterator[ChronologyFact]:
    key = f"episode:{episode.id}"
    if episode.gateway_date and episode.gateway_decision:
        decision = GatewayDecision(episode.gateway_decision).label
        yield ChronologyFact(f"{key}:gateway", episode.gateway_date,
                             f"Legal gateway decision: {decision}.", GATEWAY_SOURCE)
    for letter in episode.letters:
        if letter.sent_date:
            to = names.get(letter.adult_id, "the family")
            how = f" ({SendMethod(letter.method).label.lower()})" if letter.method else ""
            yield ChronologyFact(f"letter:{letter.id}:sent", letter.sent_date,
                                 f"{LetterType(letter.kind).title} sent to {to}{how}.",
                                 LETTER_SOURCE)
    for meeting in episode.meetings:
        if meeting.held_date:
            yield ChronologyFact(f"meeting:{meeting.id}:held", meeting.held_date,
                                 _meeting_event(meeting), MEETING_SOURCE)
    for assessment in episode.assessments:
        what = f"{AssessmentKind(assessment.kind).label} of {assessment.subject}"
        if assessment.commissioned_date:
            by = f" from {assessment.author}" if assessment.author else ""
            due = (f"; due {short_date(assessment.due_date)}" if assessment.due_date else "")
            yield ChronologyFact(f"assessment:{assessment.id}:commissioned",
                                 assessment.commissioned_date,
                                 f"{what} commissioned{by}{due}.", ASSESSMENT_SOURCE)
        if assessment.completed_date:
            found = f": {brief(assessment.conclusion)}" if assessment.conclusion else "."
            yield ChronologyFact(f"assessment:{assessment.id}:completed",
                                 assessment.completed_date, f"{what} completed{found}",
                                 ASSESSMENT_SOURCE)
    for extension in episode.extensions:
        yield ChronologyFact(
            f"extension:{extension.id}", extension.decided_on,
            f"Pre-proceedings extended to {short_date(extension.new_end_date)}, approved by "
            f"{extension.approved_by}: {brief(extension.reason)}", EXTENSION_SOURCE)
    yield from _ending_facts(episode, key)


def _meeting_event(meeting) -> str:
    event = f"{MeetingKind(meeting.kind).label} held."
    if meeting.parents_solicitors_present is True:
        event += " The parents' solicitors attended."
    elif meeting.parents_solicitors_present is False:
        event += " The parents' solicitors did not attend."
    if meeting.agreement_signed:
        event += " The written agreement was signed."
    return event


def _ending_facts(episode: Episode, key: str) -> Iterator[ChronologyFact]:
    if episode.outcome_date and episode.outcome:
        event = f"Pre-proceedings outcome: {Outcome(episode.outcome).label}"
        if episode.step_down_plan:
            event += f", to a {StepDownPlan(episode.step_down_plan).label.lower()}"
        yield ChronologyFact(f"{key}:outcome", episode.outcome_date, event + ".",
                             OUTCOME_SOURCE)
    if episode.court_application_date:
        court = episode.court_name or "the family court"
        event = f"Application for a care order made to {court}"
        if episode.court_reference:
            event += f" (case number {episode.court_reference})"
        if episode.short_notice:
            event += ", on short notice"
        yield ChronologyFact(f"{key}:court_application", episode.court_application_date,
                             event + ".", COURT_SOURCE)
    if episode.letter_of_issue_date:
        yield ChronologyFact(f"{key}:letter_of_issue", episode.letter_of_issue_date,
                             "Letter of issue sent to the parents: the council has applied "
                             "to court.", LETTER_SOURCE)
