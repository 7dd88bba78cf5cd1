"""Letters from the case record, through the services: what a letter lacks is named before
anything is made; every letter made is kept exactly; the PDF says what the case says (read
back with pypdf); a confidential address never reaches anyone else; sending, batches,
permissions and template versions."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, select

from plo_tracker.documents.letter_checks import LetterNotReady
from plo_tracker.documents.templates import TemplateProblem, default_template
from plo_tracker.domain import easy_read
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    PlanItemKind,
    SendMethod,
)
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.storage.models import (
    AuditEntry,
    Episode,
    Family,
    GeneratedLetter,
    Letter,
    LetterTemplate,
)
from tests.support import TODAY

GATEWAY = date(2026, 11, 20)  # letters before proceedings due 5 working days later: 27 Nov
COMMISSIONED = date(2026, 11, 24)
MEETING_DAY = date(2026, 12, 8)
MEETING_TIME = time(10, 30)
PLACE = "Northshire Family Centre, Room 2, 4 Mill Lane, Northshire NS1 2AB"
EXPECTATION_DUE = date(2027, 1, 15)
ASSESSMENT_DUE = date(2027, 1, 19)

MOTHER_ADDRESS = ("12 Elm Road", "Northshire", "NS3 1AB")
# The father lives somewhere the mother must not learn of.
FATHER_ADDRESS = ("Flat 2, 9 Heron Quay", "Westmoor", "NS9 9ZZ")
GRANDMOTHER_ADDRESS = ("7 Oak Way", "Northshire", "NS3 4CD")
HISTORY = ("Children's services have worked with the family since 2024, first under a child "
           "in need plan and then a child protection plan.")
CONCERN = "Ruby and Noah have been left at home without an adult in the evenings."
SUPPORT = "Weekly visits from the family support worker since June."
EXPECTATION = "Make sure an adult we have agreed with you is always caring for the children."
HELP = "We will help you draw up a list of trusted people who can babysit."
REASON = "To understand how the children are cared for and what help is needed."

MEETING_MISSING = "the pre-proceedings meeting date, time and place"
SOLICITORS_MISSING = "the list of local children-law solicitors"
LBP_DUE = "Send letter before proceedings to"


@dataclass(frozen=True)
class Built:
    family_id: int
    plo_id: str
    mother: int
    father: int
    grandmother: int


def build_family(world, surname: str = "Ashdown", *, meeting: bool = True) -> Built:
    """A family ready for its letter before proceedings, built through the services.

    Jade (mother) and Liam Brook (father, confidential address, large print) have parental
    responsibility; Grace (grandmother) does not, so she gets no letter.
    """
    services, manager = world.services, world.actor("manager")
    family_id = services.families.create(manager, NewFamilyForm(
        children=(ChildForm("Ruby", surname, date_of_birth=date(2019, 4, 2)),
                  ChildForm("Noah", surname, date_of_birth=date(2022, 8, 15))),
        adults=(
            AdultForm("Jade", surname, "mother", address="\n".join(MOTHER_ADDRESS)),
            AdultForm("Liam", "Brook", "father", address="\n".join(FATHER_ADDRESS),
                      address_confidential=True, large_print=True),
            AdultForm("Grace", surname, "maternal grandmother", parental_responsibility=False,
                      address="\n".join(GRANDMOTHER_ADDRESS)),
        ),
        gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, GATEWAY),
        social_worker_id=world.actor("socialworker").user_id, team_manager_id=manager.user_id,
    ))
    mother, father, grandmother = world.adults(family_id)
    plan, milestones = services.plan, services.milestones
    plan.add_item(manager, family_id, PlanItemKind.CONCERN, CONCERN)
    plan.add_item(manager, family_id, PlanItemKind.SUPPORT, SUPPORT)
    plan.add_item(manager, family_id, PlanItemKind.EXPECTATION, EXPECTATION, EXPECTATION_DUE,
                  help_offered=HELP)
    milestones.record_history(manager, family_id, HISTORY)
    milestones.commission_assessment(manager, family_id, AssessmentKind.PARENTING,
                                     f"Jade {surname}", COMMISSIONED, ASSESSMENT_DUE,
                                     author="Dr Lena Moss", reason=REASON)
    if meeting:
        milestones.schedule_meeting(manager, family_id, MeetingKind.INITIAL_PPM, MEETING_DAY,
                                    start_time=MEETING_TIME, place=PLACE)
    return Built(family_id, _plo_id(world, family_id), mother, father, grandmother)


def _plo_id(world, family_id: int) -> str:
    with world.database.reading() as conn:
        return conn.execute(select(Family.plo_family_id).where(Family.id == family_id)
                            ).scalar_one()


# -- reading PDFs back ---------------------------------------------------------------------------

def _words(text: str) -> str:
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    return [_words(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def font_sizes(pdf: bytes) -> Counter[float]:
    """Characters printed at each font size, across the document."""
    sizes: Counter[float] = Counter()

    def visit(text, cm, tm, font, size) -> None:  # noqa: ANN001 - pypdf's visitor
        if text.strip():
            sizes[round(size * (tm[0] or 1), 1)] += len(text.strip())

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def _stored(world, letter_id: int) -> GeneratedLetter:
    with world.database.unit_of_work() as session:
        return session.get(GeneratedLetter, letter_id)


def _audits(world, action: str, entity_id: int) -> list[AuditEntry]:
    with world.database.unit_of_work() as session:
        return list(session.scalars(select(AuditEntry).where(
            AuditEntry.action == action, AuditEntry.entity_id == entity_id)))


def _due_titles(world, plo_id: str) -> set[str]:
    return {e.item.title for e in world.services.caseload.due(world.actor("manager"))
            if e.plo_family_id == plo_id and e.item.title.startswith(LBP_DUE)}


@pytest.fixture(scope="module")
def ready(world) -> Built:
    return build_family(world, "Ashdown")


@dataclass(frozen=True)
class Made:
    built: Built
    views: dict[str, object]  # recipient name -> GeneratedLetterView
    pdfs: dict[str, bytes]  # recipient name -> the PDF as kept


@pytest.fixture(scope="module")
def made(world, ready) -> Made:
    """The letters before proceedings to the ready family, made by its social worker."""
    views = world.services.letters.generate(world.actor("socialworker"), ready.family_id,
                                            LetterType.LBP)
    with world.database.unit_of_work() as session:
        pdfs = {v.recipient_name: session.get(GeneratedLetter, v.letter_id).pdf for v in views}
    return Made(ready, {v.recipient_name: v for v in views}, pdfs)


MOTHER, FATHER = "Jade Ashdown", "Liam Brook"


# -- check: what a letter still lacks, in plain English ----------------------------------------

def test_check_lists_each_recipient_with_parental_responsibility_and_nothing_missing(
        world, ready):
    checks = world.services.letters.check(world.actor("readonly"), ready.family_id,
                                          LetterType.LBP)
    assert [(c.adult_id, c.name, c.missing) for c in checks] == [
        (ready.mother, MOTHER, ()), (ready.father, FATHER, ())]


def test_check_names_a_missing_meeting_in_plain_english(world):
    built = build_family(world, "Carver", meeting=False)
    checks = world.services.letters.check(world.actor("socialworker"), built.family_id,
                                          LetterType.LBP)
    assert [c.missing for c in checks] == [(MEETING_MISSING,), (MEETING_MISSING,)]
    invite = world.services.letters.check(world.actor("socialworker"), built.family_id,
                                          LetterType.PPM_INVITE)
    assert all(c.missing == (MEETING_MISSING,) for c in invite)


def test_check_names_the_missing_solicitor_list(world, ready):
    admin = world.actor("admin")
    settings = world.services.settings.current()
    assert settings.letters.solicitors, "demo settings list local solicitors"
    world.services.settings.save(admin, replace(
        settings, letters=replace(settings.letters, solicitors=())))
    try:
        checks = world.services.letters.check(admin, ready.family_id, LetterType.LBP)
        assert [c.missing for c in checks] == [(SOLICITORS_MISSING,), (SOLICITORS_MISSING,)]
        with pytest.raises(LetterNotReady) as refused:
            world.services.letters.preview(admin, ready.family_id, LetterType.LBP, ready.mother)
        assert SOLICITORS_MISSING in refused.value.message
    finally:
        world.services.settings.save(admin, settings)
    assert world.services.letters.check(admin, ready.family_id, LetterType.LBP)[0].missing == ()


def test_check_of_a_bare_family_names_every_gap_without_field_names(world):
    family_id = world.pre_proceedings()  # no addresses, plan, history, assessments or meeting
    checks = world.services.letters.check(world.actor("manager"), family_id, LetterType.LBP)
    assert [c.name for c in checks] == ["Jade Testcase", "Liam Testcase"]
    missing = checks[0].missing
    for expected in ("the full postal address of the person the letter is to", "the concerns",
                     "the short history of the family's involvement",
                     "the support already given", "what must change (the expectations)",
                     "the assessments proposed", MEETING_MISSING):
        assert expected in missing
    for item in missing:
        assert item == item.strip() and "_" not in item and "None" not in item


def test_check_of_a_letter_of_issue_names_the_court_until_it_is_recorded(world):
    manager, letters = world.actor("manager"), world.services.letters
    family_id = world.applied()  # recorded without the court's name
    checks = letters.check(manager, family_id, LetterType.ISSUE)
    assert all("the name of the court" in c.missing for c in checks)
    named = world.issued()
    world.services.milestones.record_court_application(
        manager, named, date(2026, 11, 9), False, None, "ZW26C00002",
        court_name="Family Court sitting at Northshire")
    assert not any("the name of the court" in c.missing
                   for c in letters.check(manager, named, LetterType.ISSUE))


def test_a_meeting_planned_with_a_time_is_audited_with_it(world, ready):
    """Audit entries once refused a meeting's start time (a time, not a date)."""
    with world.database.unit_of_work() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "meeting.schedule", AuditEntry.family_id == ready.family_id)
        ).one()
        after = json.loads(entry.after)
    assert (after["planned_date"], after["start_time"], after["place"]) == (
        "2026-12-08", "10:30:00", PLACE)


