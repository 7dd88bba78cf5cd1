"""Password hashing: one argon2id hash, and a whole sign-in, at the tuned cost.

Issue 9's target is about 0.25 s a sign-in: slow for someone trying millions of guesses,
quick for a person. Printed as time per call and its ratio to two baselines measured in
the same run: a SHA-256 of the same text (what an unslowed hash costs) and a sign-in
with the hashing left out (what the database part of signing in costs).

    python benchmarks/bench_password.py [--runs 9] [--clock wall|cpu]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import CLOCKS, fresh_services, interleaved_medians  # noqa: E402

from plo_tracker.domain.vocabulary import Role  # noqa: E402
from plo_tracker.services import passwords  # noqa: E402
from plo_tracker.services.actor import SYSTEM  # noqa: E402
from plo_tracker.services.users import NewUser  # noqa: E402

PASSWORD = "mossy granite window"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="cpu leaves out time spent waiting for a busy machine")
    args = parser.parse_args()

    services = fresh_services()
    services.users.create(SYSTEM, NewUser("alex", "Alex Byrne", Role.ADMINISTRATOR), PASSWORD)
    stored = passwords.hash_password(PASSWORD)

    def sign_in() -> None:
        services.users.sign_in("alex", PASSWORD)

    real_verify = passwords.verify

    def sign_in_without_hashing() -> None:
        passwords.verify = lambda _stored, _password: True  # type: ignore[assignment]
        try:
            services.users.sign_in("alex", PASSWORD)
        finally:
            passwords.verify = real_verify

    sha, hashing, checking, bare, whole = interleaved_medians([
        lambda: hashlib.sha256(PASSWORD.encode()).hexdigest(),
        lambda: passwords.hash_password(PASSWORD),
        lambda: passwords.verify(stored, PASSWORD),
        sign_in_without_hashing,
        sign_in,
    ], runs=args.runs, warmups=1, clock=CLOCKS[args.clock])
    cost = passwords.current_cost()
    print(f"argon2id, {cost.memory_kib // 1024} MiB, {cost.time_cost} passes, "
          f"{cost.parallelism} lane; median of {args.runs} runs, {args.clock} time")
    print(f"baseline SHA-256 of the password:  {sha * 1e6:9.1f} us")
    print(f"baseline sign-in without hashing:  {bare * 1e3:9.1f} ms")
    print(f"argon2id hash:                     {hashing * 1e3:9.1f} ms  "
          f"({hashing / sha:,.0f}x SHA-256)")
    print(f"argon2id verify:                   {checking * 1e3:9.1f} ms")
    print(f"sign-in:                           {whole * 1e3:9.1f} ms  "
          f"({whole / bare:.1f}x the sign-in without hashing; target about 250 ms)")
    services.context.database.dispose()


if __name__ == "__main__":
    main()
