"""The article: read-only plain text with annotations drawn over it.

Entities get their label's colour as background; quotes are underlined
(the speaker shows on hover); open suggestions are faded with a dotted
underline until decided; the current item is drawn bold with a frame
colour. Offsets arrive as Python indices and are converted to Qt's UTF-16
positions here, at the boundary, through OffsetMap.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from tintag.core.offsets import OffsetMap

from .plain import plain_tooltip

QUOTE_COLOUR = QColor("#1565c0")
CURRENT_COLOUR = QColor("#d32f2f")


class ArticleView(QPlainTextEdit):
    clicked_at = Signal(int)  # a Python index in the text, on a plain click

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setTabChangesFocus(False)
        self.setMouseTracking(True)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.2)
        self.setFont(font)
        self.text = ""
        self.offsets = OffsetMap("")
        self.items: list[dict] = []  # what is drawn: kind, start, end, …
        self._cache: dict[tuple, QTextEdit.ExtraSelection] = {}
        self._press_pos: QPoint | None = None
        # the window's key map: returns True when it handled the key
        self.key_handler = lambda event: False

    # --------------------------------------------------------------- content
    def set_text(self, text: str) -> None:
        self.text = text
        self.offsets = OffsetMap(text)
        self._cache = {}
        self.setPlainText(text)

    def show_items(self, items: list[dict], colours: dict[str, str], current: tuple | None) -> None:
        """items: dicts with kind (entity|quote|suggestion), start, end, label?, uid/key, tooltip."""
        self.items = items
        selections = []
        cache, self._cache = self._cache, {}
        for item in sorted(items, key=lambda i: (i["kind"] != "quote", i["start"])):
            is_current = current is not None and current == item.get("ident")
            key = (item["kind"], item["start"], item["end"], item.get("label"),
                   colours.get(item.get("label") or ""), is_current)
            # the text never changes under a view, so a drawn item can be reused as is
            selection = cache.get(key)
            if selection is None:
                selection = self._selection(item, colours, is_current)
            self._cache[key] = selection
            selections.append(selection)
        self.setExtraSelections(selections)

    def _selection(self, item: dict, colours: dict[str, str], is_current: bool) -> QTextEdit.ExtraSelection:
        fmt = QTextCharFormat()
        colour = QColor(colours.get(item.get("label") or "", "#cccccc"))
        if item["kind"] == "entity":
            fmt.setBackground(colour)
        elif item["kind"] == "quote":
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QUOTE_COLOUR)
            fmt.setForeground(QColor("#0d2a57"))
        else:  # an open suggestion: faded and dotted until decided
            faded = QColor(colour)
            faded.setAlpha(60)
            fmt.setBackground(faded)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(colour.darker(160))
        if is_current:
            # the item the keys act on: bold, full colour, a red underline
            fmt.setFontWeight(QFont.Weight.Bold)
            if item["kind"] != "quote":
                fmt.setBackground(colour.darker(125))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(CURRENT_COLOUR)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(item["start"], item["end"])
        selection.format = fmt
        return selection

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        qs, qe = self.offsets.span_to_qt(start, end)
        cursor.setPosition(qs)
        cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # ------------------------------------------------------------- selection
    def selection(self) -> tuple[int, int] | None:
        """The selected span as Python indices, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.span_to_py(cursor.selectionStart(), cursor.selectionEnd())

    def select(self, start: int, end: int) -> None:
        self.setTextCursor(self._cursor(start, end))
        self.ensureCursorVisible()

    def reveal(self, start: int, end: int) -> None:
        """Scroll to a span without changing the selection."""
        cursor = self._cursor(start, start)
        rect = self.cursorRect(cursor)
        if not self.viewport().rect().contains(rect):
            keep = self.textCursor()
            self.setTextCursor(cursor)
            self.centerCursor()
            self.setTextCursor(keep)

    def index_at(self, pos: QPoint) -> int:
        return self.offsets.to_py(self.cursorForPosition(pos).position())

    def items_at(self, index: int) -> list[dict]:
        return [i for i in self.items if i["start"] <= index < i["end"]]

    # ---------------------------------------------------------------- events
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            if self.key_handler(event):  # Tab walks suggestions, not focus
                return True
        if event.type() == QEvent.Type.ToolTip:
            index = self.index_at(event.pos())
            tips = [i["tooltip"] for i in self.items_at(index) if i.get("tooltip")]
            if tips:
                QToolTip.showText(event.globalPos(), plain_tooltip("\n".join(tips)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if not self.key_handler(event):
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if self._press_pos is not None and (pos - self._press_pos).manhattanLength() < 4:
            self.clicked_at.emit(self.index_at(pos))
        self._press_pos = None