# -- generate: refused whole, or kept exactly ------------------------------------------------------

def test_generate_refuses_naming_everything_and_keeps_nothing(world):
    built = build_family(world, "Denholm", meeting=False)
    before = world.tables()
    with pytest.raises(LetterNotReady) as refused:
        world.services.letters.generate(world.actor("socialworker"), built.family_id,
                                        LetterType.LBP)
    assert refused.value.missing == [f"{MEETING_MISSING} (letter to Jade Denholm)",
                                     f"{MEETING_MISSING} (letter to {FATHER})"]
    assert refused.value.message.startswith(
        "The letter before proceedings cannot be made yet. Please add ")
    assert world.tables() == before


def test_generate_keeps_one_letter_per_recipient_with_hash_version_and_who(world, made):
    assert set(made.views) == {MOTHER, FATHER}  # not the grandmother: no parental responsibility
    version = world.services.templates.current(LetterType.LBP).version
    assert version == LetterType.LBP.template_version
    for name, view in made.views.items():
        row = _stored(world, view.letter_id)
        assert row.pdf == made.pdfs[name]
        assert row.sha256 == view.sha256 == hashlib.sha256(row.pdf).hexdigest()
        assert (row.family_id, row.letter_type, row.template_version, row.recipient_name,
                row.created_by, row.letter_date, row.sent_date) == (
            made.built.family_id, "lbp", version, name, "socialworker", TODAY, None)
        assert row.adult_id == (made.built.mother if name == MOTHER else made.built.father)
        assert row.template_id is not None
        assert row.pages == view.pages == len(PdfReader(BytesIO(row.pdf)).pages) >= 2
        assert row.pdf.startswith(b"%PDF")
        assert view.file_name.endswith(".pdf") and made.built.plo_id in view.file_name


