"""Easy Read templates are edited like the standard ones: checked (with their pictures),
saved as versions of their own, audited, for administrators only, and used by the next
letter made for an adult with a learning disability."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from plo_tracker.documents.easy_read_pdf import default_easy_read_template
from plo_tracker.documents.templates import TemplateProblem
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.services.case_forms import AdultForm
from plo_tracker.services.errors import PermissionDenied
from plo_tracker.storage.models import AuditEntry
from tests.documents.test_letter_pdf import page_texts
from tests.services.test_letters import build_family

EXTRA = "\n# [phone] Ring us\n\nRing Tom on his mobile any weekday.\n"


def test_an_easy_read_template_is_saved_checked_and_audited_as_its_own(own_world):
    templates, admin = own_world.services.templates, own_world.actor("admin")
    first = templates.current(LetterType.LBP, easy=True)
    assert (first.easy_read, first.created_by) == (True, "system")
    assert first.title == "Letter before proceedings – Easy Read"
    assert first.source == default_easy_read_template(LetterType.LBP)
    templates.check(LetterType.LBP, first.source + EXTRA, easy=True)
    audits = own_world.audit_count()

    saved = templates.save(admin, LetterType.LBP, first.source + EXTRA, " Ring us ", easy=True)

    assert (saved.version, saved.note, saved.easy_read) == (first.version + 1, "Ring us", True)
    assert [v.version for v in templates.versions(LetterType.LBP, easy=True)] == [
        first.version + 1, first.version]
    # The standard letter's template is a different one, left as it was.
    assert len(templates.versions(LetterType.LBP)) == 1
    assert "Ring Tom" not in templates.current(LetterType.LBP).source
    with own_world.database.reading() as conn:
        entries = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.after)
                               .order_by(AuditEntry.id).offset(audits)).all()
    assert [(user, action) for user, action, _ in entries] == [("admin", "template.save")]
    assert json.loads(entries[0].after) == {
        "letter_type": "lbp-easy-read", "version": saved.version, "note": "Ring us"}


def test_a_heading_naming_a_picture_that_is_not_there_is_refused(own_world):
    templates, admin = own_world.services.templates, own_world.actor("admin")
    source = default_easy_read_template(LetterType.STEP_DOWN) + "\n# [unicorn] Well done\n"
    with pytest.raises(TemplateProblem, match="no picture called 'unicorn'") as refused:
        templates.save(admin, LetterType.STEP_DOWN, source, "A unicorn", easy=True)
    assert source.splitlines()[refused.value.line - 1] == "# [unicorn] Well done"
    with pytest.raises(TemplateProblem, match="this heading has no picture"):
        templates.check(LetterType.STEP_DOWN, source.replace("[unicorn] ", ""), easy=True)
    # The usual checks apply too: an unknown detail is refused with its line.
    with pytest.raises(TemplateProblem, match="nickname"):
        templates.check(LetterType.STEP_DOWN, source.replace(
            "# [unicorn] Well done", "# [help] {{ recipient.nickname }}"), easy=True)
    assert len(templates.versions(LetterType.STEP_DOWN, easy=True)) == 1


def test_only_administrators_save_and_only_letters_with_one_have_easy_read(own_world):
    templates = own_world.services.templates
    source = templates.current(LetterType.PPM_INVITE, easy=True).source + EXTRA
    for role in ("socialworker", "manager"):
        with pytest.raises(PermissionDenied):
            templates.save(own_world.actor(role), LetterType.PPM_INVITE, source, "Mine",
                           easy=True)
    with pytest.raises(ValidationFailed, match="has no Easy Read version"):
        templates.versions(LetterType.AGREEMENT, easy=True)
    with pytest.raises(ValidationFailed, match="has no Easy Read version"):
        templates.save(own_world.actor("admin"), LetterType.AGREEMENT, source, "x", easy=True)
    assert len(templates.versions(LetterType.PPM_INVITE, easy=True)) == 1


def test_a_letter_made_after_a_save_uses_the_saved_easy_read_version(own_world):
    world = own_world
    services, admin = world.services, world.actor("admin")
    # A family ready for its letter before proceedings, and a father recorded with a
    # learning disability: his letter comes with the Easy Read one.
    family_id = build_family(world).family_id
    services.people.save_adult(admin, family_id, None, AdultForm(
        "Dean", "Newman", "father", parental_responsibility=True,
        address="3 Mill Lane\nNorthshire\nNS1 2AB", learning_disability=True))
    dean = next(c for c in services.letters.check(admin, family_id, LetterType.LBP)
                if c.name == "Dean Newman")
    assert dean.easy_read
    source = services.templates.current(LetterType.LBP, easy=True).source
    saved = services.templates.save(admin, LetterType.LBP, source.replace(
        "# [letter] This is an important letter",
        "# [letter] Please read this letter today"), "A plainer first heading", easy=True)

    [made] = services.letters.generate(admin, family_id, LetterType.LBP, [dean.adult_id])

    text = " ".join(page_texts(services.letters.open(admin, made.letter_id)))
    assert "Please read this letter today" in text
    assert "This is an important letter" not in text
    assert "[letter]" not in text  # the picture's name is drawn as its picture
    with world.database.reading() as conn:
        after = conn.scalar(select(AuditEntry.after).where(
            AuditEntry.action == "letter.generate").order_by(AuditEntry.id.desc()).limit(1))
    assert json.loads(after)["easy_read_template_version"] == saved.version
