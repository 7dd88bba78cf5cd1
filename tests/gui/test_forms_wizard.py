"""The new family wizard, page by page as a user fills it in, to a family in the tracker."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWizard

from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import GatewayDecision
from plo_tracker.gui.forms.form_dialog import DISCARD_QUESTION
from plo_tracker.gui.new_family_wizard import (
    PAGE_ADULTS,
    PAGE_CHILDREN,
    PAGE_FAMILY,
    PAGE_GATEWAY,
    PAGE_SUMMARY,
    NewFamilyWizard,
)

from .forms_conftest_helpers import (
    answer_discard,
    build_forms_world,
    choose,
    click,
    never_block,
    pick,
    type_date,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("wizard"))
    yield built
    built.database.dispose()


@pytest.fixture(autouse=True)
def _no_hanging_questions(monkeypatch):
    never_block(monkeypatch)


def open_wizard(qtbot, world, actor=None) -> NewFamilyWizard:
    wizard = NewFamilyWizard(world.services, actor or world.worker)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def button(wizard, which: QWizard.WizardButton):
    return wizard.button(which)


def next_page(qtbot, wizard) -> None:
    page = wizard.currentPage()
    assert button(wizard, QWizard.WizardButton.NextButton).isEnabled(), (
        getattr(page, "still_needed", None) and page.still_needed.text())
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))


def can_go_on(wizard) -> bool:
    return button(wizard, QWizard.WizardButton.NextButton).isEnabled()


def fill_child(qtbot, card, first, last, born=None, due=None) -> None:
    qtbot.keyClicks(card.first_name, first)
    card.last_name.clear()
    qtbot.keyClicks(card.last_name, last)
    if due:
        pick(qtbot, card.born, False)
        type_date(qtbot, card.expected, due)
    else:
        type_date(qtbot, card.date_of_birth, born)


def fill_adult(qtbot, card, first, last, relationship) -> None:
    qtbot.keyClicks(card.first_name, first)
    qtbot.keyClicks(card.last_name, last)
    qtbot.keyClicks(card.relationship.lineEdit(), relationship)


def to_adults(qtbot, world) -> NewFamilyWizard:
    wizard = open_wizard(qtbot, world)
    next_page(qtbot, wizard)
    fill_child(qtbot, wizard.children_page.cards[0], "Ruby", "Mason", born="02/04/2019")
    next_page(qtbot, wizard)
    return wizard


def test_create_a_family_from_start_to_finish(qtbot, world):
    wizard = open_wizard(qtbot, world)
    family = wizard.family_page
    assert wizard.currentId() == PAGE_FAMILY
    assert family.team.currentText() == "North"
    assert family.social_worker.currentText() == "Sam Okafor"  # the worker signed in
    choose(family.team_manager, "Morgan Patel")
    qtbot.keyClicks(family.la_solicitor, "Priya Shah")
    next_page(qtbot, wizard)

    children = wizard.children_page
    assert not can_go_on(wizard)
    fill_child(qtbot, children.cards[0], "Ruby", "Mason", born="02/04/2019")
    assert can_go_on(wizard)
    click(qtbot, children.add_button)
    assert [c.title() for c in children.cards] == ["Child 1", "Child 2"]
    assert children.cards[1].last_name.text() == "Mason"  # brothers and sisters often share it
    fill_child(qtbot, children.cards[1], "", "Mason", due="10/02/2027")
    assert children.cards[1].expected.read_back.text() == "Wed 10 Feb 2027"
    next_page(qtbot, wizard)

    adults = wizard.adults_page
    jade = adults.cards[0]
    fill_adult(qtbot, jade, "Jade", "Mason", "mother")
    qtbot.keyClicks(jade.address, "1 Hill Road")
    click(qtbot, jade.confidential)
    click(qtbot, jade.interpreter)
    assert not can_go_on(wizard)  # which language?
    qtbot.keyClicks(jade.language, "Polish")
    qtbot.keyClicks(jade.solicitor_name, "Tom Reed")
    qtbot.keyClicks(jade.solicitor_firm, "Reed & Co")
    click(qtbot, adults.add_button)
    fill_adult(qtbot, adults.cards[1], "Liam", "Mason", "father")
    click(qtbot, adults.cards[1].learning_disability)
    click(qtbot, adults.cards[1].large_print)
    next_page(qtbot, wizard)

    gateway = wizard.gateway_page
    # A social worker opens the family; the panel's decision is recorded by those who
    # may record it (a team manager, panel member or administrator).
    assert not gateway.decision.isVisibleTo(gateway)
    assert not gateway.decided.isEnabled()
    assert "A team manager, gateway panel member or administrator records" in (
        gateway.subTitle())
    next_page(qtbot, wizard)

    assert wizard.currentId() == PAGE_SUMMARY
    summary = wizard.summary_page.text.text()
    for expected in ("Team manager: Morgan Patel", "Ruby Mason, born Tue 2 Apr 2019",
                     "Baby Mason, unborn, due Wed 10 Feb 2027",
                     "Jade Mason, mother, parental responsibility, confidential address, "
                     "solicitor Tom Reed (Reed &amp; Co), needs: interpreter (Polish)",
                     "Liam Mason, father, parental responsibility, needs: learning "
                     "disability, large print",
                     "Not made yet: the family will be awaiting the gateway decision."):
        assert expected in summary
    finish = button(wizard, QWizard.WizardButton.FinishButton)
    assert finish.text() == "Create family"
    click(qtbot, finish)

    assert wizard.result() == QDialog.DialogCode.Accepted
    detail = world.detail(wizard.created_family_id)
    assert (detail.team, detail.social_worker, detail.team_manager, detail.la_solicitor) == (
        "North", "Sam Okafor", "Morgan Patel", "Priya Shah")
    assert [(c.first_name, c.date_of_birth, c.expected_date_of_birth)
            for c in detail.children] == [("Ruby", date(2019, 4, 2), None),
                                          ("Baby", None, date(2027, 2, 10))]
    jade_saved, liam_saved = detail.adults
    assert (jade_saved.name, jade_saved.address, jade_saved.address_confidential,
            jade_saved.language, jade_saved.solicitor_firm) == (
        "Jade Mason", "1 Hill Road", True, "Polish", "Reed & Co")
    assert (liam_saved.relationship, liam_saved.learning_disability) == ("father", True)
    assert (detail.episode.stage, detail.episode.gateway_date) == (
        Stage.AWAITING_GATEWAY, None)
    assert [a.receives_letters for a in detail.adults] == [True, True]


def test_a_team_manager_records_the_gateway_decision_with_the_new_family(qtbot, world):
    wizard = NewFamilyWizard(world.services, world.manager)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)
    fill_child(qtbot, wizard.children_page.cards[0], "Ruby", "Gateway", born="02/04/2019")
    next_page(qtbot, wizard)
    # A father without parental responsibility still receives the letters.
    liam = wizard.adults_page.cards[0]
    fill_adult(qtbot, liam, "Liam", "Gateway", "father")
    click(qtbot, liam.pr)
    assert not liam.pr.isChecked() and liam.receives.isChecked()
    assert liam.receives_why.text() == (
        "A parent receives the letters even without parental responsibility.")
    next_page(qtbot, wizard)
    gateway = wizard.gateway_page
    pick(qtbot, gateway.decided, True)
    assert not can_go_on(wizard)
    pick(qtbot, gateway.decision, GatewayDecision.ENTER_PRE_PROCEEDINGS)
    type_date(qtbot, gateway.decided_on, "01/09/2026")
    next_page(qtbot, wizard)
    assert "Enter pre-proceedings, Tue 1 Sep 2026" in wizard.summary_page.text.text()
    click(qtbot, button(wizard, QWizard.WizardButton.FinishButton))
    detail = world.detail(wizard.created_family_id)
    assert (detail.episode.stage, detail.episode.gateway_date) == (
        Stage.PRE_PROCEEDINGS, date(2026, 9, 1))
    assert [(a.parental_responsibility, a.receives_letters) for a in detail.adults] == [
        (False, True)]
    assert detail.due  # its first due dates, such as the letter, are there at once


def test_each_page_explains_its_problems_and_waits(qtbot, world):
    wizard = open_wizard(qtbot, world)
    next_page(qtbot, wizard)
    card = wizard.children_page.cards[0]
    qtbot.keyClicks(card.first_name, "Ruby")
    type_date(qtbot, card.date_of_birth, "02/04/200")
    assert card.fields.shown_problems()["date_of_birth"] == (
        "'02/04/200' is not a date. Type it as day/month/year, for example 03/03/2026.")
    type_date(qtbot, card.date_of_birth, "02/04/2006")
    assert card.fields.shown_problems()["date_of_birth"] == (
        "This child would be 18 or over: check the year.")
    assert wizard.children_page.still_needed.text() == "Still needed. Child 1: surname."
    assert not can_go_on(wizard)
    pick(qtbot, card.born, False)
    type_date(qtbot, card.expected, "01/12/2027")
    assert card.fields.shown_problems()["expected_date_of_birth"].startswith(
        "An expected date of birth must be within the next 10 months")
    type_date(qtbot, card.expected, "01/02/2027")
    qtbot.keyClicks(card.last_name, "Mason")
    next_page(qtbot, wizard)

    adult = wizard.adults_page.cards[0]
    fill_adult(qtbot, adult, "Gran", "Mason", "grandmother")
    click(qtbot, adult.pr)  # no parental responsibility: no one to send the letter to
    assert wizard.adults_page.list_problem.text().startswith(
        "Add at least one parent or other person with parental responsibility")
    assert not can_go_on(wizard)
    qtbot.keyClicks(adult.solicitor_firm, "Reed & Co")
    assert wizard.adults_page.still_needed.text() == "Still needed. Adult 1: solicitor."
    qtbot.mouseClick(adult.solicitor_name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(adult.solicitor_name, Qt.Key.Key_Tab)
    assert adult.fields.shown_problems()["solicitor_name"] == (
        "Enter the solicitor's name as well as the firm.")
    click(qtbot, adult.pr)
    adult.solicitor_firm.clear()
    assert wizard.adults_page.list_problem.text() == ""
    assert can_go_on(wizard)


def test_a_refusal_on_finish_goes_back_to_its_page_and_keeps_everything(qtbot, world):
    taken = world.detail(world.family()).plo_family_id
    wizard = open_wizard(qtbot, world)
    qtbot.keyClicks(wizard.family_page.plo_family_id, taken)
    next_page(qtbot, wizard)
    fill_child(qtbot, wizard.children_page.cards[0], "Ruby", "Mason", born="02/04/2019")
    next_page(qtbot, wizard)
    fill_adult(qtbot, wizard.adults_page.cards[0], "Jade", "Mason", "mother")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    click(qtbot, button(wizard, QWizard.WizardButton.FinishButton))

    assert wizard.isVisible() and wizard.created_family_id is None
    assert wizard.currentId() == PAGE_FAMILY
    assert wizard.family_page.fields.shown_problems() == {
        "plo_family_id": f"The PLO family id {taken} is already in use."}
    assert not can_go_on(wizard)
    assert wizard.children_page.cards[0].first_name.text() == "Ruby"
    qtbot.keyClicks(wizard.family_page.plo_family_id, "-B")
    for page in (PAGE_CHILDREN, PAGE_ADULTS, PAGE_GATEWAY, PAGE_SUMMARY):
        next_page(qtbot, wizard)
        assert wizard.currentId() == page
    click(qtbot, button(wizard, QWizard.WizardButton.FinishButton))
    assert world.detail(wizard.created_family_id).plo_family_id == f"{taken}-B"


def test_closing_with_entries_asks_first(qtbot, world, monkeypatch):
    wizard = to_adults(qtbot, world)
    asked = answer_discard(monkeypatch, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked == [DISCARD_QUESTION] and wizard.isVisible()
    asked = answer_discard(monkeypatch, QMessageBox.StandardButton.Discard)
    click(qtbot, button(wizard, QWizard.WizardButton.CancelButton))
    assert asked == [DISCARD_QUESTION] and not wizard.isVisible()


def test_closing_untouched_does_not_ask(qtbot, world, monkeypatch):
    asked = answer_discard(monkeypatch, QMessageBox.StandardButton.Cancel)
    wizard = open_wizard(qtbot, world)
    next_page(qtbot, wizard)
    click(qtbot, button(wizard, QWizard.WizardButton.CancelButton))
    assert asked == [] and not wizard.isVisible()
