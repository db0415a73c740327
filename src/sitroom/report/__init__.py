"""Situation reports rendered from stored records."""
from sitroom.report.markdown import render_report, render_store_report

__all__ = ["render_report", "render_store_report"]
