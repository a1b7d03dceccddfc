"""Page tests of the prefill from a model card."""
