"""Facilitator keys, join tokens and the wrong-key throttle (pure parts)."""

from __future__ import annotations

import hmac

import pytest

from assessment.workshop import auth


def test_keys_are_long_random_and_url_safe():
    keys = {auth.new_secret() for _ in range(200)}
    assert len(keys) == 200
    assert all(len(k) >= 43 and k.replace("-", "").replace("_", "").isalnum() for k in keys)


def test_hash_is_salted_scrypt_and_never_contains_the_key():
    key = auth.new_secret()
    a, b = auth.hash_key(key), auth.hash_key(key)
    assert a != b  # salted
    assert key not in a
    assert a.startswith("scrypt$16384$8$1$")
    assert auth.verify_key(key, a) and auth.verify_key(key, b)
    assert auth.verify_key(f"  {key}\n", a)  # pasted with whitespace


@pytest.mark.parametrize("typed", ["", "   ", "x", "wrong-key", "a" * 500])
def test_wrong_or_unusable_keys_are_refused(typed):
    stored = auth.hash_key(auth.new_secret())
    assert not auth.verify_key(typed, stored)


def test_one_character_off_is_refused():
    key = auth.new_secret()
    stored = auth.hash_key(key)
    assert not auth.verify_key(key[:-1] + ("A" if key[-1] != "A" else "B"), stored)
    assert not auth.verify_key(key[:-1], stored)


@pytest.mark.parametrize("stored", ["", "plain", "pbkdf2$1$2$3$aa$bb", "scrypt$x$8$1$aa$bb", "scrypt$16384$8$1$zz$bb"])
def test_malformed_stored_hash_never_matches(stored):
    assert not auth.verify_key("anything", stored)


def test_comparisons_are_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    key = auth.new_secret()
    assert auth.verify_key(key, auth.hash_key(key))
    token = auth.new_secret()
    assert auth.digests_match(token, auth.token_digest(token))
    assert not auth.digests_match(token + "x", auth.token_digest(token))
    assert len(calls) == 3


def test_token_digest_is_sha256_hex():
    d = auth.token_digest("abc")
    assert d == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize(
    ("failures", "delay"), [(0, 0), (4, 0), (5, 2), (6, 4), (9, 32), (10, 60), (20, 60), (100, 60)]
)
def test_throttle_waits_grow_after_free_attempts(failures, delay):
    assert auth.THROTTLE.delay_after(failures) == delay


def test_messages_say_what_happened():
    assert "not right" in str(auth.WrongKey(3)) and "3 more tries" in str(auth.WrongKey(3))
    assert "Try again in 45 seconds" in str(auth.TooManyAttempts(44.2))
    assert "Try again in 3 minutes" in str(auth.TooManyAttempts(150))
