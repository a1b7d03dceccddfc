"""The report's "Progress since <date>" section (`section`) and its chart (`charts`), from
`assessment.progress.compare`. May import `reports.blocks`, the PDF palette and fonts, and the engine.
"""
