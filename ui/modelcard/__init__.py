"""Prefill from a model card in the app: the card input (upload or paste) and the suggestions to accept or ignore."""
