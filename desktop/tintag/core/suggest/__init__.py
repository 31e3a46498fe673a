"""Suggestions: entities from underthesea, quotes and stances from the project's
rules. Pure Python; underthesea is imported only when a producer first runs."""
