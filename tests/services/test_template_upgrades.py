"""A database still using an older release's shipped templates gets this release's as a new
version, noted and audited; a template the council saved itself is never replaced."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select

from plo_tracker import __version__
from plo_tracker.documents.easy_read_pdf import default_easy_read_template
from plo_tracker.documents.templates import default_template
from plo_tracker.domain import easy_read
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.storage.models import AuditEntry, LetterTemplate

OLD_SOURCE = "Dear {{ recipient.name }}\n\nThe words an older release shipped.\n"
CHANGED = [t for t in LetterType if t.template_version > 1]
UNCHANGED = [t for t in LetterType if t.template_version == 1]
EASY_CHANGED = [t for t in easy_read.EASY_READ_TYPES if easy_read.template_version(t) > 1]
MEETING_LETTERS = {LetterType.LBP, LetterType.LBP_UNBORN, LetterType.PPM_INVITE,
                   LetterType.REVIEW_INVITE}
NOTE = (f"New shipped default ({__version__}): shorter, plainer; names who supports the "
        "reader at meetings.")


@pytest.fixture
def old_world(tmp_path, dump_database, build_world) -> Iterator[object]:
    """A database whose every template is version 1 as an older release loaded it."""
    built = build_world(tmp_path, dump_database, families=1)
    codes = [t.code for t in LetterType] + [easy_read.template_code(t)
                                            for t in easy_read.EASY_READ_TYPES]
    with built.database.unit_of_work() as session:
        session.execute(delete(LetterTemplate))
        for code in codes:
            session.add(LetterTemplate(
                letter_type=code, version=1, source=OLD_SOURCE, created_by="system",
                note="The template shipped with PLO Tracker.",
                created_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC)))
    yield built
    built.database.dispose()


def _rows(world) -> dict[str, list[tuple[int, str, str]]]:
    rows: dict[str, list[tuple[int, str, str]]] = {}
    with world.database.reading() as conn:
        for code, version, created_by, note in conn.execute(select(
                LetterTemplate.letter_type, LetterTemplate.version, LetterTemplate.created_by,
                LetterTemplate.note).order_by(LetterTemplate.version)):
            rows.setdefault(code, []).append((version, created_by, note))
    return rows


def test_the_shipped_templates_that_changed_are_the_ones_upgraded():
    # The rewrite of issue 13 changed every standard letter but the written agreement
    # (version 2); naming who supports the reader changed the four that give the meeting
    # again (version 3), and their Easy Read versions (version 2).
    assert [t.code for t in UNCHANGED] == ["agreement"]
    for letter_type in CHANGED:
        assert letter_type.template_version == (3 if letter_type in MEETING_LETTERS else 2)
    assert set(EASY_CHANGED) == MEETING_LETTERS
    assert {easy_read.template_version(t) for t in EASY_CHANGED} == {2}


def test_an_old_shipped_default_gets_the_new_one_as_a_new_version(old_world):
    templates = old_world.services.templates
    audits = old_world.audit_count()

    assert templates.load_defaults() == len(CHANGED) + len(EASY_CHANGED)

    rows = _rows(old_world)
    for letter_type in CHANGED:
        # Numbered as shipped (a database that skipped a release included).
        shipped = letter_type.template_version
        assert [(v, by) for v, by, _ in rows[letter_type.code]] == [
            (1, "system"), (shipped, "system")]
        assert rows[letter_type.code][1][2] == NOTE
        current = templates.current(letter_type)
        assert (current.version, current.source) == (shipped, default_template(letter_type))
        # The old version is kept: the list of versions is the record of what was sent.
        assert [v.version for v in templates.versions(letter_type)] == [shipped, 1]
        assert templates.versions(letter_type)[1].source == OLD_SOURCE
    for letter_type in UNCHANGED:
        assert len(rows[letter_type.code]) == 1
    for letter_type in easy_read.EASY_READ_TYPES:
        code = easy_read.template_code(letter_type)
        assert [v for v, _, _ in rows[code]] == (
            [1, 2] if letter_type in EASY_CHANGED else [1])
        if letter_type in EASY_CHANGED:
            current = templates.current(letter_type, easy=True)
            assert current.source == default_easy_read_template(letter_type)
    # Each new version is audited, as a save is, by PLO Tracker itself.
    with old_world.database.reading() as conn:
        entries = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.after)
                               .order_by(AuditEntry.id).offset(audits)).all()
    assert len(entries) == len(CHANGED) + len(EASY_CHANGED)
    assert {(user, action) for user, action, _ in entries} == {("system", "template.save")}
    assert {json.loads(after)["letter_type"] for *_, after in entries} == {
        t.code for t in CHANGED} | {easy_read.template_code(t) for t in EASY_CHANGED}
    assert all(json.loads(after)["note"] == NOTE for *_, after in entries)


def test_a_template_the_council_saved_is_never_replaced(old_world):
    templates, admin = old_world.services.templates, old_world.actor("admin")
    own = OLD_SOURCE.replace("older release shipped", "council wrote")
    # The administrator saves the council's own letter before proceedings (version 2).
    with old_world.database.unit_of_work() as session:
        session.add(LetterTemplate(
            letter_type="lbp", version=2, source=own, created_by="admin", note="Our own words",
            created_at=datetime(2026, 2, 1, tzinfo=UTC)))

    assert templates.load_defaults() == len(CHANGED) + len(EASY_CHANGED) - 1

    current = templates.current(LetterType.LBP)
    assert (current.version, current.source, current.created_by) == (2, own, "admin")
    assert [(v, by) for v, by, _ in _rows(old_world)["lbp"]] == [(1, "system"), (2, "admin")]
    # A council's version saved through the service is kept too.
    templates.save(admin, LetterType.STEP_DOWN, own, "Our step-down letter")
    assert templates.load_defaults() == 0
    assert templates.current(LetterType.STEP_DOWN).source == own


def test_an_up_to_date_database_is_only_read(old_world):
    templates = old_world.services.templates
    templates.load_defaults()
    before = old_world.tables()
    assert templates.load_defaults() == 0
    assert old_world.tables() == before


def test_a_later_release_still_keeps_the_councils_version(old_world, monkeypatch):
    # A release shipping version 3: the council's version 2 is older, and still kept.
    monkeypatch.setattr(LetterType.LBP, "template_version", 3)
    with old_world.database.unit_of_work() as session:
        session.add(LetterTemplate(letter_type="lbp", version=2, source=OLD_SOURCE,
                                   created_by="admin", note="Our own words",
                                   created_at=datetime(2026, 2, 1, tzinfo=UTC)))
    old_world.services.templates.load_defaults()
    assert [(v, by) for v, by, _ in _rows(old_world)["lbp"]] == [(1, "system"), (2, "admin")]


def test_a_database_that_skipped_a_release_numbers_versions_as_the_others_do(
        old_world, monkeypatch):
    # From version 1 straight to 3: numbered 3, so "version 3" means the same words in
    # every database.
    monkeypatch.setattr(LetterType.LBP, "template_version", 3)
    old_world.services.templates.load_defaults()
    assert [v for v, _, _ in _rows(old_world)["lbp"]] == [1, 3]


def test_a_councils_own_easy_read_version_is_never_replaced(old_world, monkeypatch):
    templates, admin = old_world.services.templates, old_world.actor("admin")
    own = (default_easy_read_template(LetterType.LBP)
           + "\n# [phone] Ring us\n\nRing your social worker.\n")
    templates.save(admin, LetterType.LBP, own, "Our own Easy Read words", easy=True)
    # A later release ships version 3 of every Easy Read template.
    for letter_type in easy_read.EASY_READ_TYPES:
        monkeypatch.setitem(easy_read._TEMPLATE_VERSIONS, letter_type, 3)

    assert templates.load_defaults() == len(easy_read.EASY_READ_TYPES) - 1

    rows = _rows(old_world)
    # Saving loaded this release's shipped version (2) first; the council's is 3.
    assert [(v, by) for v, by, _ in rows["lbp-easy-read"]] == [
        (1, "system"), (2, "system"), (3, "admin")]
    assert templates.current(LetterType.LBP, easy=True).source == own
    # The ones PLO Tracker loaded itself get the new shipped text.
    invite = templates.current(LetterType.PPM_INVITE, easy=True)
    assert (invite.version, invite.created_by, invite.easy_read) == (3, "system", True)
    assert invite.source == default_easy_read_template(LetterType.PPM_INVITE)
