"""Hashing and checking passwords with argon2id; the cost is tuned to this kind of computer.

One hash with TUNED takes about 0.25 s on the project's two-core machines
(benchmarks/bench_password.py measures it): slow enough that a stolen database cannot
be tried against millions of guesses a second, quick enough that signing in does not
feel slow. One lane (parallelism 1), because desktops and terminal servers are shared.
The hash string holds its own salt and cost, so a hash made with an older cost still
checks, and is replaced by one with the current cost at the next successful sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError


@dataclass(frozen=True)
class HashCost:
    time_cost: int  # passes over the memory
    memory_kib: int
    parallelism: int


TUNED = HashCost(time_cost=4, memory_kib=64 * 1024, parallelism=1)

_hasher = PasswordHasher(TUNED.time_cost, TUNED.memory_kib, TUNED.parallelism,
                         type=Type.ID)
_dummy_hash: str | None = None


def use_cost(cost: HashCost) -> None:
    """Hash with another cost from now on (tests use a cheap one; the app never calls this)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(cost.time_cost, cost.memory_kib, cost.parallelism, type=Type.ID)
    _dummy_hash = None


def current_cost() -> HashCost:
    return HashCost(_hasher.time_cost, _hasher.memory_cost, _hasher.parallelism)


def hash_password(password: str) -> str:
    """A new argon2id hash of the password, with a fresh random salt."""
    return _hasher.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    """True if the password matches the stored hash.

    With no stored hash (an unknown user name) a made-up hash is checked all the same, so
    the time taken does not tell whether an account exists.
    """
    global _dummy_hash
    if stored_hash is None:
        if _dummy_hash is None:
            _dummy_hash = _hasher.hash("no such account: this hash only takes time")
        stored_hash, password = _dummy_hash, password + "\0"
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_new_hash(stored_hash: str) -> bool:
    """True if the hash was made with another cost than the current one."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
