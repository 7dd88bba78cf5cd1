"""Restricted families: who may see one, as a filter every read and write puts in its query,
and the list of named people that team managers and administrators keep.

A restricted family (a staff member's relative, a high-profile case) is seen only by:
- the people named for it (table family_access);
- its allocated social worker and its team manager, always: they hold the case, and a
  restriction that hid a family from the people working with it would leave children
  unprotected.
Nobody else sees it, administrators included. Anyone else gets the answer a family that
does not exist gets, so not even its existence shows.

An administrator may keep the list of any family, one they cannot see included, without
seeing its record (the list shows the PLO family id and the people only); each look at
the list of a family they may not see, and every change by anyone, is in the audit log.
A team manager keeps the list of the families they can see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Select, and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.storage.models import Family, FamilyAccess, User

from . import audit
from .actor import Actor
from .context import ServiceContext
from .errors import NotFound
from .permissions import require

# What someone not allowed to see a family is told: the words for a family that does not exist.
NO_SUCH_FAMILY = "That family no longer exists. Refresh the list."


# -- the filter ---------------------------------------------------------------------------
def _allowed(user_id: int) -> ColumnElement[bool]:
    """True for a family row this person may see if it is restricted.

    Each side is true or false, never NULL (a family with no worker allocated has a NULL
    social_worker_id), so NOT of it is true or false too.
    """
    return or_(
        and_(Family.social_worker_id.is_not(None), Family.social_worker_id == user_id),
        and_(Family.team_manager_id.is_not(None), Family.team_manager_id == user_id),
        exists().where(FamilyAccess.family_id == Family.id, FamilyAccess.user_id == user_id),
    )


def hidden_family_ids(actor: Actor) -> Select:
    """The ids of the restricted families this person may not see, as a subquery.

    Only restricted families are looked at, so for a council with few of them this is a
    short list, worked out once per query (SQLite and PostgreSQL both run an uncorrelated
    IN subquery once), whatever the number of families listed.
    """
    query = select(Family.id).where(Family.restricted.is_(True))
    if actor.user_id is None:
        return query  # the start-up actor is nobody, so is named for nothing
    return query.where(~_allowed(actor.user_id))


def visible(family_id: ColumnElement[int], actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause keeping only the families this person may see, by a family id column
    of a list (the families list, the due list, kept letters)."""
    return family_id.not_in(hidden_family_ids(actor))