def test_each_generated_letter_is_audited_without_the_pdf(world, made):
    for view in made.views.values():
        [entry] = _audits(world, "letter.generate", view.letter_id)
        assert (entry.username, entry.entity, entry.family_id) == (
            "socialworker", "letter", made.built.family_id)
        after = json.loads(entry.after)
        assert "pdf" not in after
        assert after["sha256"] == view.sha256 and after["recipient_name"] == view.recipient_name
        assert len(entry.after) < 2000 and "%PDF" not in entry.after


def test_generated_lists_the_kept_letters_newest_first(world, made):
    listed = world.services.letters.generated(world.actor("readonly"), made.built.family_id)
    assert [v.letter_id for v in listed] == sorted(
        (v.letter_id for v in made.views.values()), reverse=True)


def test_preview_gives_the_same_bytes_as_the_letter_kept_and_keeps_nothing(world, made):
    before = world.tables()
    preview = world.services.letters.preview(world.actor("readonly"), made.built.family_id,
                                             LetterType.LBP, made.built.mother)
    assert preview == made.pdfs[MOTHER]
    assert world.tables() == before


# -- the letter, read back ---------------------------------------------------------------------

def test_letter_is_addressed_to_its_recipient(made):
    mother, father = text_of(made.pdfs[MOTHER]), text_of(made.pdfs[FATHER])
    assert f"Private and confidential {MOTHER} {' '.join(MOTHER_ADDRESS)}" in mother
    assert f"Dear {MOTHER}" in mother
    assert f"Private and confidential {FATHER} {' '.join(FATHER_ADDRESS)}" in father
    assert f"Dear {FATHER}" in father


