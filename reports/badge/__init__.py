"""The readiness badge: a shields-style SVG ("open-LLM readiness | Leading 95") and its Markdown snippet."""

from reports.badge.svg import BADGE_LABEL, badge_colours, badge_markdown, badge_message, badge_svg

__all__ = ["BADGE_LABEL", "badge_colours", "badge_markdown", "badge_message", "badge_svg"]
