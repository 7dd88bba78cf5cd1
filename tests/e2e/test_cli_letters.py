"""`plo-tracker letters generate` and `letters batch`, run in-process as a user would type them;
the files written are read back with pypdf."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from plo_tracker.cli import main
from plo_tracker.domain.clock import Clock
from plo_tracker.domain.vocabulary import AssessmentKind, GatewayDecision, MeetingKind, PlanItemKind
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.registry import Services
from plo_tracker.storage.engine import make_engine
from plo_tracker.storage.models import Family
from plo_tracker.storage.unit_of_work import Database
from tests.support.demo_cli import demo_database, run_cli

FATHER = "Liam Brook"
FATHER_ADDRESS = ("Flat 2, 9 Heron Quay", "Westmoor", "NS9 9ZZ")  # confidential
PLACE = "Northshire Family Centre, 4 Mill Lane, Northshire NS1 2AB"
MEETING_MISSING = "the pre-proceedings meeting date, time and place"


def in_words(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


@dataclass(frozen=True)
class Built:
    family_id: int
    plo_id: str
    mother: str


def build_family(services: Services, surname: str, meeting_day: date | None) -> Built:
    """A family in pre-proceedings with all its letter before proceedings needs, except a
    meeting when ``meeting_day`` is None; the father's address is confidential."""
    today = services.context.clock.today()
    manager = services.users.trusted_actor("manager")
    worker = services.users.trusted_actor("socialworker")
    family_id = services.families.create(manager, NewFamilyForm(
        children=(ChildForm("Ruby", surname, date_of_birth=date(2019, 4, 2)),),
        adults=(AdultForm("Jade", surname, "mother", address="12 Elm Road\nNorthshire\nNS3 1AB"),
                AdultForm("Liam", "Brook", "father", address="\n".join(FATHER_ADDRESS),
                          address_confidential=True)),
        gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, today - timedelta(days=6)),
        social_worker_id=worker.user_id, team_manager_id=manager.user_id,
    ))
    plan, milestones = services.plan, services.milestones
    plan.add_item(manager, family_id, PlanItemKind.CONCERN, "The children are left alone.")
    plan.add_item(manager, family_id, PlanItemKind.SUPPORT, "Weekly family support visits.")
    plan.add_item(manager, family_id, PlanItemKind.EXPECTATION,
                  "An adult is always caring for the children.", today + timedelta(days=50),
                  help_offered="A list of trusted babysitters.")
    milestones.record_history(manager, family_id, "Known to children's services since 2024.")
    milestones.commission_assessment(
        manager, family_id, AssessmentKind.PARENTING, f"Jade {surname}",
        today - timedelta(days=2), today + timedelta(days=55), "Dr Lena Moss",
        reason="To understand how the children are cared for.")
    if meeting_day is not None:
        milestones.schedule_meeting(manager, family_id, MeetingKind.INITIAL_PPM, meeting_day,
                                    start_time=time(14, 0), place=PLACE)
    with services.context.database.reading() as conn:
        plo_id = conn.execute(select(Family.plo_family_id).where(Family.id == family_id)
                              ).scalar_one()
    return Built(family_id, plo_id, f"Jade {surname}")


@dataclass
class Letters:
    url: str
    services: Services
    meeting_day: date
    ready: Built
    second: Built
    no_meeting: Built


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """A demo database made by the command line, plus three families built through the services
    (on the real clock, as the command line runs)."""
    folder = tmp_path_factory.mktemp("cli-letters")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLO_TRACKER_HOME", str(folder / "data"))
        patch.delenv("PLO_TRACKER_DB", raising=False)
        patch.delenv("PLO_TRACKER_USER", raising=False)
        url = demo_database(folder / "letters.sqlite3", 4, seed=3)
        services = Services.build(Database(make_engine(url)), Clock())
        meeting_day = services.context.clock.today() + timedelta(days=12)
        try:
            yield Letters(url, services, meeting_day,
                          build_family(services, "Ashdown", meeting_day),
                          build_family(services, "Garnet", meeting_day),
                          build_family(services, "Carver", None))
        finally:
            services.context.database.dispose()


_run = run_cli  # with the --user demo account's password in PLO_TRACKER_PASSWORD


def _kept(cli: Letters, family_id: int) -> dict[int, str]:
    """sha256 of each letter kept for a family, by letter id."""
    admin = cli.services.users.trusted_actor("admin")
    return {v.letter_id: v.sha256 for v in cli.services.letters.generated(admin, family_id)}


