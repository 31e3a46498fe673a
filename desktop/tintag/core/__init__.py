"""Pure-Python core of TinTag: storage, import, suggestions, export. No Qt here."""
