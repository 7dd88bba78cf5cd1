"""Court bundles: one per hearing, documents placed in lettered sections, versions built.

Reading needs VIEW_CASES; changing a bundle needs EDIT_CASES and the family's scope; the
build (and its check) opens every document unredacted, so it needs
SEE_CONFIDENTIAL_ADDRESSES too. Every change, issue and build is audited. The placing
rules are in bundle_layout.py, the build itself in bundle_build.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.bundle_sections import SectionTemplate, check_sections
from plo_tracker.domain.clock import UK
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.text_rules import TextKind, text_problems
from plo_tracker.storage.models import Bundle, BundleItem, BundleVersion, Document, Family

from . import audit
from . import bundle_layout as rules
from .actor import Actor
from .bundle_views import (
    BuildCheck,
    BuiltSummary,
    BundleForm,
    BundleLayoutView,
    BundlesOverview,
    BundleSummary,
    BundleVersionView,
    BundleView,
    ManifestRow,
    PlacedView,
    SectionView,
    UnplacedView,
)
from .context import ServiceContext
from .errors import NotFound
from .family_access import family_visible, visible, visible_family
from .permissions import Permission, require, require_family_scope
from .user_names import display_names

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# The Bundles page lists hearings this far ahead.
UPCOMING_DAYS = 28
LAST_BUILT_SHOWN = 20
# A hearing given only as a day (the command line's --hearing-date) is at 10 a.m.
DEFAULT_HEARING_TIME = time(10, 0)


def hearing_on(day: date) -> datetime:
    """10 a.m. UK time on that day, as a hearing time."""
    return datetime.combine(day, DEFAULT_HEARING_TIME, UK)


# -- reading rows ---------------------------------------------------------------------------
def _sections(bundle: Bundle) -> tuple[SectionTemplate, ...]:
    return tuple(SectionTemplate(s["letter"], s["title"]) for s in bundle.sections)


def load_bundle(session: Session, actor: Actor, bundle_id: int) -> tuple[Bundle, Family]:
    """The bundle and its family, if the actor may see the family; else as if missing."""
    found = session.execute(select(Bundle, Family).join(Family, Family.id == Bundle.family_id)
                            .where(Bundle.id == bundle_id, family_visible(actor))).first()
    if found is None:
        raise NotFound(f"There is no bundle with id {bundle_id}. Refresh the list.")
    return found[0], found[1]


def _versions(session: Session, bundle_id: int) -> list[BundleVersion]:
    return list(session.scalars(select(BundleVersion).where(BundleVersion.bundle_id == bundle_id)
                                .order_by(BundleVersion.number)))


def locked_ids(versions: list[BundleVersion]) -> set[int]:
    """Documents in a version already issued: their pages keep their numbers for good."""
    return {int(entry["document_id"]) for v in versions if v.issued for entry in v.manifest}


def load_items(session: Session, bundle: Bundle, locked: set[int]) -> list[rules.Item]:
    rows = session.execute(select(BundleItem, Document)
                           .join(Document, Document.id == BundleItem.document_id)
                           .where(BundleItem.bundle_id == bundle.id))
    return [rules.Item(
        document.id, document.title, document.document_date,
        DocumentType.from_code(document.doc_type), document.sha256, document.page_count,
        tuple(document.pages_without_text or ()), item.section, item.position,
        item.placed_by_hand, item.late, document.id in locked) for item, document in rows]


def last_issued(versions: list[BundleVersion]) -> BundleVersion | None:
    issued = [v for v in versions if v.issued]
    return issued[-1] if issued else None


def _bundle_view(bundle: Bundle, family: Family, versions: list[BundleVersion]) -> BundleView:
    return BundleView(
        bundle.id, family.id, family.plo_family_id, bundle.court, bundle.case_number,
        bundle.hearing_at, bundle.judge or "", bundle.page_limit, _sections(bundle),
        bundle.created_by, bundle.created_at, bundle.issued_at, len(versions),
        versions[-1].built_at if versions else None)


def version_view(row: BundleVersion, built_by_name: str = "") -> BundleVersionView:
    report = row.report or {}
    return BundleVersionView(
        row.id, row.bundle_id, row.number, row.built_by, row.built_at, row.issued,
        row.page_count, row.court_sha256, row.parties_sha256,
        tuple(ManifestRow(int(e["document_id"]), e["title"], e["sha256"], e["section"],
                          e["first_label"], e["last_label"], int(e["first_page"]),
                          int(e["last_page"])) for e in row.manifest),
        tuple(row.changes or ()),
        tuple(report.get("redacted", ())), tuple(report.get("unchecked", ())),
        tuple(report.get("warnings", ())), built_by_name=built_by_name or row.built_by)


def _placed_view(placed: rules.Numbered) -> PlacedView:
    item = placed.item
    return PlacedView(item.document_id, item.title, item.document_date, item.doc_type,
                      item.section, item.page_count, placed.first_label, placed.last_label,
                      item.sha256, item.pages_without_text, item.placed_by_hand, item.late,
                      item.locked)


# -- checking a form ------------------------------------------------------------------------
def _checked_form(form: BundleForm) -> BundleForm:
    problems = text_problems(court=(form.court, TextKind.SHORT),
                             case_number=(form.case_number, TextKind.REFERENCE),
                             judge=(form.judge, TextKind.SHORT))
    if not form.court.strip():
        problems["court"] = "Enter the court, for example “Family Court at Northshire”."
    if form.hearing_at is not None and form.hearing_at.tzinfo is None:
        problems["hearing_at"] = "Give the hearing's time with its time zone (UK time)."
    if not isinstance(form.page_limit, int) or not 1 <= form.page_limit <= 10_000:
        problems["page_limit"] = ("The page limit must be from 1 to 10,000 pages (PD27A's is "
                                  "350 unless the court allows more).")
    if problems:
        raise ValidationFailed(problems)
    return replace(form, court=form.court.strip(), case_number=form.case_number.strip(),
                   judge=form.judge.strip())


class BundleService:
    """Bundles for hearings: placing documents, the live page count, issuing, building."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    # -- reading ----------------------------------------------------------------------------
    def for_family(self, actor: Actor, family_id: int) -> tuple[BundleView, ...]:
        """The family's bundles, by hearing date (those without one last)."""
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            family = visible_family(session, actor, family_id)
            bundles = session.scalars(select(Bundle).where(Bundle.family_id == family_id)
                                      .order_by(Bundle.id))
            views = [_bundle_view(b, family, _versions(session, b.id)) for b in bundles]
        far = datetime.max.replace(tzinfo=UK)
        return tuple(sorted(views, key=lambda v: (v.hearing_at or far, v.bundle_id)))

    def layout(self, actor: Actor, bundle_id: int) -> BundleLayoutView:
        """The bundle as it would be built now: sections, page numbers, warnings."""
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            return self._layout(session, actor, bundle_id)

    def versions(self, actor: Actor, bundle_id: int) -> tuple[BundleVersionView, ...]:
        """Every version built, oldest first, with its manifest and report."""
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            load_bundle(session, actor, bundle_id)
            versions = _versions(session, bundle_id)
            names = display_names(session, (v.built_by for v in versions))
            return tuple(version_view(v, names[v.built_by]) for v in versions)

    def overview(self, actor: Actor) -> BundlesOverview:
        """For the Bundles page: hearings in the next 28 days, bundles in progress, and the
        versions built last; only families the actor may see."""
        require(actor, Permission.VIEW_CASES)
        now = self._ctx.clock.now()
        with self._ctx.database.unit_of_work() as session:
            rows = session.execute(select(Bundle, Family.plo_family_id)
                                   .join(Family, Family.id == Bundle.family_id)
                                   .where(visible(Bundle.family_id, actor)))
            summaries: dict[int, BundleSummary] = {}
            built: list[tuple[BundleVersion, int]] = []
            for bundle, plo_family_id in rows:
                versions = _versions(session, bundle.id)
                summaries[bundle.id] = self._summary(session, bundle, plo_family_id, versions)
                built.extend((v, bundle.id) for v in versions)
            names = display_names(session, (v.built_by for v, _b in built))
        upcoming = sorted((s for s in summaries.values() if s.hearing_at is not None
                           and now <= s.hearing_at <= now + timedelta(days=UPCOMING_DAYS)),
                          key=lambda s: (s.hearing_at, s.bundle_id))
        in_progress = sorted((s for s in summaries.values()
                              if s.issued_at is None or s.waiting),
                             key=lambda s: (s.hearing_at is None, s.hearing_at or now,
                                            s.bundle_id))
        built.sort(key=lambda pair: (pair[0].built_at, pair[0].id), reverse=True)
        last = tuple(BuiltSummary(summaries[bundle_id], v.number, names[v.built_by], v.built_at,
                                  v.page_count, v.issued)
                     for v, bundle_id in built[:LAST_BUILT_SHOWN])
        return BundlesOverview(tuple(upcoming), tuple(in_progress), last)

    @staticmethod
    def _summary(session: Session, bundle: Bundle, plo_family_id: str,
                 versions: list[BundleVersion]) -> BundleSummary:
        placed = set(session.scalars(select(BundleItem.document_id)
                                     .where(BundleItem.bundle_id == bundle.id)))
        in_last = ({int(e["document_id"]) for e in versions[-1].manifest} if versions
                   else set())
        return BundleSummary(bundle.id, bundle.family_id, plo_family_id, bundle.court,
                             bundle.case_number, bundle.hearing_at, bundle.issued_at,
                             len(versions), versions[-1].built_at if versions else None,
                             len(placed - in_last) if versions else len(placed))

    def _layout(self, session: Session, actor: Actor, bundle_id: int) -> BundleLayoutView:
        bundle, family = load_bundle(session, actor, bundle_id)
        versions = _versions(session, bundle.id)
        items = load_items(session, bundle, locked_ids(versions))
        sections = rules.numbered(_sections(bundle), items)
        placed = {i.document_id for i in items}
        unplaced = tuple(
            UnplacedView(d.id, d.title, d.document_date, DocumentType.from_code(d.doc_type),
                         d.default_section, d.page_count)
            for d in session.scalars(select(Document).where(Document.family_id == family.id)
                                     .order_by(Document.document_date, Document.id))
            if d.id not in placed)
        issued = last_issued(versions)
        changes = (rules.changes_since(issued.number, issued.manifest, sections)
                   if issued is not None else ())
        return BundleLayoutView(
            _bundle_view(bundle, family, versions),
            tuple(SectionView(s.letter, s.title, tuple(_placed_view(p) for p in s.documents),
                              s.pages) for s in sections),
            unplaced, rules.total_pages(sections), bundle.page_limit,
            rules.warnings(sections, bundle.page_limit), changes)

    # -- making and changing ---------------------------------------------------------------
    def _writable(self, session: Session, actor: Actor, bundle_id: int,
                  ) -> tuple[Bundle, Family]:
        require(actor, Permission.EDIT_CASES)
        bundle, family = load_bundle(session, actor, bundle_id)
        require_family_scope(actor, family.social_worker_id, family.team)
        return bundle, family

    def create(self, actor: Actor, family_id: int, form: BundleForm) -> BundleView:
        """A bundle for a hearing, with the sections of the current template."""
        require(actor, Permission.EDIT_CASES)
        with self._ctx.database.unit_of_work() as session:
            family = visible_family(session, actor, family_id)
            require_family_scope(actor, family.social_worker_id, family.team)
            form = _checked_form(form)
            template = check_sections(self._ctx.settings(session.connection()).bundles.sections)
            bundle = Bundle(
                family_id=family.id, court=form.court, case_number=form.case_number,
                hearing_at=form.hearing_at, judge=form.judge or None,
                sections=[{"letter": s.letter, "title": s.title} for s in template],
                page_limit=form.page_limit, created_by=actor.username,
                created_at=self._ctx.clock.now())
            session.add(bundle)
            session.flush()
            audit.record(session, actor, AuditAction.BUNDLE_CREATE, "bundle", bundle.id,
                         family.id, after=audit.snapshot(bundle))
            return _bundle_view(bundle, family, [])

    def update_hearing(self, actor: Actor, bundle_id: int, form: BundleForm) -> BundleView:
        """Change the hearing's details (court, case number, date and time, judge, limit)."""
        with self._ctx.database.unit_of_work() as session:
            bundle, family = self._writable(session, actor, bundle_id)
            form = _checked_form(form)
            before = audit.snapshot(bundle)
            bundle.court, bundle.case_number = form.court, form.case_number
            bundle.hearing_at, bundle.judge = form.hearing_at, form.judge or None
            bundle.page_limit = form.page_limit
            session.flush()
            audit.record(session, actor, AuditAction.BUNDLE_UPDATE, "bundle", bundle.id,
                         family.id, before=before, after=audit.snapshot(bundle))
            return _bundle_view(bundle, family, _versions(session, bundle.id))

    def for_hearing(self, actor: Actor, family_id: int,
                    hearing_date: date | None = None) -> BundleView:
        """The family's bundle for a hearing on that day (or, with no day, its latest
        bundle); where there is none, a new one with every document of the family in its
        default section, so that what is built is kept as a version.

        For the command line's `bundle build`, which has no screen to place documents on.
        """
        require(actor, Permission.EDIT_CASES)
        existing = self.for_family(actor, family_id)
        if hearing_date is not None:
            existing = tuple(b for b in existing if b.hearing_at is not None
                             and b.hearing_at.astimezone(UK).date() == hearing_date)
        if existing:
            return max(existing, key=lambda b: b.bundle_id)
        court, case_number = self._court_of(actor, family_id)
        made = self.create(actor, family_id, BundleForm(
            court, case_number, hearing_on(hearing_date) if hearing_date else None,
            page_limit=self._ctx.settings().bundles.page_limit))
        return self.place_all(actor, made.bundle_id).bundle

    def _court_of(self, actor: Actor, family_id: int) -> tuple[str, str]:
        """The court and its case number as recorded with the care application, if any."""
        from plo_tracker.storage.models import Episode

        with self._ctx.database.reading() as conn:
            row = conn.execute(select(Episode.court_name, Episode.court_reference)
                               .where(Episode.family_id == family_id)
                               .order_by(Episode.id.desc()).limit(1)).first()
        court, reference = row if row is not None else (None, None)
        return court or "The Family Court", reference or ""

    def place(self, actor: Actor, bundle_id: int, document_id: int,
              section: str | None = None, index: int | None = None) -> BundleLayoutView:
        """Put one of the family's documents into a section (its default one unless said).

        Without ``index`` it goes to its date's place (after everything issued, at the end);
        with one, at that place in the section (0 first), and the section keeps the order
        given by hand.
        """
        with self._ctx.database.unit_of_work() as session:
            bundle, family = self._writable(session, actor, bundle_id)
            document = session.scalar(select(Document).where(
                Document.id == document_id, Document.family_id == family.id))
            if document is None:
                raise NotFound(f"There is no document with id {document_id} in this family.")
            rows = self._rows(session, bundle)
            if document_id in rows:
                raise ValidationFailed({"document": (
                    f"“{document.title}” is already in section {rows[document_id].section} "
                    "of this bundle; move it instead.")})
            letter = section or _default_letter(document, _sections(bundle))
            row = BundleItem(bundle_id=bundle.id, document_id=document.id, section=letter,
                             position=10**6, placed_by_hand=index is not None,
                             late=bundle.issued_at is not None)
            self._put(session, bundle, rows, row, letter, index, document.title)
            audit.record(session, actor, AuditAction.BUNDLE_PLACE, "bundle", bundle.id,
                         family.id, after=_placement(row))
            return self._layout(session, actor, bundle_id)

    def place_all(self, actor: Actor, bundle_id: int) -> BundleLayoutView:
        """Every document of the family not yet in the bundle, each in its default section."""
        with self._ctx.database.unit_of_work() as session:
            bundle, family = self._writable(session, actor, bundle_id)
            rows = self._rows(session, bundle)
            documents = session.scalars(select(Document).where(
                Document.family_id == family.id, Document.id.not_in(list(rows) or [0]))
                .order_by(Document.id))
            for document in documents:
                letter = _default_letter(document, _sections(bundle))
                row = BundleItem(bundle_id=bundle.id, document_id=document.id, section=letter,
                                 position=10**6, late=bundle.issued_at is not None)
                self._put(session, bundle, rows, row, letter, None, document.title)
                audit.record(session, actor, AuditAction.BUNDLE_PLACE, "bundle", bundle.id,
                             family.id, after=_placement(row))
            return self._layout(session, actor, bundle_id)

    def move(self, actor: Actor, bundle_id: int, document_id: int, section: str,
             index: int | None = None) -> BundleLayoutView:
        """Move a placed document to another place or section (by hand, when ``index`` is
        given). Documents in an issued version stay where they are."""
        with self._ctx.database.unit_of_work() as session:
            bundle, family = self._writable(session, actor, bundle_id)
            rows = self._rows(session, bundle)
            row, before = self._take(session, bundle, rows, document_id, "move it")
            self._renumber(session, bundle, rows, row.section)
            title = session.get(Document, document_id).title
            row.placed_by_hand = index is not None
            self._put(session, bundle, rows, row, section, index, title)
            audit.record(session, actor, AuditAction.BUNDLE_MOVE, "bundle", bundle.id,
                         family.id, before=before, after=_placement(row))
            return self._layout(session, actor, bundle_id)

    def unplace(self, actor: Actor, bundle_id: int, document_id: int) -> BundleLayoutView:
        """Take a document out of the bundle (it stays among the family's documents)."""
        with self._ctx.database.unit_of_work() as session:
            bundle, family = self._writable(session, actor, bundle_id)
            rows = self._rows(session, bundle)
            row, before = self._take(session, bundle, rows, document_id, "take it out")
            session.delete(row)
            session.flush()
            self._renumber(session, bundle, rows, row.section)
            audit.record(session, actor, AuditAction.BUNDLE_UNPLACE, "bundle", bundle.id,
                         family.id, before=before)
            return self._layout(session, actor, bundle_id)

    def sort_by_date(self, actor: Actor, bundle_id: int,
                     section: str | None = None) -> BundleLayoutView:
        """Put a section (or every section) back in date order, forgetting the order given
        by hand; documents in an issued version stay first, as they are."""
        with self._ctx.database.unit_of_work() as session:
            bundle, family = self._writable(session, actor, bundle_id)
            letters = [s.letter for s in _sections(bundle)]
            if section is not None and section not in letters:
                raise ValidationFailed({"section": _no_section(section, letters)})
            rows = self._rows(session, bundle)
            items = load_items(session, bundle, locked_ids(_versions(session, bundle.id)))
            for letter in [section] if section else letters:
                ordered = rules.date_order(i for i in items if i.section == letter)
                for position, item in enumerate(ordered):
                    row = rows[item.document_id]
                    row.position, row.placed_by_hand = position, False
            session.flush()
            audit.record(session, actor, AuditAction.BUNDLE_SORT, "bundle", bundle.id,
                         family.id, after={"section": section or "all"})
            return self._layout(session, actor, bundle_id)

    def issue(self, actor: Actor, bundle_id: int, number: int) -> BundleVersionView:
        """Record a built version as issued (filed and served): from now on its documents
        keep their pages, and anything placed later goes at the end of its section."""
        with self._ctx.database.unit_of_work() as session:
            bundle, family = self._writable(session, actor, bundle_id)
            versions = _versions(session, bundle.id)
            version = next((v for v in versions if v.number == number), None)
            if version is None:
                raise NotFound(f"This bundle has no version {number}. Build it first.")
            issued = last_issued(versions)
            if version.issued:
                raise ValidationFailed({"number": f"Version {number} is already issued."})
            if issued is not None and issued.number > number:
                raise ValidationFailed({"number": (
                    f"Version {issued.number} is already issued; an older version cannot be "
                    "issued after it. Build a new version instead.")})
            version.issued = True
            if bundle.issued_at is None:
                bundle.issued_at = self._ctx.clock.now()
            in_version = {int(e["document_id"]) for e in version.manifest}
            # Placed after this version was built: relative to what the court now holds,
            # they are late, and go after the issued pages.
            for row in self._rows(session, bundle).values():
                if row.document_id not in in_version:
                    row.late = True
            session.flush()
            for letter in [s.letter for s in _sections(bundle)]:
                self._renumber(session, bundle, self._rows(session, bundle), letter)
            audit.record(session, actor, AuditAction.BUNDLE_ISSUE, "bundle", bundle.id,
                         family.id, after={"version": number})
            return version_view(version, display_names(session, [version.built_by])[
                version.built_by])

    # -- the placing steps -----------------------------------------------------------------
    @staticmethod
    def _rows(session: Session, bundle: Bundle) -> dict[int, BundleItem]:
        return {row.document_id: row for row in session.scalars(
            select(BundleItem).where(BundleItem.bundle_id == bundle.id))}

    def _take(self, session: Session, bundle: Bundle, rows: dict[int, BundleItem],
              document_id: int, doing: str) -> tuple[BundleItem, dict[str, object]]:
        """The placed row, out of ``rows``, with its place before; refused when locked."""
        row = rows.pop(document_id, None)
        if row is None:
            raise NotFound(f"Document {document_id} is not in this bundle.")
        versions = _versions(session, bundle.id)
        if document_id in locked_ids(versions):
            issued = last_issued(versions)
            title = session.get(Document, document_id).title
            raise ValidationFailed({"document": (
                f"“{title}” is in version {issued.number if issued else ''}, which has been "
                f"issued, so you cannot {doing}: its page numbers must stay as the court "
                "and the parties have them. Add a new document instead; it goes at the end "
                "of its section.")})
        return row, _placement(row)

    def _order(self, session: Session, bundle: Bundle, rows: dict[int, BundleItem],
               letter: str) -> list[rules.Item]:
        locked = locked_ids(_versions(session, bundle.id))
        items = load_items(session, bundle, locked)
        return [i for i in rules.section_order(i for i in items if i.section == letter)
                if i.document_id in rows]

    def _put(self, session: Session, bundle: Bundle, rows: dict[int, BundleItem],
             row: BundleItem, letter: str, index: int | None, title: str) -> None:
        """Place ``row`` in section ``letter`` at ``index`` (or its date's place) and number
        the section's positions again."""
        letters = [s.letter for s in _sections(bundle)]
        if letter not in letters:
            raise ValidationFailed({"section": _no_section(letter, letters)})
        ordered = self._order(session, bundle, rows, letter)
        fixed = sum(1 for i in ordered if i.locked)
        if index is not None and not fixed <= index <= len(ordered):
            first = ordered[fixed - 1].title if fixed else ""
            raise ValidationFailed({"index": (
                f"“{title}” must go after “{first}”: the pages before it were issued and "
                "keep their numbers." if fixed and index < fixed else
                f"Section {letter} has {len(ordered)} documents; choose a place from 1 to "
                f"{len(ordered) + 1}.")})
        document = session.get(Document, row.document_id)
        new = rules.Item(row.document_id, document.title, document.document_date,
                         DocumentType.from_code(document.doc_type), document.sha256,
                         document.page_count, (), letter, 0)
        at = index if index is not None else rules.insert_at(ordered, new)
        ids = [i.document_id for i in ordered]
        ids.insert(at, row.document_id)
        row.section = letter
        if row not in session:
            session.add(row)
        rows[row.document_id] = row
        for position, document_id in enumerate(ids):
            rows[document_id].position = position
        session.flush()

    def _renumber(self, session: Session, bundle: Bundle, rows: dict[int, BundleItem],
                  letter: str) -> None:
        session.flush()
        for position, item in enumerate(self._order(session, bundle, rows, letter)):
            rows[item.document_id].position = position
        session.flush()

    # -- checking and building ---------------------------------------------------------------
    def check(self, actor: Actor, bundle_id: int) -> BuildCheck:
        """What a build would meet now: confidential details found (document and page),
        pages without a text layer, and the layout's warnings. Nothing is written."""
        from .bundle_build import BuildJob

        return BuildJob(self._ctx, actor, bundle_id).check()

    def build(self, actor: Actor, bundle_id: int, court_out: Path, parties_out: Path, *,
              redact: bool = False, confirm_unchecked: bool = False,
              progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> BundleVersionView:
        """Build the court's copy and the parties' copy (confidential details removed) from
        one layout, and keep the new version with its manifest.

        Raises:
            ConfidentialDetailsFound: details found and ``redact`` not chosen (the list of
                document and page), or still found in the parties' copy after redaction.
            PagesNotChecked: pages without a text layer and ``confirm_unchecked`` not given.
            BuildCancelled: ``cancelled`` said stop; nothing is left (no files, no version).
        """
        from .bundle_build import BuildJob

        return BuildJob(self._ctx, actor, bundle_id).build(
            court_out, parties_out, redact=redact, confirm_unchecked=confirm_unchecked,
            progress=progress, cancelled=cancelled)


def _default_letter(document: Document, sections: tuple[SectionTemplate, ...]) -> str:
    """The document's own section, or the last (other documents) if the bundle lacks it."""
    letters = [s.letter for s in sections]
    return document.default_section if document.default_section in letters else letters[-1]


def _placement(row: BundleItem) -> dict[str, object]:
    return {"document_id": row.document_id, "section": row.section, "position": row.position,
            "placed_by_hand": row.placed_by_hand, "late": row.late}


def _no_section(letter: str, letters: list[str]) -> str:
    return (f"This bundle has no section {letter}; its sections are "
            f"{', '.join(letters)}.")