def test_generate_writes_one_letter_per_recipient(cli, capsys, tmp_path):
    out_dir = tmp_path / "letters"
    code, out, err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters",
                          "generate", "--family", cli.ready.plo_id, "--type", "lbp",
                          "--out", str(out_dir))
    assert (code, err) == (0, "")
    files = sorted(out_dir.iterdir())
    assert len(files) == 2
    lines = out.splitlines()
    assert [line.split(": the letter to ", 1)[1].split(",")[0] for line in lines] == [
        "Jade Ashdown", FATHER]
    for path, line in zip(files, lines, strict=True):
        assert line.startswith(f"Wrote {path.name}: the letter to ")
        assert path.name.startswith(f"{cli.ready.plo_id}_lbp_")
    by_name = {name: next(p for p in files if name.replace(" ", "_") in p.name)
               for name in ("Jade Ashdown", FATHER)}
    kept = set(_kept(cli, cli.ready.family_id).values())
    for name, path in by_name.items():
        pdf = path.read_bytes()
        assert hashlib.sha256(pdf).hexdigest() in kept
        pages = texts(pdf)
        text = " ".join(pages)
        assert f"Dear {name}" in text
        assert f"Date: {in_words(cli.meeting_day)}" in text
        assert "Time: 2pm" in text and f"Place: {PLACE}" in text
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in page
            assert f"Family reference: {cli.ready.plo_id}" in page
    to_mother = " ".join(texts(by_name["Jade Ashdown"].read_bytes()))
    assert "12 Elm Road" in to_mother
    assert all(line not in to_mother for line in FATHER_ADDRESS)
    to_father = " ".join(texts(by_name[FATHER].read_bytes()))
    assert " ".join(FATHER_ADDRESS) in to_father


def test_generate_for_one_recipient_writes_only_theirs(cli, capsys, tmp_path):
    code, out, err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters",
                          "generate", "--family", str(cli.second.family_id), "--type",
                          "ppm-invite", "--out", str(tmp_path), "--recipient", "liam brook")
    assert (code, err) == (0, "")
    [path] = list(tmp_path.iterdir())
    assert re.fullmatch(rf"Wrote {re.escape(path.name)}: the letter to {FATHER}, \d pages?\.\n",
                        out)
    text = " ".join(texts(path.read_bytes()))
    assert f"Dear {FATHER}" in text and "Jade Garnet" in text and "12 Elm Road" not in text
    assert "Invitation to a pre-proceedings meeting about Ruby Garnet" in text


def test_an_unknown_family_is_refused_saying_how_to_find_one(cli, capsys, tmp_path):
    code, out, err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters",
                          "generate", "--family", "PLO-1999-9999", "--type", "lbp",
                          "--out", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == ("plo-tracker: No family has the id PLO-1999-9999. "
                   "Use 'plo-tracker families' to list them.\n")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_recipient_is_refused_naming_who_can_have_it(cli, capsys, tmp_path):
    before = _kept(cli, cli.ready.family_id)
    code, out, err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters",
                          "generate", "--family", cli.ready.plo_id, "--type", "lbp",
                          "--out", str(tmp_path), "--recipient", "Grace Nobody")
    assert (code, out) == (2, "")
    assert err == ("plo-tracker: 'Grace Nobody' is not entitled to this letter. "
                   f"Recipients: Jade Ashdown, {FATHER}.\n")
    assert list(tmp_path.iterdir()) == []
    assert _kept(cli, cli.ready.family_id) == before


def test_a_letter_the_case_cannot_fill_is_refused_naming_what_to_add(cli, capsys, tmp_path):
    code, out, err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters",
                          "generate", "--family", cli.no_meeting.plo_id, "--type", "lbp",
                          "--out", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == ("plo-tracker: The letter before proceedings cannot be made yet. Please add "
                   f"{MEETING_MISSING} (letter to Jade Carver); {MEETING_MISSING} (letter to "
                   f"{FATHER}).\n")
    assert list(tmp_path.iterdir()) == []
    assert _kept(cli, cli.no_meeting.family_id) == {}


def _wrote(out: str) -> tuple[dict[str, str], str]:
    """The letter files a batch said it wrote (name to recipient), and the combined file."""
    letters, combined = {}, []
    for line in out.splitlines():
        if match := re.fullmatch(r"Wrote (\S+\.pdf): the letter to (.+), \d+ pages?\.", line):
            letters[match[1]] = match[2]
        elif match := re.fullmatch(r"Wrote (.+\.pdf): all \d+ letters in one file, to print"
                                   r"(?: \(.+ was already in the folder and is left as it "
                                   r"was\))?\.", line):
            combined.append(match[1])
        else:
            raise AssertionError(f"unexpected output: {line}")
    [name] = combined
    return letters, name


