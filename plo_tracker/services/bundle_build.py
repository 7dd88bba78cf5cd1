"""Building a bundle: the court's copy and the parties' copy from one layout.

The long work (reading every document for confidential details, redacting, binding two
PDFs) runs outside any database transaction: the layout is read first, and the version
row and its audit entry are written together at the end. Both files are written under
temporary names beside their targets and renamed only once both are complete and the
version is kept; a cancel or a failure leaves no file and no version behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.confidential_phrases import checked_phrase, comparison_key
from plo_tracker.domain.errors import DomainError
from plo_tracker.storage.models import BundleVersion

from . import audit
from . import bundle_layout as rules
from .actor import Actor
from .bundle_views import (
    BuildCheck,
    BundleVersionView,
    ConfidentialDetailsFound,
    ConfidentialHit,
    PagesNotChecked,
    UncheckedPages,
)
from .bundles import last_issued, load_bundle, load_items, locked_ids, version_view
from .context import ServiceContext
from .permissions import Permission, require, require_family_scope

if TYPE_CHECKING:
    from plo_tracker.documents.bundle import BuiltBundle, BundleLayout, FrontSheet
    from plo_tracker.documents.confidential import Hit
    from plo_tracker.storage.document_store import DocumentStore

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

COURT_COPY = "Court's copy"
PARTIES_COPY = "Parties' copy (confidential details removed)"
# Where a hit on the front sheet or index (a title) is said to be.
FRONT_MATTER = "the front sheet and index"


class DocumentFileProblem(DomainError):
    """A placed document's file is missing or altered: it cannot go to court."""


@dataclass(frozen=True)
class Source:
    """One placed document, as the build needs it."""

    placed: rules.Numbered
    pdf_path: Path

    @property
    def item(self) -> rules.Item:
        return self.placed.item


@dataclass(frozen=True)
class Plan:
    """Everything read from the database before the build starts."""

    bundle_id: int
    family_id: int
    number: int
    sections: tuple[rules.NumberedSection, ...]
    sources: tuple[Source, ...]
    phrases: tuple[str, ...]
    kinds: dict[str, str]  # comparison key of a phrase -> its kind's words ("address")
    changes: tuple[str, ...]
    warnings: tuple[str, ...]
    # The front sheet, but for the version and copy, which each build fills in.
    front: FrontSheet
    store: DocumentStore


def case_title(children: Sequence[tuple[str, str]]) -> str:
    """"In the matter of Ruby Testcase and Noah Testcase", from the children's names."""
    names = [f"{first} {last}".strip() for first, last in children]
    if not names:
        return "In the matter of the children"
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"In the matter of {joined}"


