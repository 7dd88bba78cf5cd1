"""A family's register of confidential details: the addresses, phone numbers, schools and
other phrases that must never reach a party, which the bundle guard searches for.

The adults' addresses already recorded as confidential (people.address_confidential) are
in the register too, read-only: they are changed on the adult, where they belong.
Everything here needs the permission to see confidential addresses, and the register's
phrases are kept out of the audit entries' visible words for those without it (they are
recorded as the entry's confidential "address").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.domain.confidential_phrases import phrase_problem
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.storage.models import Adult, ConfidentialDetail, Family

from . import audit
from .actor import Actor
from .context import ServiceContext
from .errors import NotFound
from .family_access import family_visible, visible_family
from .permissions import Permission, require, require_family_scope


@dataclass(frozen=True)
class ConfidentialDetailView:
    """One phrase of the register; ``detail_id`` is None for an adult's confidential
    address, which ``from_adult`` names (it is changed on the adult)."""

    detail_id: int | None
    kind: ConfidentialKind
    phrase: str
    from_adult: str | None = None


def _audited(row: ConfidentialDetail) -> dict[str, object]:
    # The phrase goes in as a confidential "address", so the history hides it from roles
    # that may not see confidential addresses (services/audit.hide_confidential).
    return {"kind": row.kind, "address": row.phrase, "address_confidential": True}


class ConfidentialRegisterService:
    """Listing, adding and removing a family's confidential details (audited)."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def list(self, actor: Actor, family_id: int) -> tuple[ConfidentialDetailView, ...]:
        """The register: the details added, then the adults' confidential addresses."""
        _require(actor)
        with self._ctx.database.reading() as conn, Session(bind=conn) as session:
            visible_family(session, actor, family_id)
            return self._views(session, family_id)

    def phrases(self, actor: Actor, family_id: int) -> tuple[str, ...]:
        """Every phrase the guard searches this family's documents for."""
        return tuple(view.phrase for view in self.list(actor, family_id))

    def add(self, actor: Actor, family_id: int, kind: ConfidentialKind,
            phrase: str) -> ConfidentialDetailView:
        """Add a phrase to the register.

        Raises:
            ValidationFailed: the phrase is blank, too short to search for safely, too long,
                or in the register already (under "phrase").
        """
        _require(actor)
        require(actor, Permission.EDIT_CASES)
        problem = phrase_problem(phrase)
        if problem:
            raise ValidationFailed({"phrase": problem})
        phrase = phrase.strip()
        with self._ctx.database.unit_of_work() as session:
            family = visible_family(session, actor, family_id)
            require_family_scope(actor, family.social_worker_id, family.team)
            if any(view.phrase.casefold() == phrase.casefold()
                   for view in self._views(session, family_id)):
                raise ValidationFailed({"phrase": (
                    f"“{phrase}” is in this family's register already.")})
            row = ConfidentialDetail(family_id=family.id, kind=kind.value, phrase=phrase,
                                     added_by=actor.username, added_at=self._ctx.clock.now())
            session.add(row)
            session.flush()
            audit.record(session, actor, AuditAction.CONFIDENTIAL_ADD, "confidential_detail",
                         row.id, family.id, after=_audited(row))
            return ConfidentialDetailView(row.id, kind, row.phrase)

    def remove(self, actor: Actor, detail_id: int) -> None:
        """Remove a phrase added to the register (an adult's address is changed on them)."""
        _require(actor)
        require(actor, Permission.EDIT_CASES)
        with self._ctx.database.unit_of_work() as session:
            found = session.execute(
                select(ConfidentialDetail, Family)
                .join(Family, Family.id == ConfidentialDetail.family_id)
                .where(ConfidentialDetail.id == detail_id, family_visible(actor))).first()
            if found is None:
                raise NotFound(f"There is no confidential detail with id {detail_id}.")
            row, family = found
            require_family_scope(actor, family.social_worker_id, family.team)
            before = _audited(row)
            session.delete(row)
            audit.record(session, actor, AuditAction.CONFIDENTIAL_REMOVE,
                         "confidential_detail", detail_id, family.id, before=before)

    @staticmethod
    def _views(session: Session, family_id: int) -> tuple[ConfidentialDetailView, ...]:
        added = session.scalars(select(ConfidentialDetail).where(
            ConfidentialDetail.family_id == family_id).order_by(ConfidentialDetail.id))
        adults = session.scalars(select(Adult).where(
            Adult.family_id == family_id, Adult.address_confidential.is_(True),
            Adult.address.is_not(None)).order_by(Adult.id))
        return (*(ConfidentialDetailView(row.id, ConfidentialKind.from_code(row.kind), row.phrase)
                  for row in added),
                *(ConfidentialDetailView(None, ConfidentialKind.ADDRESS, adult.address,
                                         _adult_name(adult))
                  for adult in adults if (adult.address or "").strip()))


def _adult_name(adult: Adult) -> str:
    return " ".join(part for part in (adult.first_name, adult.last_name) if part)


def _require(actor: Actor) -> None:
    require(actor, Permission.VIEW_CASES)
    require(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES)
