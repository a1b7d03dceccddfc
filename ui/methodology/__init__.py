"""The methodology page's tables, generated from the rubric."""