def test_letter_writes_dates_in_words_and_gives_the_meeting(made):
    text = text_of(made.pdfs[MOTHER])
    assert "Date: Thursday 26 November 2026" in text  # the letter's date
    assert "Date: Tuesday 8 December 2026" in text  # the meeting's
    assert "Time: 10:30am" in text
    assert f"Place: {PLACE}" in text
    assert "By: Friday 15 January 2027" in text
    assert "finished by Tuesday 19 January 2027" in text
    assert "2026-12-08" not in text and "08/12/2026" not in text


def test_letter_says_what_the_case_says(made):
    text = text_of(made.pdfs[MOTHER])
    assert "This is a letter before proceedings." in text
    assert "Ruby Ashdown, born on Tuesday 2 April 2019" in text
    assert "Noah Ashdown, born on Monday 15 August 2022" in text
    for detail in (CONCERN, SUPPORT, EXPECTATION, HELP, HISTORY, REASON, "Dr Lena Moss",
                   "Sam Okafor", "Northshire County Council"):
        assert detail in text


def test_letter_lists_every_local_solicitor(world, made):
    text = text_of(made.pdfs[MOTHER])
    solicitors = world.services.settings.current().letters.solicitors
    assert len(solicitors) == 3
    for solicitor in solicitors:
        assert f"{solicitor.firm}, {solicitor.name}" in text
        assert f"Phone {solicitor.phone}" in text


def test_letter_offers_a_family_group_decision_making_meeting(made):
    for pdf in made.pdfs.values():
        text = text_of(pdf)
        assert "Family group decision-making meeting" in text
        assert "section 31ZA of the Children Act 1989" in text
        # Said once: the offer is the letter's own section, not repeated after it.
        assert text.count("family and friends meet to make a plan") == 1


def test_a_family_group_decision_making_meeting_is_not_listed_as_an_assessment(world):
    built = build_family(world, "Dunmore")
    manager = world.actor("manager")
    world.services.milestones.commission_assessment(
        manager, built.family_id, AssessmentKind.FGDM, "The wider family", COMMISSIONED,
        ASSESSMENT_DUE)
    pdf = world.services.letters.preview(manager, built.family_id, LetterType.LBP,
                                         built.mother)
    text = text_of(pdf)
    proposed = text.split("Assessments we want to do", 1)[1].split("Family group", 1)[0]
    assert "Parenting assessment" in proposed  # the one real assessment is still listed
    assert "The wider family" not in text  # the meeting is offered, not assessed


def test_every_page_is_numbered_and_carries_the_family_reference(made):
    for pdf in made.pdfs.values():
        pages = page_texts(pdf)
        assert len(pages) >= 2
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in page
            assert f"Family reference: {made.built.plo_id}" in page


def test_a_confidential_address_never_reaches_anyone_else(made):
    to_mother = text_of(made.pdfs[MOTHER])
    for line in FATHER_ADDRESS:
        assert line not in to_mother
    assert "Heron Quay" not in to_mother and "Westmoor" not in to_mother
    assert f"We have also written to {FATHER}" in to_mother  # his name may appear
    to_father = text_of(made.pdfs[FATHER])
    assert f"We have also written to {MOTHER}" in to_father
    assert MOTHER_ADDRESS[0] not in to_father  # names only, never another adult's address
    for text in (to_mother, to_father):
        assert GRANDMOTHER_ADDRESS[0] not in text


def test_large_print_recipients_get_at_least_16_point(made):
    standard, large = made.pdfs[MOTHER], made.pdfs[FATHER]
    body_standard = font_sizes(standard).most_common(1)[0][0]
    body_large = font_sizes(large).most_common(1)[0][0]
    assert body_standard < 12
    assert body_large >= 16
    assert len(page_texts(large)) > len(page_texts(standard))


# -- open -----------------------------------------------------------------------------------

