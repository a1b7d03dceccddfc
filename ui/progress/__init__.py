"""The Results page's progress over time: the trend chart, the "Since <date>" panel, saving a snapshot
and re-assessing (`panel`, `charts`)."""