def family_visible(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause on the families table itself keeping the rows this person may see.

    For reading one family: it looks at that row only, where ``visible`` would first list
    every restricted family.
    """
    if actor.user_id is None:
        return Family.restricted.is_(False)
    return or_(Family.restricted.is_(False), _allowed(actor.user_id))


def may_see(session: Session, actor: Actor, family_id: int) -> bool:
    """True if the family exists and this person may see it (one query by primary key)."""
    return session.scalar(select(Family.id).where(
        Family.id == family_id, family_visible(actor))) is not None


def require_visible(session: Session, actor: Actor, family_id: int,
                    message: str = NO_SUCH_FAMILY) -> None:
    """Refuse, as for a family that does not exist, one this person may not see.

    Raises:
        NotFound: with ``message``, the words the caller uses for a missing family.
    """
    if not may_see(session, actor, family_id):
        raise NotFound(message)


def visible_family(session: Session, actor: Actor, family_id: int) -> Family:
    """The family's row, if this person may see it.

    Raises:
        NotFound: "There is no family with id N.", for a restricted one too.
    """
    family = session.scalar(select(Family).where(Family.id == family_id,
                                                 family_visible(actor)))
    if family is None:
        raise NotFound(f"There is no family with id {family_id}.")
    return family


def find_family(conn: Connection, reference: str, seen: ColumnElement[bool] | None) -> int:
    """The id of the family with this PLO family id (any case), or of this database id given
    as digits, among the families ``seen`` keeps (None: every family).

    Raises:
        NotFound: no family has it (or none the reader may see); the message says how to
            list them.
    """
    text = reference.strip()
    conditions = () if seen is None else (seen,)
    found = conn.execute(select(Family.id).where(
        func.lower(Family.plo_family_id) == text.lower(), *conditions)).scalar()
    if found is None and text.isdigit():
        found = conn.execute(select(Family.id).where(Family.id == int(text),
                                                     *conditions)).scalar()
    if found is None:
        raise NotFound(f"No family has the id {text}. Use 'plo-tracker families' to list "
                       "them.")
    return found


# -- the list of named people -------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    """Someone who may see a restricted family, or who could be named for it."""

    user_id: int
    username: str
    display_name: str
    role: Role
    # Why they see it: "named by Morgan Patel on 3 Dec 2026", "allocated social worker",
    # "team manager"; empty for someone who could be named.
    why: str = ""


@dataclass(frozen=True)
class FamilyAccessView:
    """Who may see one family, for the access dialog and ``plo-tracker access show``."""

    family_id: int
    plo_family_id: str
    restricted: bool
    always: tuple[Person, ...]  # its allocated social worker and team manager
    named: tuple[Person, ...]
    # Active accounts that could be named (not already seeing it), for the dialog.
    others: tuple[Person, ...]

    @property
    def seen_by(self) -> int:
        """How many people may see it when restricted."""
        return len({p.user_id for p in (*self.always, *self.named)})


def seen_by_count(session: Session, family: Family) -> int:
    """How many people may see this restricted family: named, worker and manager, once each."""
    ids = set(session.scalars(select(FamilyAccess.user_id)
                              .where(FamilyAccess.family_id == family.id)))
    ids |= {family.social_worker_id, family.team_manager_id}
    ids.discard(None)
    return len(ids)


def restricted_words(count: int) -> str:
    """"Restricted: seen only by 3 named people", for the family's header and the CLI."""
    return f"Restricted: seen only by {count} named {'person' if count == 1 else 'people'}"


def _person(user: User, why: str = "") -> Person:
    return Person(user.id, user.username, user.display_name, Role(user.role), why)


class FamilyAccessService:
    """Restricting a family and naming the people who may see it; every change is audited."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def find(self, actor: Actor, reference: str) -> int:
        """The id of the family whose list is to be kept, from its PLO family id (any case)
        or its database id: any family for an administrator, one they may see for others.

        Raises:
            PermissionDenied: the role may not decide who sees families.
            NotFound: no such family (or one a team manager may not see), in the words
                ``families.find`` uses.
        """
        require(actor, CaseAction.RESTRICT_ACCESS.permission)
        with self._ctx.database.reading() as conn:
            return find_family(conn, reference, None if actor.role is Role.ADMINISTRATOR
                               else family_visible(actor))

    def show(self, actor: Actor, family_id: int) -> FamilyAccessView:
        """Who may see the family now.

        Raises:
            PermissionDenied: the role may not decide who sees families.
            NotFound: no such family, or one a team manager may not see.
        """
        require(actor, CaseAction.RESTRICT_ACCESS.permission)
        with self._ctx.database.unit_of_work() as session:
            family = self._family(session, actor, family_id)
            if not may_see(session, actor, family_id):
                # An administrator looking past the restriction: the log shows who looked.
                audit.record(session, actor, AuditAction.FAMILY_ACCESS_VIEW, "family",
                             family.id, family.id)
            return _view(session, family)

    def restrict(self, actor: Actor, family_id: int) -> FamilyAccessView:
        """Restrict the family; the person restricting it is named (if not its worker or
        manager), so it never disappears from the one who restricted it."""
        return self.set_access(actor, family_id, True, None)

    def unrestrict(self, actor: Actor, family_id: int) -> FamilyAccessView:
        """Let everyone who may see families see this one again; the named list is cleared."""
        return self.set_access(actor, family_id, False, [])

    def grant(self, actor: Actor, family_id: int, user_id: int) -> FamilyAccessView:
        """Name one more person who may see the restricted family."""
        return self._change(actor, family_id, add={user_id})

    def revoke(self, actor: Actor, family_id: int, user_id: int) -> FamilyAccessView:
        """Remove a named person from those who may see the restricted family."""
        return self._change(actor, family_id, remove={user_id})

    def set_access(self, actor: Actor, family_id: int, restricted: bool,
                   named: list[int] | None) -> FamilyAccessView:
        """Restrict or lift the restriction, and name exactly these people (None: keep the
        named list, adding the actor when restricting).

        Each change (restricting, each person named or removed, lifting) is its own audit
        entry, all in one transaction.

        Raises:
            PermissionDenied: the role may not decide who sees families.
            NotFound: no such family, or one a team manager may not see.
            ValidationFailed: someone named is not an active account; the change would
                hide the family from the team manager making it; naming people on a family
                that is not restricted.
        """
        require(actor, CaseAction.RESTRICT_ACCESS.permission)
        with self._ctx.database.unit_of_work() as session:
            family = self._family(session, actor, family_id)
            current = _named_ids(session, family.id)
            if not restricted:
                if named:
                    raise ValidationFailed({"named": (
                        "Only a restricted family has named people: restrict it first.")})
                wanted: set[int] = set()
            elif named is None:
                wanted = current | ({actor.user_id} - _always_ids(family) - {None})
            else:
                wanted = set(named)
            return self._apply(session, actor, family, restricted, current, wanted)

    # -- the steps ----------------------------------------------------------------------
    def _change(self, actor: Actor, family_id: int, add: set[int] = frozenset(),
                remove: set[int] = frozenset()) -> FamilyAccessView:
        require(actor, CaseAction.RESTRICT_ACCESS.permission)
        with self._ctx.database.unit_of_work() as session:
            family = self._family(session, actor, family_id)
            if not family.restricted:
                raise ValidationFailed({"named": (
                    f"Family {family.plo_family_id} is not restricted, so everyone who may "
                    "see families sees it. Restrict it first, then name people.")})
            kept = remove & _always_ids(family)
            if kept:
                user_id = min(kept)
                raise ValidationFailed({"named": (
                    f"{_name(session, user_id)} always sees this family as its "
                    f"{_always_role(family, user_id)}; allocate someone else to change that.")})
            current = _named_ids(session, family.id)
            missing = remove - current
            if missing:
                raise ValidationFailed({"named": (
                    f"{_name(session, min(missing))} is not named for this family.")})
            return self._apply(session, actor, family, True, current, (current | add) - remove)

    def _apply(self, session: Session, actor: Actor, family: Family, restricted: bool,
               current: set[int], wanted: set[int]) -> FamilyAccessView:
        wanted -= _always_ids(family)  # they see it anyway; naming them says nothing more
        added, removed = wanted - current, current - wanted
        _refuse_accounts(session, added)
        if (restricted and actor.role is not Role.ADMINISTRATOR
                and actor.user_id not in wanted | _always_ids(family)):
            raise ValidationFailed({"named": (
                "You would no longer see this family after this change. Keep yourself named, "
                "or ask an administrator to make it.")})
        now = self._ctx.clock.now()
        if restricted and not family.restricted:
            family.restricted = True
            audit.record(session, actor, AuditAction.FAMILY_RESTRICT, "family", family.id,
                         family.id, before={"restricted": False}, after={"restricted": True})
        for user_id in sorted(removed):
            session.execute(delete(FamilyAccess).where(FamilyAccess.family_id == family.id,
                                                       FamilyAccess.user_id == user_id))
            audit.record(session, actor, AuditAction.FAMILY_ACCESS_REVOKE, "family_access",
                         user_id, family.id, before=_entry(session, user_id))
        for user_id in sorted(added):
            session.add(FamilyAccess(family_id=family.id, user_id=user_id,
                                     granted_by=actor.username, granted_at=now))
            audit.record(session, actor, AuditAction.FAMILY_ACCESS_GRANT, "family_access",
                         user_id, family.id, after=_entry(session, user_id))
        if not restricted and family.restricted:
            family.restricted = False
            audit.record(session, actor, AuditAction.FAMILY_UNRESTRICT, "family", family.id,
                         family.id, before={"restricted": True}, after={"restricted": False})
        session.flush()
        return _view(session, family)

    @staticmethod
    def _family(session: Session, actor: Actor, family_id: int) -> Family:
        """The family whose list is kept: any family for an administrator, else one the
        actor may see; a family they may not see is answered as one that does not exist."""
        query = select(Family).where(Family.id == family_id)
        if actor.role is not Role.ADMINISTRATOR:
            query = query.where(family_visible(actor))
        family = session.scalar(query)
        if family is None:
            raise NotFound(NO_SUCH_FAMILY)
        return family


def _named_ids(session: Session, family_id: int) -> set[int]:
    return set(session.scalars(select(FamilyAccess.user_id)
                               .where(FamilyAccess.family_id == family_id)))


def _always_ids(family: Family) -> set[int]:
    return {i for i in (family.social_worker_id, family.team_manager_id) if i is not None}


def _always_role(family: Family, user_id: int) -> str:
    return ("allocated social worker" if family.social_worker_id == user_id
            else "team manager")


def _name(session: Session, user_id: int) -> str:
    user = session.get(User, user_id)
    return user.display_name if user else f"Account {user_id}"


def _entry(session: Session, user_id: int) -> dict[str, object]:
    user = session.get(User, user_id)
    return {"user_id": user_id, "username": user.username if user else None}


def _refuse_accounts(session: Session, user_ids: set[int]) -> None:
    """Only active accounts can be named: a disabled one could not use it, and an id that
    is no account is a mistake."""
    if not user_ids:
        return
    found = set(session.scalars(select(User.id).where(User.id.in_(user_ids),
                                                      User.active.is_(True))))
    if found != user_ids:
        raise ValidationFailed({"named": (
            "Name people from the list of active accounts: one of those chosen is not an "
            "active account.")})


def _view(session: Session, family: Family) -> FamilyAccessView:
    users = {u.id: u for u in session.scalars(select(User).where(User.active.is_(True))
                                              .order_by(func.lower(User.display_name)))}
    always_ids = _always_ids(family)
    always = []
    for user_id, why in ((family.social_worker_id, "allocated social worker"),
                         (family.team_manager_id, "team manager")):
        if user_id is not None and user_id in users:
            always.append(_person(users[user_id], why))
    named = []
    grants = session.execute(
        select(FamilyAccess.user_id, FamilyAccess.granted_by, FamilyAccess.granted_at)
        .where(FamilyAccess.family_id == family.id))
    for user_id, granted_by, granted_at in grants:
        user = users.get(user_id) or session.get(User, user_id)
        if user is not None:
            named.append(_person(user, _named_words(granted_by, granted_at)))
    named.sort(key=lambda p: p.display_name.lower())
    taken = always_ids | {p.user_id for p in named}
    others = tuple(_person(u) for u in users.values() if u.id not in taken)
    return FamilyAccessView(family.id, family.plo_family_id, family.restricted,
                            tuple(always), tuple(named), others)


def _named_words(granted_by: str, granted_at: datetime) -> str:
    return f"named by {granted_by} on {short_date(granted_at.date())}"