def test_open_returns_the_same_bytes_and_is_audited(world, made):
    view = made.views[FATHER]
    opened_before = len(_audits(world, "letter.open", view.letter_id))
    pdf = world.services.letters.open(world.actor("readonly"), view.letter_id)
    assert pdf == made.pdfs[FATHER]
    assert hashlib.sha256(pdf).hexdigest() == view.sha256
    entries = _audits(world, "letter.open", view.letter_id)
    assert len(entries) == opened_before + 1
    assert (entries[-1].username, entries[-1].family_id) == ("readonly", made.built.family_id)


def test_open_of_an_unknown_letter_is_refused(world):
    with pytest.raises(NotFound, match="There is no letter with id 999999"):
        world.services.letters.open(world.actor("admin"), 999_999)


# -- record as sent ------------------------------------------------------------------------------

def test_sending_a_letter_before_proceedings_sets_the_milestone_and_the_fgdm_offer(world):
    built = build_family(world, "Ellery")
    letters, worker = world.services.letters, world.actor("socialworker")
    views = {v.adult_id: v for v in letters.generate(worker, built.family_id, LetterType.LBP)}
    assert _due_titles(world, built.plo_id) == {f"{LBP_DUE} Jade Ellery", f"{LBP_DUE} {FATHER}"}
    version = world.version(built.family_id)

    saved = letters.record_sent(worker, views[built.mother].letter_id, TODAY, SendMethod.HAND,
                                expected_version=version)

    assert saved.family_version == version + 1
    assert _due_titles(world, built.plo_id) == {f"{LBP_DUE} {FATHER}"}
    with world.database.unit_of_work() as session:
        episode = session.scalars(select(Episode).where(Episode.family_id == built.family_id)
                                  ).one()
        assert episode.fgdm_offered is True
        [letter] = session.scalars(select(Letter).where(Letter.episode_id == episode.id))
        assert (letter.kind, letter.adult_id, letter.sent_date, letter.method) == (
            LetterType.LBP.value, built.mother, TODAY, "hand")
        kept = session.get(GeneratedLetter, views[built.mother].letter_id)
        assert (kept.sent_date, kept.method, kept.letter_id) == (TODAY, "hand", letter.id)
    entry = world.last_audit()
    assert (entry.action, entry.username, entry.family_id) == (
        "letter.sent", "socialworker", built.family_id)
    listed = {v.letter_id: v for v in letters.generated(worker, built.family_id)}
    assert listed[views[built.mother].letter_id].sent_date == TODAY
    assert listed[views[built.mother].letter_id].method is SendMethod.HAND
    assert listed[views[built.father].letter_id].sent_date is None


@pytest.fixture(scope="module")
def sent_once(world):
    """A letter recorded as sent today, and another not yet sent."""
    built = build_family(world, "Fenwick")
    worker = world.actor("socialworker")
    views = {v.adult_id: v for v in world.services.letters.generate(
        worker, built.family_id, LetterType.LBP)}
    world.services.letters.record_sent(worker, views[built.mother].letter_id, TODAY,
                                       SendMethod.POST)
    return views[built.mother].letter_id, views[built.father].letter_id


@pytest.mark.parametrize(("which", "sent_on", "message"), [
    ("sent", TODAY, "This letter was already recorded as sent on 26 November 2026."),
    ("unsent", TODAY - timedelta(days=1), "A letter cannot be sent before the date written on it."),
    ("unsent", TODAY + timedelta(days=1),
     "The date sent cannot be in the future: Fri 27 Nov 2026 is after today."),
])
def test_sending_twice_early_or_in_the_future_is_refused(world, sent_once, which, sent_on,
                                                         message):
    letter_id = sent_once[0] if which == "sent" else sent_once[1]
    before = world.tables()
    with pytest.raises(ValidationFailed) as refused:
        world.services.letters.record_sent(world.actor("socialworker"), letter_id, sent_on,
                                           SendMethod.POST)
    assert refused.value.problems == {"sent_date": message}
    assert world.tables() == before


def test_sending_an_unknown_letter_is_refused(world):
    with pytest.raises(NotFound, match="There is no letter with id 999999"):
        world.services.letters.record_sent(world.actor("admin"), 999_999, TODAY, SendMethod.POST)


# -- stage -------------------------------------------------------------------------------------