class BuildJob:
    """One check or build of one bundle, by one person."""

    def __init__(self, context: ServiceContext, actor: Actor, bundle_id: int) -> None:
        self._ctx, self._actor, self._bundle_id = context, actor, bundle_id

    # -- reading what to build ---------------------------------------------------------
    def _plan(self) -> Plan:
        from plo_tracker.documents.bundle import FrontSheet
        from plo_tracker.storage.models import Child

        from .confidential_register import ConfidentialRegisterService
        from .documents import NoDocumentsFolder

        actor = self._actor
        require(actor, Permission.EDIT_CASES)
        # Both copies are made from the documents as filed, confidential details and all.
        require(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES)
        with self._ctx.database.unit_of_work() as session:
            bundle, family = load_bundle(session, actor, self._bundle_id)
            require_family_scope(actor, family.social_worker_id, family.team)
            versions = list(session.scalars(select(BundleVersion).where(
                BundleVersion.bundle_id == bundle.id).order_by(BundleVersion.number)))
            sections = rules.numbered(
                tuple(_template(bundle.sections)),
                load_items(session, bundle, locked_ids(versions)))
            issued = last_issued(versions)
            children = [(c.first_name, c.last_name) for c in session.scalars(
                select(Child).where(Child.family_id == family.id).order_by(Child.id))]
            settings = self._ctx.settings(session.connection())
            store = self._ctx.document_store(session.connection())
            plan_values = {
                "bundle_id": bundle.id, "family_id": family.id,
                "number": (versions[-1].number if versions else 0) + 1,
                "sections": sections,
                "changes": (rules.changes_since(issued.number, issued.manifest, sections)
                            if issued else ()),
                "warnings": rules.warnings(sections, bundle.page_limit),
                "front": FrontSheet(
                    case_title(children), bundle.case_number, bundle.court,
                    bundle.hearing_at, bundle.judge or "",
                    (f"{settings.council.name}, {settings.council.service}"
                     if settings.council.name else actor.display_name), "", ""),
            }
        if store is None:
            raise NoDocumentsFolder()
        register = ConfidentialRegisterService(self._ctx).list(actor, plan_values["family_id"])
        sources = tuple(Source(placed, store.path(placed.item.sha256))
                        for section in sections for placed in section.documents)
        return Plan(**plan_values, sources=sources,
                    phrases=tuple(view.phrase for view in register),
                    kinds={comparison_key(checked_phrase(view.phrase)): view.kind.label.lower()
                           for view in register},
                    store=store)

    @staticmethod
    def _verify(plan: Plan) -> None:
        """Refuse a document whose file is missing or altered: it is evidence."""
        for source in plan.sources:
            problem = plan.store.verify(source.item.sha256)
            if problem:
                raise DocumentFileProblem(
                    f"“{source.item.title}” cannot go into the bundle: {problem}. Run "
                    "'plo-tracker check', and add the document again from the original.")

    # -- the guard ------------------------------------------------------------------------
    def _kind(self, plan: Plan, phrase: str) -> str:
        return plan.kinds.get(comparison_key(phrase), "detail")

    def _guard(self, plan: Plan, progress: Progress | None = None, total: int = 0,
               cancelled: Cancelled | None = None) -> list[tuple[Source, list[Hit]]]:
        from plo_tracker.documents.bundle import BuildCancelled
        from plo_tracker.documents.confidential import find_confidential

        found = []
        for done, source in enumerate(plan.sources, start=1):
            if cancelled is not None and cancelled():
                raise BuildCancelled()
            hits = find_confidential(source.pdf_path, plan.phrases) if plan.phrases else []
            if hits:
                found.append((source, hits))
            if progress is not None:
                progress(done, total)
        return found

    def _hit_views(self, plan: Plan, found: list[tuple[Source, list[Hit]]],
                   ) -> tuple[ConfidentialHit, ...]:
        views: dict[tuple[int, int, str], ConfidentialHit] = {}
        for source, hits in found:
            for hit in hits:
                view = ConfidentialHit(source.item.document_id, source.item.title, hit.page,
                                       self._kind(plan, hit.phrase))
                views.setdefault((view.document_id, view.page, view.kind), view)
        return tuple(views.values())

    @staticmethod
    def _unchecked(plan: Plan) -> tuple[UncheckedPages, ...]:
        return tuple(UncheckedPages(s.item.document_id, s.item.title, s.item.pages_without_text)
                     for s in plan.sources if s.item.pages_without_text)

    def check(self) -> BuildCheck:
        plan = self._plan()
        self._verify(plan)
        return BuildCheck(self._hit_views(plan, self._guard(plan)), self._unchecked(plan),
                          plan.warnings)

    # -- building ---------------------------------------------------------------------------
    def build(self, court_out: Path, parties_out: Path, *, redact: bool,
              confirm_unchecked: bool, progress: Progress | None,
              cancelled: Cancelled | None) -> BundleVersionView:
        from plo_tracker.documents.bundle import BuildCancelled, build_bundle

        plan = self._plan()
        self._verify(plan)
        if court_out.resolve() == parties_out.resolve():
            raise DomainError("The court's copy and the parties' copy need different files.")
        count = len(plan.sources)
        total = 3 * count + 1  # the guard, two bindings, and the guard on the parties' copy
        unchecked = self._unchecked(plan)
        if unchecked and not confirm_unchecked:
            raise PagesNotChecked(unchecked)
        found = self._guard(plan, progress, total, cancelled)
        if found and not redact:
            raise ConfidentialDetailsFound(self._hit_views(plan, found))

        def step(offset: int) -> Progress | None:
            if progress is None:
                return None
            return lambda done, _of: progress(offset + done, total)

        with tempfile.TemporaryDirectory(prefix="plo-bundle-") as work, \
                _partial(court_out) as court_part, _partial(parties_out) as parties_part:
            redacted = self._redacted(found, Path(work))
            court = build_bundle(self._layout(plan, COURT_COPY, {}), court_part,
                                 progress=step(count), cancelled=cancelled)
            parties = build_bundle(self._layout(plan, PARTIES_COPY, redacted), parties_part,
                                   progress=step(2 * count), cancelled=cancelled)
            self._guard_built(plan, parties)
            if progress is not None:
                progress(total, total)
            if cancelled is not None and cancelled():
                raise BuildCancelled()
            court_sha, parties_sha = plan.store.put(court.path), plan.store.put(parties.path)
            version = self._keep(plan, court, court_sha, parties_sha, found, unchecked)
            # Renamed last: the files appear only when both are whole and the version kept.
            os.replace(court_part, court_out)
            os.replace(parties_part, parties_out)
        return _with_paths(version, court_out, parties_out)

    def _redacted(self, found: list[tuple[Source, list[Hit]]], work: Path) -> dict[int, Path]:
        """Each document with hits, redacted into ``work`` (same page count)."""
        from plo_tracker.documents.confidential import redact

        return {source.item.document_id: redact(
                    source.pdf_path, hits, work / f"{source.item.document_id}.pdf")
                for source, hits in found}

    def _layout(self, plan: Plan, copy_label: str, replaced: dict[int, Path]) -> BundleLayout:
        from plo_tracker.documents.bundle import BundleDocument, BundleLayout, BundleSection
        from plo_tracker.storage.document_store import file_sha256

        paths = {s.item.document_id: s.pdf_path for s in plan.sources}
        sections = []
        for section in plan.sections:
            documents = []
            for placed in section.documents:
                item = placed.item
                path = replaced.get(item.document_id, paths[item.document_id])
                sha = file_sha256(path) if item.document_id in replaced else item.sha256
                documents.append(BundleDocument(str(item.document_id), item.title,
                                                item.document_date, path, sha,
                                                item.page_count))
            sections.append(BundleSection(section.letter, section.title, tuple(documents)))
        front = replace(plan.front, version_label=f"Version {plan.number}",
                        copy_label=copy_label)
        return BundleLayout(front, tuple(sections), plan.changes)

    def _guard_built(self, plan: Plan, parties: BuiltBundle) -> None:
        """The guard again, on the whole parties' copy as built (front sheet and index
        included): anything found there is an error, whatever redaction did."""
        from plo_tracker.documents.confidential import find_confidential

        if not plan.phrases:
            return
        hits = find_confidential(parties.path, plan.phrases)
        if not hits:
            return
        titles = {str(s.item.document_id): s.item for s in plan.sources}
        views = []
        for hit in hits:
            entry = next((e for e in parties.manifest
                          if e.first_page <= hit.page <= e.last_page), None)
            if entry is None:
                views.append(ConfidentialHit(0, FRONT_MATTER, hit.page,
                                             self._kind(plan, hit.phrase)))
            else:
                item = titles[entry.key]
                views.append(ConfidentialHit(item.document_id, item.title,
                                             hit.page - entry.first_page + 1,
                                             self._kind(plan, hit.phrase)))
        raise ConfidentialDetailsFound(tuple(dict.fromkeys(views)), after_redaction=True)

    def _keep(self, plan: Plan, court: BuiltBundle, court_sha: str, parties_sha: str,
              found: list[tuple[Source, list[Hit]]],
              unchecked: tuple[UncheckedPages, ...]) -> BundleVersion:
        """The version row and its audit entry, in one transaction."""
        items = {str(s.item.document_id): s for s in plan.sources}
        manifest = [{"document_id": int(e.key), "title": e.title,
                     "sha256": items[e.key].item.sha256, "section": e.section,
                     "first_label": e.first_label, "last_label": e.last_label,
                     "first_page": e.first_page, "last_page": e.last_page}
                    for e in court.manifest]
        report = {
            "redacted": [f"“{source.item.title}”: {_pages(sorted({h.page for h in hits}))}"
                         for source, hits in found],
            "unchecked": [f"“{u.title}”: {_pages(u.pages)}" for u in unchecked],
            "warnings": list(plan.warnings),
        }
        with self._ctx.database.unit_of_work() as session:
            bundle, family = load_bundle(session, self._actor, plan.bundle_id)
            number = (session.scalar(select(func.max(BundleVersion.number)).where(
                BundleVersion.bundle_id == bundle.id)) or 0) + 1
            row = BundleVersion(
                bundle_id=bundle.id, number=number, built_by=self._actor.username,
                built_at=self._ctx.clock.now(), issued=False, page_count=court.page_count,
                court_sha256=court_sha, parties_sha256=parties_sha, manifest=manifest,
                changes=list(plan.changes), report=report)
            session.add(row)
            session.flush()
            audit.record(session, self._actor, AuditAction.BUNDLE_BUILD, "bundle", bundle.id,
                         family.id, after={
                             "version": number, "pages": court.page_count,
                             "court_sha256": court_sha, "parties_sha256": parties_sha,
                             "documents": len(manifest), "redacted": len(found),
                             "unchecked_pages": sum(len(u.pages) for u in unchecked)})
            return version_view(row, self._actor.display_name)


def _template(sections: list[dict[str, str]]):
    from plo_tracker.domain.bundle_sections import SectionTemplate

    return (SectionTemplate(s["letter"], s["title"]) for s in sections)


def _pages(pages: Sequence[int]) -> str:
    listed = ", ".join(str(p) for p in pages)
    return f"page{'s' if len(pages) != 1 else ''} {listed}"


@contextmanager
def _partial(out: Path) -> Iterator[Path]:
    """A temporary file beside ``out`` (so renaming it cannot cross disks), removed unless
    it was renamed to ``out``."""
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}-", suffix=".pdf")
    os.close(handle)
    part = Path(name)
    try:
        yield part
    finally:
        with suppress(OSError):
            part.unlink()


def _with_paths(version: BundleVersionView, court: Path, parties: Path) -> BundleVersionView:
    return replace(version, court_path=court, parties_path=parties)
