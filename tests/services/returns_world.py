"""Families built through the services on a clock after the years they are dated in, for the
national returns' tests: each journey's dates are given, so the expected rows can be worked
out by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import count

from sqlalchemy import select

from plo_tracker.domain.clock import FixedClock
from plo_tracker.domain.ssd import CourtDetails
from plo_tracker.domain.vocabulary import GatewayDecision, MeetingKind, Outcome, SendMethod
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.registry import Services
from plo_tracker.storage.models import Child

# Every journey is recorded on this day, after all the dates used.
LATER = date(2029, 9, 28)
_numbers = count(1)


@dataclass(frozen=True)
class Journey:
    """What happens to one family, with its dates (None: not happened)."""

    start: date
    local_ids: tuple[str | None, ...] = ("LC100",)
    letters: tuple[date, ...] = ()  # to the mother, then the father
    fgdm: tuple[bool, bool | None] | None = None  # offered, held
    initial: date | None = None
    reviews: tuple[date, ...] = ()
    solicitors: bool | None = None  # at every meeting held
    outcome: Outcome | None = None
    outcome_on: date | None = None
    applied: date | None = None
    letter_of_issue: date | None = None
    short_notice: bool = False
    reference: str | None = None
    details: CourtDetails | None = None
    decision: GatewayDecision = GatewayDecision.ENTER_PRE_PROCEEDINGS
    cp_plans: tuple[int, ...] = field(default=(0,))


@dataclass(frozen=True)
class Built:
    family_id: int
    plo_family_id: str
    child_ids: tuple[int, ...]


def later(world) -> Services:
    return Services.build(world.database, FixedClock(LATER))


def build(world, journey: Journey, prefix: str = "RET") -> Built:
    """The family, its children (one per local id) and the journey, recorded by the manager."""
    services, manager = later(world), world.actor("manager")
    plo_id = f"{prefix}-{next(_numbers):04d}"
    children = tuple(
        ChildForm(f"Child{n}", "Returns", date_of_birth=date(2019, 4, 2), local_child_id=local,
                  cp_plan_count=journey.cp_plans[n % len(journey.cp_plans)])
        for n, local in enumerate(journey.local_ids))
    family_id = services.families.create(manager, NewFamilyForm(
        children=children,
        adults=(AdultForm("Jade", "Returns", "mother"), AdultForm("Liam", "Returns", "father")),
        gateway=GatewayForm(journey.decision, journey.start), plo_family_id=plo_id))
    record_journey(world, services, family_id, journey)
    with world.database.reading() as conn:
        child_ids = tuple(conn.execute(select(Child.id).where(Child.family_id == family_id)
                                       .order_by(Child.id)).scalars())
    return Built(family_id, plo_id, child_ids)


def record_journey(world, services: Services, family_id: int, journey: Journey) -> None:
    milestones, manager = services.milestones, world.actor("manager")
    for adult_id, sent in zip(world.adults(family_id), journey.letters, strict=False):
        milestones.record_letter_sent(manager, family_id, adult_id, sent, SendMethod.POST)
    if journey.fgdm is not None:
        milestones.record_fgdm(manager, family_id, *journey.fgdm)
    if journey.initial:
        milestones.record_meeting_held(manager, family_id, MeetingKind.INITIAL_PPM,
                                       journey.initial, solicitors_present=journey.solicitors)
    for day in journey.reviews:
        milestones.record_meeting_held(manager, family_id, MeetingKind.REVIEW_PPM, day,
                                       solicitors_present=journey.solicitors)
    if journey.outcome:
        from plo_tracker.domain.vocabulary import StepDownPlan

        plan = StepDownPlan.CHILD_PROTECTION if journey.outcome is Outcome.STEP_DOWN else None
        milestones.record_outcome(manager, family_id, journey.outcome, journey.outcome_on, plan)
    if journey.applied:
        milestones.record_court_application(
            manager, family_id, journey.applied, journey.short_notice,
            "Risk of flight." if journey.short_notice else None, journey.reference,
            journey.letter_of_issue, details=journey.details)
