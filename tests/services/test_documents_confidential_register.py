"""A family's confidential register: phrases added and removed (audited), the adults'
confidential addresses listed read-only, all behind the confidential permission."""

from __future__ import annotations

import json

import pytest

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.services.audit import HIDDEN, hide_confidential
from plo_tracker.services.confidential_register import ConfidentialDetailView
from plo_tracker.services.errors import NotFound, PermissionDenied
from tests.services.test_letters import FATHER_ADDRESS, build_family


def test_phrases_added_and_adults_confidential_addresses_are_listed(world):
    built = build_family(world, "Registered")
    register, manager = world.services.confidential_register, world.actor("manager")
    school = register.add(manager, built.family_id, ConfidentialKind.SCHOOL,
                          "  Oakfield Primary School ")
    assert school.phrase == "Oakfield Primary School"
    listed = register.list(world.actor("socialworker"), built.family_id)
    assert listed == (
        school,
        ConfidentialDetailView(None, ConfidentialKind.ADDRESS, "\n".join(FATHER_ADDRESS),
                               "Liam Brook"),
    )
    assert register.phrases(manager, built.family_id) == (
        "Oakfield Primary School", "\n".join(FATHER_ADDRESS))


def test_adding_and_removing_are_audited_with_the_phrase_hidden_from_others(world):
    family = world.pre_proceedings()
    register, manager = world.services.confidential_register, world.actor("manager")
    phone = register.add(manager, family, ConfidentialKind.PHONE, "07700 900123")
    entry = world.last_audit()
    assert (entry.action, entry.entity_id, entry.family_id) == (
        AuditAction.CONFIDENTIAL_ADD.code, phone.detail_id, family)
    _before, after = hide_confidential(None, json.loads(entry.after))
    assert after["address"] == HIDDEN and "07700" not in json.dumps(after)
    register.remove(manager, phone.detail_id)
    assert world.last_audit().action == AuditAction.CONFIDENTIAL_REMOVE.code
    assert register.list(manager, family) == ()
    with pytest.raises(NotFound):
        register.remove(manager, phone.detail_id)


@pytest.mark.parametrize(("phrase", "words"), [
    ("   ", "Enter the address, phone number, school or other detail"),
    ("Ann", "too short to search for safely"),
    ("x" * 501, "the most it can be is 500"),
])
def test_a_phrase_the_guard_cannot_use_is_refused(world, phrase, words):
    family = world.pre_proceedings()
    audits = world.audit_count()
    with pytest.raises(ValidationFailed) as refused:
        world.services.confidential_register.add(world.actor("manager"), family,
                                                 ConfidentialKind.OTHER, phrase)
    assert words in refused.value.problems["phrase"]
    assert world.audit_count() == audits


def test_the_same_phrase_twice_is_refused(world):
    family = world.pre_proceedings()
    register, manager = world.services.confidential_register, world.actor("manager")
    register.add(manager, family, ConfidentialKind.ADDRESS, "Flat 2, 9 Mill Lane, LS6 2AB")
    with pytest.raises(ValidationFailed) as refused:
        register.add(manager, family, ConfidentialKind.ADDRESS, "flat 2, 9 mill lane, ls6 2ab")
    assert refused.value.problems["phrase"].endswith("is in this family's register already.")


def test_the_register_needs_the_confidential_permission(world):
    family = world.pre_proceedings()
    with pytest.raises(PermissionDenied) as refused:
        world.services.confidential_register.list(world.actor("panel"), family)
    assert "see confidential addresses" in refused.value.message
