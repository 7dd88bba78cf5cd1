"""Password hashes: argon2id at the tuned cost, salted, and checked without telling whether
an account exists. (Every other test hashes at the lowest cost: tests/conftest.py.)"""

from __future__ import annotations

from argon2 import Parameters, Type, extract_parameters

from plo_tracker.services import passwords


def test_the_real_cost_is_argon2id_tuned_to_a_quarter_second_here():
    # What benchmarks/bench_password.py measured at about 0.25 s a hash on the project's
    # two-core machines; a change here should come with a new measurement.
    assert passwords.HashCost(time_cost=4, memory_kib=65536, parallelism=1) == passwords.TUNED
    passwords.use_cost(passwords.TUNED)
    stored = passwords.hash_password("mossy granite window")
    assert stored.startswith("$argon2id$v=19$m=65536,t=4,p=1$")
    assert extract_parameters(stored) == Parameters(
        type=Type.ID, version=19, salt_len=16, hash_len=32, time_cost=4, memory_cost=65536,
        parallelism=1)


def test_hashes_are_salted_and_verify_only_the_right_password():
    first = passwords.hash_password("mossy granite window")
    second = passwords.hash_password("mossy granite window")
    assert first != second
    assert passwords.verify(first, "mossy granite window")
    assert passwords.verify(second, "mossy granite window")
    assert not passwords.verify(first, "mossy granite windows")
    assert not passwords.verify("not a hash", "mossy granite window")


def test_no_account_still_takes_a_check_and_never_matches():
    assert passwords.verify(None, "") is False
    assert passwords.verify(None, "no such account: this hash only takes time") is False