def test_a_letter_for_another_stage_is_refused_in_plain_words(world, ready):
    letters, worker = world.services.letters, world.actor("socialworker")
    stepped_down = world.stepped_down()
    before = world.tables()
    with pytest.raises(ValidationFailed) as refused:
        letters.generate(worker, ready.family_id, LetterType.STEP_DOWN)
    assert refused.value.message == (
        "The letter 'Letter ending pre-proceedings' is for families whose stage is stepped "
        "down; this family's stage is: pre-proceedings.")
    with pytest.raises(ValidationFailed, match="this family's stage is: pre-proceedings"):
        letters.check(worker, ready.family_id, LetterType.ISSUE)
    with pytest.raises(ValidationFailed) as refused:
        letters.check(worker, stepped_down, LetterType.LBP)
    assert refused.value.message == (
        "The letter 'Letter before proceedings' is for families whose stage is "
        "pre-proceedings; this family's stage is: stepped down.")
    assert world.tables() == before


# -- batch -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def batch_families(world) -> dict[str, object]:
    """Two ready families, one with no meeting, one stepped down, and an id that is nobody's."""
    return {
        "ready": [build_family(world, "Garnet"), build_family(world, "Hollis")],
        "no_meeting": build_family(world, "Ingram", meeting=False),
        "stepped_down": world.stepped_down(),
        "unknown": 999_999,
    }


def _batch_ids(families) -> list[int]:
    first, second = families["ready"]
    return [first.family_id, families["no_meeting"].family_id, families["stepped_down"],
            families["unknown"], second.family_id]


