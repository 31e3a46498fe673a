"""Show text from files and users literally, never as Qt rich text."""
from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Tooltips guess rich text from '<'; escape and wrap so it is always literal."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
