"""Prefill from a Hugging Face model card: read the card (huggingface_hub's parser, text only, never
the network), apply the mapping in `rubrics/prefill/model-card.yaml`, return suggestions with evidence.

`prefill_card(raw, rubric) -> Prefill`; every bad card raises `InputError`, nothing else.
"""

from assessment.modelcard.prefill import Prefill, Suggestion, Unmapped, prefill_card, read_card_file

__all__ = ["Prefill", "Suggestion", "Unmapped", "prefill_card", "read_card_file"]