def _outline_pages(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


def test_batch_makes_every_ready_letter_skips_the_rest_and_combines_them(world, batch_families):
    first, second = batch_families["ready"]
    no_meeting = batch_families["no_meeting"]
    ids = _batch_ids(batch_families)
    kept_before = len(world.tables()["generated_letters"])
    calls: list[tuple[int, int]] = []

    result = world.services.letters.batch(world.actor("admin"), LetterType.LBP, ids,
                                          progress=lambda done, total: calls.append((done, total)))

    assert not result.cancelled
    assert calls == [(n, len(ids)) for n in range(len(ids) + 1)]
    names = [(v.plo_family_id, v.recipient_name) for v, _pdf in result.letters]
    assert names == [(first.plo_id, "Jade Garnet"), (first.plo_id, FATHER),
                     (second.plo_id, "Jade Hollis"), (second.plo_id, FATHER)]
    assert result.skipped == (
        (f"{no_meeting.plo_id}, Jade Ingram", f"missing {MEETING_MISSING}"),
        (f"{no_meeting.plo_id}, {FATHER}", f"missing {MEETING_MISSING}"),
        (_plo_id(world, batch_families["stepped_down"]),
         "The letter 'Letter before proceedings' is for families whose stage is "
         "pre-proceedings; this family's stage is: stepped down."),
        ("family 999999", "There is no family with id 999999."),
    )
    assert len(world.tables()["generated_letters"]) == kept_before + 4
    for view, pdf in result.letters:
        assert hashlib.sha256(pdf).hexdigest() == view.sha256
        assert _stored(world, view.letter_id).pdf == pdf
        assert view.created_by == "admin" and view.pages == len(page_texts(pdf))
        assert len(_audits(world, "letter.generate", view.letter_id)) == 1

    combined = PdfReader(BytesIO(result.combined))
    assert len(combined.pages) == sum(view.pages for view, _pdf in result.letters)
    starts, page = [], 0
    for view, _pdf in result.letters:
        starts.append((f"Letter before proceedings to {view.recipient_name} "
                       f"({view.plo_family_id})", page))
        page += view.pages
    assert _outline_pages(combined) == starts
    first_page = _words(combined.pages[0].extract_text())
    assert "Dear Jade Garnet" in first_page and f"Page 1 of {result.letters[0][0].pages}" in \
        first_page


@pytest.mark.parametrize("stop_after", [0, 2])
def test_cancelling_a_batch_part_way_keeps_nothing(world, batch_families, stop_after):
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > stop_after

    calls: list[tuple[int, int]] = []
    before = world.tables()
    result = world.services.letters.batch(world.actor("admin"), LetterType.LBP,
                                          _batch_ids(batch_families),
                                          progress=lambda done, total: calls.append((done, total)),
                                          cancelled=cancelled)
    assert result.cancelled
    assert (result.letters, result.combined) == ((), None)
    # Progress counts families whose letters are made; a cancelled batch never completes.
    assert calls == [(n, 5) for n in range(len(calls))] and (5, 5) not in calls
    assert world.tables() == before


def test_a_big_batch_draws_its_letters_in_worker_processes_with_the_same_result(
        world, batch_families):
    ids = _batch_ids(batch_families)
    here = world.services.letters.batch(world.actor("admin"), LetterType.PPM_INVITE, ids)
    apart = world.services.letters.batch(world.actor("admin"), LetterType.PPM_INVITE, ids,
                                         parallel_from=1)
    # The same letters, byte for byte (reportlab's invariant mode), wherever they were drawn.
    assert [pdf for _v, pdf in apart.letters] == [pdf for _v, pdf in here.letters]
    assert apart.skipped == here.skipped


def test_cancelling_at_once_keeps_nothing(world, batch_families):
    before = world.tables()
    result = world.services.letters.batch(world.actor("admin"), LetterType.PPM_INVITE,
                                          _batch_ids(batch_families), cancelled=lambda: True)
    assert result.cancelled and result.letters == ()
    assert world.tables() == before


def test_a_batch_with_nothing_to_make_combines_nothing(world, batch_families):
    result = world.services.letters.batch(
        world.actor("admin"), LetterType.LBP, [batch_families["no_meeting"].family_id])
    assert (result.letters, result.combined, result.cancelled) == ((), None, False)
    assert len(result.skipped) == 2


# -- permissions -------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["readonly", "panel"])
def test_roles_that_cannot_edit_cases_cannot_generate(world, ready, role):
    before = world.tables()
    with pytest.raises(PermissionDenied, match="does not allow you to change family records"):
        world.services.letters.generate(world.actor(role), ready.family_id, LetterType.LBP)
    assert world.tables() == before


def test_read_only_cannot_record_a_letter_as_sent(world, made):
    before = world.tables()
    with pytest.raises(PermissionDenied):
        world.services.letters.record_sent(world.actor("readonly"),
                                           made.views[MOTHER].letter_id, TODAY, SendMethod.POST)
    assert world.tables() == before


@pytest.mark.parametrize("role", ["readonly", "socialworker", "manager", "panel"])
def test_only_administrators_make_batches(world, ready, role):
    """Issue 4: "Batch (administrators)"."""
    before = world.tables()
    with pytest.raises(PermissionDenied) as refused:
        world.services.letters.batch(world.actor(role), LetterType.LBP, [ready.family_id])
    assert "make letters for many families at once" in refused.value.message
    assert world.tables() == before


# -- templates -----------------------------------------------------------------------------------

@pytest.fixture
def small_world(tmp_path, dump_database, build_world) -> Iterator[object]:
    """A database of its own (one demo family) whose templates no one has used yet."""
    built = build_world(tmp_path, dump_database, families=1)
    yield built
    built.database.dispose()


def _template_rows(world) -> list[tuple[str, int, str]]:
    with world.database.reading() as conn:
        return [tuple(r) for r in conn.execute(select(
            LetterTemplate.letter_type, LetterTemplate.version, LetterTemplate.created_by
        ).order_by(LetterTemplate.letter_type, LetterTemplate.version))]


def _forget_templates(world) -> None:
    """Make the database one whose templates were never loaded (opening one loads them)."""
    with world.database.unit_of_work() as session:
        session.execute(delete(LetterTemplate))


def test_default_templates_load_on_first_use_once_per_type(small_world):
    _forget_templates(small_world)
    assert _template_rows(small_world) == []
    built = build_family(small_world, "Jessop")
    # Preview is a first use too (and needs no template loaded beforehand).
    pdf = small_world.services.letters.preview(small_world.actor("admin"), built.family_id,
                                               LetterType.PPM_INVITE, built.mother)
    assert "Invitation to a pre-proceedings meeting about Ruby Jessop and Noah Jessop" in \
        text_of(pdf)
    templates = small_world.services.templates
    assert templates.load_defaults() == 0
    small_world.services.letters.generate(small_world.actor("admin"), built.family_id,
                                          LetterType.LBP)
    assert templates.current(LetterType.LBP).source == default_template(LetterType.LBP)
    assert _template_rows(small_world) == sorted(
        [(t.code, t.template_version, "system") for t in LetterType]
        + [(easy_read.template_code(t), easy_read.template_version(t), "system")
           for t in easy_read.EASY_READ_TYPES])
    for letter_type in LetterType:
        assert len(templates.versions(letter_type)) == 1


def test_load_defaults_reports_how_many_it_added(small_world):
    _forget_templates(small_world)
    assert small_world.services.templates.load_defaults() == (
        len(LetterType) + len(easy_read.EASY_READ_TYPES))
    assert small_world.services.templates.load_defaults() == 0


BROKEN = "Dear {{ recipient.name }}\n\n{% if meeting %}\nWe will meet.\n{% endfor %}\n"


def test_saving_a_template_that_does_not_render_is_refused_with_its_line(small_world):
    templates, admin = small_world.services.templates, small_world.actor("admin")
    templates.load_defaults()
    before = small_world.tables()
    with pytest.raises(TemplateProblem) as refused:
        templates.save(admin, LetterType.PPM_INVITE, BROKEN, "Shorter invitation")
    assert refused.value.line == 5
    assert refused.value.message.startswith("Line 5 of the template: ")
    with pytest.raises(TemplateProblem) as refused:
        templates.save(admin, LetterType.PPM_INVITE,
                       "Dear {{ recipient.name }}\n\nYour number is {{ recipient.phone }}.\n",
                       "Add the phone number")
    assert refused.value.line == 3 and "phone" in refused.value.reason
    assert small_world.tables() == before


def test_saving_a_template_needs_a_note_and_an_administrator(small_world):
    templates = small_world.services.templates
    source = default_template(LetterType.PPM_INVITE)
    before = _template_rows(small_world)
    with pytest.raises(ValidationFailed) as refused:
        templates.save(small_world.actor("admin"), LetterType.PPM_INVITE, source, "   ")
    assert refused.value.field == "note"
    with pytest.raises(PermissionDenied):
        templates.save(small_world.actor("socialworker"), LetterType.PPM_INVITE, source, "Mine")
    assert _template_rows(small_world) == before


def test_a_saved_version_is_used_by_the_next_letter_and_old_letters_keep_theirs(small_world):
    services, admin = small_world.services, small_world.actor("admin")
    built = build_family(small_world, "Kendal")
    [old] = services.letters.generate(admin, built.family_id, LetterType.PPM_INVITE,
                                      [built.mother])
    old_pdf = services.letters.open(admin, old.letter_id)
    assert "Please ring before you set off." not in text_of(old_pdf)
    source = default_template(LetterType.PPM_INVITE).replace(
        "# If you cannot come\n", "# If you cannot come\n\nPlease ring before you set off.\n\n")
    assert source != default_template(LetterType.PPM_INVITE)

    saved = services.templates.save(admin, LetterType.PPM_INVITE, source, "  Ask people to ring ")

    first = LetterType.PPM_INVITE.template_version
    assert (saved.version, saved.note, saved.created_by) == (first + 1, "Ask people to ring",
                                                             "admin")
    assert [v.version for v in services.templates.versions(LetterType.PPM_INVITE)] == [
        first + 1, first]
    entry = small_world.last_audit()
    assert (entry.action, json.loads(entry.after)["version"]) == ("template.save", first + 1)
    [new] = services.letters.generate(admin, built.family_id, LetterType.PPM_INVITE,
                                      [built.mother])
    assert new.template_version == first + 1
    assert "Please ring before you set off." in text_of(services.letters.open(admin,
                                                                              new.letter_id))
    assert services.letters.open(admin, old.letter_id) == old_pdf
    assert _stored(small_world, old.letter_id).template_version == first


def test_preview_with_template_source_uses_it_and_keeps_nothing(small_world):
    services, admin = small_world.services, small_world.actor("admin")
    built = build_family(small_world, "Lomax")
    services.templates.load_defaults()
    source = default_template(LetterType.PPM_INVITE).replace(
        "# What the meeting is for", "# What the meeting is for, in short")
    before = small_world.tables()
    pdf = services.letters.preview(admin, built.family_id, LetterType.PPM_INVITE,
                                   built.father, template_source=source)
    assert "What the meeting is for, in short" in text_of(pdf)
    with pytest.raises(TemplateProblem) as refused:
        services.letters.preview(admin, built.family_id, LetterType.PPM_INVITE, built.father,
                                 template_source=BROKEN)
    assert refused.value.line == 5
    assert small_world.tables() == before
    assert "What the meeting is for, in short" not in text_of(services.letters.preview(
        admin, built.family_id, LetterType.PPM_INVITE, built.father))
