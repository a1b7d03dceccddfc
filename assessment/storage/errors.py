"""Storage errors (one line each, safe to show a person) and resume tokens (random, stored hashed)."""

from __future__ import annotations

import hashlib
import re
import secrets

# token_urlsafe(32) gives 43 characters; accept the alphabet at lengths that still carry >= 192 bits.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,128}")
MAX_POSITION_LENGTH = 64
READ_ONLY_MESSAGE = "The database file is read-only, so changes cannot be saved until it is writable again."
NOT_FOUND_MESSAGE = "No assessment matches this resume link. Check that the whole link was copied."


class StoreError(Exception):
    """A storage problem; str(e) is one line, safe to show a user."""


class StoreUnavailable(StoreError):
    """The database cannot be reached right now; the same call may succeed later."""


class NotFound(StoreError):
    """No assessment for this token (the same message whether malformed or absent)."""

    def __init__(self, message: str = NOT_FOUND_MESSAGE) -> None:
        super().__init__(message)


class AlreadyExists(StoreError):
    """`create` was given a token that is already in use."""



def new_token() -> str:
    """A fresh private resume token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: object) -> str:
    """SHA-256 (hex) of a well-formed token; NotFound for anything else."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        raise NotFound
    return hashlib.sha256(token.encode("ascii")).hexdigest()