def test_batch_writes_each_letter_and_one_combined_pdf_and_reports_skips(cli, capsys, tmp_path):
    families = ",".join([cli.ready.plo_id, cli.no_meeting.plo_id, str(cli.second.family_id)])
    code, out, err = _run(capsys, "--db", cli.url, "--user", "admin", "letters", "batch",
                          "--type", "lbp", "--families", families, "--out", str(tmp_path))
    assert code == 0
    assert err == "".join(
        f"Skipped {cli.no_meeting.plo_id}, {name}: missing {MEETING_MISSING}\n"
        for name in ("Jade Carver", FATHER))
    named, combined_name = _wrote(out)
    assert out.splitlines()[-1].startswith(f"Wrote {combined_name}: all 4 letters")
    assert re.fullmatch(r"lbp-letters-\d{4}-\d{2}-\d{2}\.pdf", combined_name)
    combined = tmp_path / combined_name
    letters = sorted(p for p in tmp_path.iterdir() if p != combined)
    assert sorted(named) == [p.name for p in letters]
    assert sorted(named.values()) == sorted(
        [cli.ready.mother, cli.second.mother, FATHER, FATHER])
    assert {p.name.split("_lbp_")[0] for p in letters} == {cli.ready.plo_id, cli.second.plo_id}
    reader = PdfReader(BytesIO(combined.read_bytes()))
    pages = [len(texts(p.read_bytes())) for p in letters]
    assert len(reader.pages) == sum(pages)
    assert len(reader.outline) == 4
    assert [item.title for item in reader.outline] == [
        f"Letter before proceedings to {name} ({family.plo_id})"
        for family in (cli.ready, cli.second) for name in (family.mother, FATHER)]
    for path in letters:
        assert f"Dear {named[path.name]}" in texts(path.read_bytes())[0]


def test_batch_into_a_used_folder_replaces_nothing_and_names_what_it_wrote(
        cli, capsys, tmp_path):
    batch = ("--db", cli.url, "--user", "admin", "letters", "batch", "--type", "lbp",
             "--families", cli.ready.plo_id, "--out", str(tmp_path))
    code, first_out, _err = _run(capsys, *batch)
    assert code == 0
    _letters, first = _wrote(first_out)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, out, err = _run(capsys, *batch)
    assert (code, err) == (0, "")
    named, second = _wrote(out)
    assert second == f"{Path(first).stem} (2).pdf"
    assert out.splitlines()[-1] == (
        f"Wrote {second}: all 2 letters in one file, to print ({first} was already in the "
        "folder and is left as it was).")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, *named, second])


def test_batch_with_nothing_to_make_writes_nothing_and_fails(cli, capsys, tmp_path):
    code, out, err = _run(capsys, "--db", cli.url, "--user", "admin", "letters", "batch",
                          "--type", "lbp", "--families", cli.no_meeting.plo_id,
                          "--out", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.count("Skipped ") == 2
    assert list(tmp_path.iterdir()) == []


def test_batch_is_for_administrators(cli, capsys, tmp_path):
    code, out, err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters", "batch",
                          "--type", "lbp", "--families", cli.ready.plo_id, "--out",
                          str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith("plo-tracker: Your role (social worker) does not allow you to make "
                          "letters for many families at once.")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_letter_type_is_refused_by_the_parser(cli, capsys, tmp_path):
    with pytest.raises(SystemExit) as stopped:
        main(["--db", cli.url, "--user", "admin", "letters", "generate", "--family",
              cli.ready.plo_id, "--type", "lbq", "--out", str(tmp_path)])
    assert stopped.value.code == 2
    assert "invalid choice: 'lbq'" in capsys.readouterr().err


def test_generating_again_into_the_same_folder_replaces_nothing(cli, capsys, tmp_path):
    args = ("--db", cli.url, "--user", "socialworker", "letters", "generate", "--family",
            str(cli.second.family_id), "--type", "ppm-invite", "--out", str(tmp_path),
            "--recipient", "liam brook")
    assert _run(capsys, *args)[0] == 0
    [first] = list(tmp_path.iterdir())
    before = first.read_bytes()
    code, out, _err = _run(capsys, *args)
    assert code == 0
    assert first.read_bytes() == before
    assert len(list(tmp_path.iterdir())) == 2


def test_easy_read_adds_the_easy_read_version_in_the_same_file(cli, capsys, tmp_path):
    code, out, _err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters",
                           "generate", "--family", str(cli.second.family_id), "--type",
                           "ppm-invite", "--out", str(tmp_path), "--recipient", "liam brook",
                           "--easy-read")
    assert code == 0
    assert "The letter to Liam Brook is followed by its Easy Read version" in out
    [written] = list(tmp_path.iterdir())
    text = " ".join(texts(written.read_bytes()))
    assert "Invitation to a" in text and "Come to a meeting" in text


def test_easy_read_for_a_letter_without_one_is_refused(cli, capsys, tmp_path):
    code, out, err = _run(capsys, "--db", cli.url, "--user", "socialworker", "letters",
                          "generate", "--family", str(cli.second.family_id), "--type",
                          "agreement", "--out", str(tmp_path), "--easy-read")
    assert (code, out) == (2, "")
    assert "has no Easy Read version" in err
