"""Tests of the readiness badge."""
