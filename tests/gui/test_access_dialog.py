"""Record… > Restrict access…: restricting a family to named people from its workspace, and
the header that says so."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from plo_tracker.gui.case_header import CaseHeader
from plo_tracker.gui.case_workspace import load_case
from plo_tracker.gui.forms.access_form import NOT_RESTRICTED, AccessDialog
from plo_tracker.gui.forms.actions import build_dialog, case_actions

from .forms_conftest_helpers import build_forms_world, click, never_block


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("access"))
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


def open_access(qtbot, world, family_id, actor=None) -> AccessDialog:
    """The dialog of the Record menu's item, on the family as ``actor`` reads it, shown."""
    actor = actor or world.manager
    detail = world.services.case_detail.family(actor, family_id, record_view=False)
    dialog = build_dialog("restrict_access", None, world.services, actor, detail)
    assert isinstance(dialog, AccessDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def rows(dialog: AccessDialog) -> dict[str, bool]:
    """Each person offered, and whether they are ticked."""
    return {dialog.people.item(r).text(): dialog.people.item(r).checkState()
            == Qt.CheckState.Checked for r in range(dialog.people.count())}


def tick(dialog: AccessDialog, name: str, on: bool = True) -> None:
    for r in range(dialog.people.count()):
        item = dialog.people.item(r)
        if item.text().startswith(name):
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            return
    raise AssertionError(f"{name} is not offered")


def listed(world, actor) -> set[int]:
    return {s.family_id for s in world.services.caseload.families(actor)}


def test_the_record_menu_offers_it_to_managers_and_administrators(world):
    family_id = world.family()
    for actor, why in [
        (world.manager, None), (world.admin, None),
        (world.worker, "Your role (social worker) does not allow you to decide who may see "
                       "a restricted family. Ask a team manager or administrator."),
    ]:
        offered = {a.key: a for a in case_actions(world.detail(family_id), actor)}
        assert offered["restrict_access"].label == "Restrict access…"
        assert offered["restrict_access"].why_disabled == why


def test_restricting_to_chosen_people(qtbot, world):
    family_id = world.family()
    dialog = open_access(qtbot, world, family_id)
    assert not dialog.restricted.isChecked() and not dialog.people.isEnabled()
    assert dialog.summary.text() == NOT_RESTRICTED
    assert dialog.always.text() == ("Always see it, as they hold the case: Sam Okafor "
                                    "(allocated social worker)")
    # Morgan, who is restricting it, is offered ticked; Sam always sees it, so is not listed.
    assert rows(dialog) == {"Alex Byrne (administrator)": False,
                            "Morgan Patel (team manager)": True,
                            "Pat Quinn (gateway panel member)": False,
                            "Robin Reid (read only)": False}
    click(qtbot, dialog.restricted)
    assert dialog.people.isEnabled()
    assert dialog.summary.text() == "Restricted: seen only by 2 named people"
    tick(dialog, "Pat Quinn")
    assert dialog.summary.text() == "Restricted: seen only by 3 named people"
    if os.environ.get("PLO_TRACKER_SCREENSHOTS"):
        dialog.grab().save(os.environ["PLO_TRACKER_SCREENSHOTS"] + "/access_dialog.png")
    click(qtbot, dialog.save_button)
    assert dialog.saved is not None
    view = world.services.family_access.show(world.manager, family_id)
    assert view.restricted
    assert [p.display_name for p in view.named] == ["Morgan Patel", "Pat Quinn"]
    assert family_id in listed(world, world.panel)
    assert family_id not in listed(world, world.reader)
    assert family_id not in listed(world, world.admin)


def test_the_header_says_how_many_may_see_it(qtbot, world):
    family_id = world.family()
    world.services.family_access.restrict(world.manager, family_id)
    header = CaseHeader()
    qtbot.addWidget(header)
    header.show_case(load_case(world.services, world.manager, family_id, record_view=False))
    header.resize(1100, header.sizeHint().height())
    header.show()
    qtbot.waitExposed(header)
    assert header.restricted.isVisible()
    assert header.restricted.text() == "Restricted: seen only by 2 named people"
    if os.environ.get("PLO_TRACKER_SCREENSHOTS"):
        header.grab().save(os.environ["PLO_TRACKER_SCREENSHOTS"] + "/access_header.png")
    other = world.family()
    header.show_case(load_case(world.services, world.manager, other, record_view=False))
    assert not header.restricted.isVisible()


def test_a_manager_who_would_lose_sight_of_it_is_told_and_nothing_changes(qtbot, world):
    family_id = world.family()
    dialog = open_access(qtbot, world, family_id)
    click(qtbot, dialog.restricted)
    tick(dialog, "Morgan Patel", on=False)
    click(qtbot, dialog.save_button)
    assert dialog.saved is None and dialog.isVisible()
    assert dialog.banner.text() == (
        "You would no longer see this family after this change. Keep yourself named, or ask "
        "an administrator to make it.")
    assert not world.services.family_access.show(world.manager, family_id).restricted


def test_lifting_the_restriction(qtbot, world):
    family_id = world.family()
    world.services.family_access.restrict(world.manager, family_id)
    dialog = open_access(qtbot, world, family_id)
    assert dialog.restricted.isChecked()
    click(qtbot, dialog.restricted)
    assert dialog.summary.text() == NOT_RESTRICTED
    click(qtbot, dialog.save_button)
    assert dialog.saved is not None and not dialog.saved.restricted
    assert family_id in listed(world, world.reader)


def test_finding_a_person_by_name(qtbot, world):
    dialog = open_access(qtbot, world, world.family())
    click(qtbot, dialog.restricted)
    qtbot.keyClicks(dialog.find, "quinn")
    shown = [dialog.people.item(r).text() for r in range(dialog.people.count())
             if not dialog.people.item(r).isHidden()]
    assert shown == ["Pat Quinn (gateway panel member)"]
