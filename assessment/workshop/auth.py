"""Secrets for workshops: the facilitator key, per-company join tokens, and the wrong-key throttle.

- The facilitator key is `secrets.token_urlsafe(32)` (256 bits), shown once; only a salted scrypt
  hash is stored, so a copy of the database does not open the dashboard.
- Join tokens are also 256-bit random; they are stored as SHA-256 digests (a slow hash adds nothing
  for a random 256-bit value) and looked up by digest.
- Every comparison of a secret or its digest uses `hmac.compare_digest` (constant time).
- Wrong keys are throttled per guesser (a client) and workshop: after `free_attempts` failures in a
  row, that guesser waits a doubling delay of at most `max_delay`, and a try during the wait is
  refused without being checked. Other guessers are not held back, so the facilitator's own browser
  always gets in with the right key. The counters live in the database, hashed
  (`assessment.workshop.attempts`), so processes share them.

Pure Python; no Streamlit, no SQL.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass

SECRET_BYTES = 32  # 256 bits for keys and join tokens
MAX_SECRET_CHARS = 200  # longer input is refused before hashing
# scrypt cost: n=2**14, r=8 is ~16 MB and tens of milliseconds per check - cheap for one facilitator,
# expensive for anyone guessing offline from a stolen database.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SCRYPT_PREFIX = "scrypt"


class AccessDenied(Exception):
    """The facilitator key was not accepted. `str(e)` is one line, safe to show."""


class WrongKey(AccessDenied):
    def __init__(self, attempts_left: int | None = None) -> None:
        self.attempts_left = attempts_left
        tail = ""
        if attempts_left is not None:
            tries = "try" if attempts_left == 1 else "tries"
            tail = (f" {attempts_left} more {tries} before further tries are slowed down."
                    if attempts_left > 0 else " Further tries must now wait a while.")
        super().__init__(f"That facilitator key is not right for this workshop.{tail}")


class TooManyAttempts(AccessDenied):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        wait = math.ceil(retry_after)
        super().__init__(
            f"Too many wrong facilitator keys for this workshop. Try again in {_duration(wait)}."
        )


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


def new_secret() -> str:
    """A fresh facilitator key or join token (URL-safe, 43 characters)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def normalise(secret: str) -> str | None:
    """The secret as typed, trimmed; None when it cannot be one of ours (empty or absurdly long)."""
    s = (secret or "").strip()
    return s if 0 < len(s) <= MAX_SECRET_CHARS else None


def hash_key(key: str) -> str:
    """Salted scrypt hash of a facilitator key: `scrypt$n$r$p$<salt hex>$<hash hex>`."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(key.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"{SCRYPT_PREFIX}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_key(key: str, encoded: str) -> bool:
    """Does `key` match the stored hash? Constant-time comparison; False for malformed input."""
    typed = normalise(key)
    try:
        prefix, n, r, p, salt_hex, digest_hex = encoded.split("$")
        if prefix != SCRYPT_PREFIX:
            return False
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
        n_, r_, p_ = int(n), int(r), int(p)
    except ValueError:
        return False
    # Hash even when the input is unusable, so a refusal takes as long as a real check.
    candidate = hashlib.scrypt((typed or "-").encode("utf-8"), salt=salt, n=n_, r=r_, p=p_, dklen=len(expected))
    return hmac.compare_digest(candidate, expected) and typed is not None


def token_digest(token: str) -> str:
    """SHA-256 hex digest of a join token (what the database stores and is searched by)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def digests_match(token: str, digest: str) -> bool:
    return hmac.compare_digest(token_digest(token), digest)


@dataclass(frozen=True)
class Throttle:
    """How one guesser's wrong facilitator keys are slowed down: free tries, then doubling waits up to a ceiling."""

    free_attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 60.0  # never longer: the facilitator must not be kept out for long

    def delay_after(self, failures: int) -> float:
        """Seconds the next try must wait after `failures` wrong keys in a row."""
        if failures < self.free_attempts:
            return 0.0
        return min(self.base_delay * 2 ** (failures - self.free_attempts), self.max_delay)

    def attempts_left(self, failures: int) -> int:
        return max(self.free_attempts - failures, 0)


THROTTLE = Throttle()
