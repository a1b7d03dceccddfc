"""What leaves the app as a file: safe download names (`filenames`) and spreadsheet cells (`spreadsheet`).

Standard library (and pandas) only; imported by the engine features, the reports and the UI.
"""
