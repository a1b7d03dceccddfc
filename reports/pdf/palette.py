"""The report's colours: greys for structure and one colour-blind-safe blue (Okabe-Ito) for data.

Imports nothing from the reports, so every chart (the report's own and each feature's) may use it.
"""

from reportlab.lib import colors

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B76")
GRID = colors.HexColor("#B8C2CC")
ACCENT = colors.HexColor("#0072B2")  # Okabe-Ito blue
ACCENT_LIGHT = colors.HexColor("#CFE3F1")
PAPER = colors.white
TRACK = colors.HexColor("#EEF1F4")
