"""Tests of the prefill from a model card."""
