"""The PDF renderer: `render_pdf(report) -> bytes`, its styles, stories, charts, fonts and palette.

May import `reports.model`, `reports.blocks` and the engine; never `ui` or streamlit.
"""

from reports.pdf.document import render_pdf

__all__ = ["render_pdf"]
