"""plo-tracker documents: add a file to a family's documents, or list them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from .common import UsageError, actor, date_arg, opened, print_table

if TYPE_CHECKING:
    from plo_tracker.domain.document_types import DocumentType
    from plo_tracker.services.document_views import DocumentView
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    documents = commands.add_parser("documents", help="add files to a family's documents, "
                                    "or list them")
    documents.set_defaults(run=run)
    actions = documents.add_subparsers(dest="documents_command", metavar="ACTION",
                                       required=True)
    add = actions.add_parser(
        "add", help="add a file (PDF, picture, Word document) to a family's documents")
    add.add_argument("--family", required=True, metavar="ID",
                     help="the family's PLO family id (e.g. PLO-2026-0042) or database id")
    add.add_argument("--file", required=True, metavar="PATH", type=Path)
    add.add_argument("--title", required=True, metavar="T")
    add.add_argument("--date", required=True, metavar="D",
                     help="the document's date, day/month/year or yyyy-mm-dd")
    add.add_argument("--type", required=True, metavar="TYPE", dest="doc_type",
                     help="what it is: statement, care_plan, assessment, ... (a wrong one "
                     "lists them all)")
    add.add_argument("--author", metavar="A")
    add.add_argument("--section", metavar="S",
                     help="the bundle section it goes in (default: its type's, e.g. C for a "
                     "statement)")
    listing = actions.add_parser("list", help="a family's documents")
    listing.add_argument("--family", required=True, metavar="ID")
    listing.add_argument("--json", action="store_true", help="print JSON")


def doc_type_arg(text: str) -> DocumentType:
    """The document type with this code (any case), or a UsageError listing them all."""
    from plo_tracker.domain.document_types import DocumentType

    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for kind in DocumentType:
        if kind.value == wanted:
            return kind
    raise UsageError(f"'{text}' is not a document type. Use one of: "
                     + ", ".join(kind.value for kind in DocumentType) + ".")


def run(args: argparse.Namespace, location: Location) -> int:
    if args.documents_command == "add":
        return _add(args, location)
    return _list(args, location)


def _add(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.services.document_views import DocumentForm

    # Everything typed is checked before signing in and before the (slow) intake.
    form = DocumentForm(args.title, date_arg(args.date), args.author, doc_type_arg(args.doc_type),
                        args.section)
    if not args.file.is_file():
        raise UsageError(f"There is no file {args.file}. Check the name and folder.")
    with opened(location, args) as services:
        user = actor(services, args.user)
        family_id = services.families.find(user, args.family)
        view = services.documents.add_file(user, family_id, args.file.resolve(), form)
    print(f"Added “{view.title}” to family {view.plo_family_id} as document "
          f"{view.document_id}: {view.page_count} page{'s' if view.page_count != 1 else ''}, "
          f"section {view.default_section}.")
    for note in view.intake_notes:
        print(note)
    if view.same_file_as:
        print("The same file is already document "
              + ", ".join(map(str, view.same_file_as)) + " of this family.")
    return 0


def _list(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.domain.date_text import short_date

    with opened(location, args) as services:
        user = actor(services, args.user)
        views = services.documents.list(user, services.families.find(user, args.family))
    if args.json:
        print(json.dumps([_plain(view) for view in views], indent=1))
        return 0
    print_table(("Id", "Date", "Type", "Section", "Pages", "Title"), [
        (str(v.document_id), short_date(v.document_date) if v.document_date else "",
         v.doc_type.label, v.default_section, str(v.page_count), v.title) for v in views])
    print(f"{len(views)} document{'s' if len(views) != 1 else ''}")
    return 0


def _plain(view: DocumentView) -> dict[str, object]:
    return {
        "id": view.document_id, "family": view.plo_family_id, "title": view.title,
        "date": view.document_date.isoformat() if view.document_date else None,
        "author": view.author, "type": view.doc_type.value, "section": view.default_section,
        "pages": view.page_count, "sha256": view.sha256, "original_name": view.original_name,
        "original_kind": view.original_kind,
        "pages_without_text": list(view.pages_without_text), "ocr_pages": list(view.ocr_pages),
        "repaired": view.repaired, "source": view.source, "added_by": view.added_by,
        "added_at": view.added_at.isoformat(), "same_file_as": list(view.same_file_as),
    }
