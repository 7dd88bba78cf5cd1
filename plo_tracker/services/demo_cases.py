"""A demo family's record read into the plain DemoCase its synthetic documents are drawn
from (names, dates, concerns, key events), and the families the demo documents go to."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plo_tracker.documents.demo_pdfs import DemoAdult, DemoCase, DemoChild
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import AssessmentKind, MeetingKind, PlanItemKind
from plo_tracker.storage.models import (
    Adult,
    Assessment,
    Child,
    Episode,
    Extension,
    Family,
    Letter,
    Meeting,
    PlanItem,
    User,
)

# The demo's own team: its social worker and manager accounts are in the README, so the
# families with documents are theirs to change when there are enough of them.
HOME_TEAM = "North"
# Invented addresses in the demo's invented county (NS is no real postcode area).
CARER_ADDRESSES = (
    "14 Larkspur Close, Wrenfield, Northshire NS3 8QT",
    "Flat 2, 7 Heron Wharf, Eastgate, Northshire NS4 2LW",
    "31 Quarry Bank Road, Millbeck, Northshire NS5 6JR",
)
CARER_FIRST_NAMES = ("Carol", "Denise", "Marcia", "Leanne", "Paula")
_FALLBACK_HISTORY = ("We worked with your family under a child "
                     "protection plan before pre-proceedings began.")


def current_episodes(session: Session) -> dict[int, Episode]:
    """Each family's latest episode, by family id."""
    latest = select(Episode.family_id, func.max(Episode.id).label("id")).group_by(
        Episode.family_id).subquery()
    rows = session.scalars(select(Episode).join(latest, latest.c.id == Episode.id))
    return {episode.family_id: episode for episode in rows}


def choose_families(session: Session, seed: int, issued: int, pre: int,
                    ) -> tuple[list[int], list[int]]:
    """``issued`` families with care proceedings issued and ``pre`` in pre-proceedings,
    the home team's first, shuffled by the seed: the same seed chooses the same ones."""
    rng = random.Random(seed)
    teams = {row.id: row.team for row in session.execute(select(Family.id, Family.team))}
    by_stage: dict[str, list[int]] = {Stage.PROCEEDINGS_ISSUED.value: [],
                                      Stage.PRE_PROCEEDINGS.value: []}
    for family_id, episode in sorted(current_episodes(session).items()):
        if episode.stage in by_stage and (episode.stage == Stage.PRE_PROCEEDINGS.value
                                          or episode.court_reference):
            by_stage[episode.stage].append(family_id)

    def pick(ids: list[int], wanted: int) -> list[int]:
        home = [i for i in ids if teams.get(i) == HOME_TEAM]
        away = [i for i in ids if teams.get(i) != HOME_TEAM]
        rng.shuffle(home)
        rng.shuffle(away)
        return (home + away)[:wanted]

    return (pick(by_stage[Stage.PROCEEDINGS_ISSUED.value], issued),
            pick(by_stage[Stage.PRE_PROCEEDINGS.value], pre))


def worker_username(session: Session, family_id: int) -> str | None:
    """The user name of the family's allocated social worker, who adds its documents."""
    return session.scalar(select(User.username).join(Family, Family.social_worker_id == User.id)
                          .where(Family.id == family_id, User.active.is_(True)))


def read_case(session: Session, episode: Episode, council: str, rng: random.Random,
              with_carer: bool) -> DemoCase:
    """The family's record (as of its current episode) as its documents tell it."""
    family_id = episode.family_id
    family = session.get(Family, family_id)
    names = {u.id: u.display_name for u in session.scalars(select(User).where(
        User.id.in_([family.social_worker_id or 0, family.team_manager_id or 0])))}
    children = tuple(DemoChild(f"{c.first_name} {c.last_name}", c.date_of_birth)
                     for c in session.scalars(select(Child).where(Child.family_id == family_id)
                                              .order_by(Child.id)))
    adults = list(session.scalars(select(Adult).where(Adult.family_id == family_id)
                                  .order_by(Adult.id)))
    items = list(session.scalars(select(PlanItem).where(PlanItem.episode_id == episode.id)
                                 .order_by(PlanItem.id)))
    assessments = list(session.scalars(select(Assessment).where(
        Assessment.episode_id == episode.id).order_by(Assessment.id)))
    authors = [a.author for a in assessments if a.author]

    def texts(kind: PlanItemKind) -> tuple[str, ...]:
        return tuple(i.text for i in items if i.kind == kind.value)

    carer = carer_address = None
    if with_carer:
        mother = next((a for a in adults if a.relationship == "mother"), None)
        surname = mother.last_name if mother else children[0].name.split()[-1]
        first = rng.choice([name for name in CARER_FIRST_NAMES
                            if mother is None or name != mother.first_name])
        carer = f"{first} {surname}"
        carer_address = rng.choice(CARER_ADDRESSES)
    return DemoCase(
        reference=family.plo_family_id, council=council,
        worker=names.get(family.social_worker_id, "the allocated social worker"),
        manager=names.get(family.team_manager_id, "the team manager"),
        children=children,
        adults=tuple(DemoAdult(f"{a.first_name} {a.last_name}", a.relationship)
                     for a in adults),
        started=episode.gateway_date or family.created_at.date(),
        concerns=texts(PlanItemKind.CONCERN), expectations=texts(PlanItemKind.EXPECTATION),
        support=texts(PlanItemKind.SUPPORT), history=episode.history or _FALLBACK_HISTORY,
        assessor=authors[0] if authors else "Dr Rowan Ashdown",
        expert=authors[-1] if len(authors) > 1 else "Dr Ellis Farrow",
        court=episode.court_name or "", case_number=episode.court_reference or "",
        applied=episode.court_application_date, carer=carer, carer_address=carer_address,
        events=_events(session, episode, adults, assessments))


def _events(session: Session, episode: Episode, adults: list[Adult],
            assessments: list[Assessment]) -> tuple[tuple[date, str], ...]:
    """The record's key dates: the gateway decision, letters, meetings, assessments,
    extensions and the application, in date order."""
    named = {a.id: f"{a.first_name} {a.last_name}" for a in adults}
    events: list[tuple[date, str]] = []
    if episode.gateway_date:
        events.append((episode.gateway_date, "The legal gateway meeting decided that the "
                       "family should enter pre-proceedings."))
    for letter in session.scalars(select(Letter).where(Letter.episode_id == episode.id,
                                                       Letter.sent_date.is_not(None))):
        title = LetterType.from_code(letter.kind).title if letter.kind else "Letter"
        events.append((letter.sent_date, f"{title} sent to "
                       f"{named.get(letter.adult_id, 'a parent')}."))
    for meeting in session.scalars(select(Meeting).where(Meeting.episode_id == episode.id,
                                                         Meeting.held_date.is_not(None))):
        events.append((meeting.held_date, f"{MeetingKind.from_code(meeting.kind).label} "
                       "held."))
    for assessment in assessments:
        if assessment.completed_date:
            events.append((assessment.completed_date,
                           f"{AssessmentKind.from_code(assessment.kind).label} completed"
                           f"{' by ' + assessment.author if assessment.author else ''}."))
    for extension in session.scalars(select(Extension).where(
            Extension.episode_id == episode.id)):
        events.append((extension.decided_on, f"Pre-proceedings extended: {extension.reason}"))
    if episode.court_application_date:
        events.append((episode.court_application_date,
                       "The local authority applied to the court for care orders."))
    return tuple(sorted(events, key=lambda event: event[0]))
