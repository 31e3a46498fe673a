"""Refresh resources/i18n/tintag_vi.ts from the source and compile tintag_vi.qm.

    .venv/bin/python scripts/update_translations.py

lupdate collects every tr()/translate() string (keeping existing
translations); strings still untranslated are filled from VI below when it
has them; lrelease compiles the .qm the app loads. Edit translations in the
.ts (Qt Linguist) or here.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "tintag_vi.ts"
BIN = Path(sys.executable).parent

VI = {
    "&New project…": "Dự án &mới…", "&Open project…": "&Mở dự án…",
    "Open the &demo project": "Mở dự án &mẫu", "&Recent projects": "Dự án &gần đây",
    "&Project": "&Dự án", "&Settings…": "&Cài đặt…", "&Pre-annotate every document…": "&Gợi ý trước cho mọi bài…",
    "Guidelines": "Hướng dẫn", "&View": "&Xem", "&Help": "&Trợ giúp", "&Keys": "&Phím tắt", "Keys": "Phím tắt",
    "1–9 or the label's letter: tag the selection (Alt: exact, no snapping)\nQ: make the selection a quote, "
    "then pick its speaker\nS: stance from the current quote or entity\nTab / Shift+Tab: next / previous "
    "suggestion\nEnter / Delete: accept / reject the suggestion\nA: accept all suggestions of the current "
    "label\nCtrl+Z / Ctrl+Shift+Z: undo / redo\nCtrl+Enter: done, next document · J / K: next / previous · "
    "Ctrl+F: search":
        "1–9 hoặc chữ cái của nhãn: gán nhãn cho đoạn chọn (Alt: giữ nguyên, không căn theo từ)\n"
        "Q: biến đoạn chọn thành trích dẫn, rồi chọn người nói\nS: lập trường từ trích dẫn hoặc thực thể hiện tại\n"
        "Tab / Shift+Tab: gợi ý kế tiếp / trước đó\nEnter / Delete: nhận / bỏ gợi ý\n"
        "A: nhận mọi gợi ý của nhãn hiện tại\nCtrl+Z / Ctrl+Shift+Z: hoàn tác / làm lại\n"
        "Ctrl+Enter: xong, sang bài kế · J / K: bài kế / bài trước · Ctrl+F: tìm",
    "No guidelines yet: Project → Settings.": "Chưa có hướng dẫn: Dự án → Cài đặt.",
    "Pre-annotating every document…": "Đang gợi ý trước cho mọi bài…", "Cancel": "Hủy", "Suggestions": "Gợi ý",
    "cancelled after": "đã hủy sau", "finished:": "xong:", "New project": "Dự án mới",
    "TinTag projects (*.tintag)": "Dự án TinTag (*.tintag)", "Open project": "Mở dự án",
    "TinTag projects (*.tintag);;All files (*)": "Dự án TinTag (*.tintag);;Mọi tệp (*)", "(none yet)": "(chưa có)",
    "Pre-annotation": "Gợi ý trước",
    "Your name (it labels your annotations):": "Tên của bạn (dùng để ghi nhận các nhãn bạn gán):",
    "Status": "Trạng thái", "Date": "Ngày", "Title": "Tiêu đề", "Ent.": "Thực thể", "Quotes": "Trích dẫn",
    "Stances": "Lập trường", "Sugg.": "Gợi ý", "Name": "Tên", "Colour": "Màu", "Key": "Phím",
    "Description": "Mô tả", "Add label": "Thêm nhãn", "Remove selected": "Xóa nhãn đã chọn",
    "Search title and text (Ctrl+F)": "Tìm trong tiêu đề và nội dung (Ctrl+F)",
    "All statuses": "Mọi trạng thái", "All labels": "Mọi nhãn", "&File": "&Tệp", "&Quit": "&Thoát",
    "&Edit": "&Sửa", "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "&Search": "&Tìm", "&Document": "&Bài viết",
    "Mark &done and open next": "Đánh dấu &xong và mở bài kế", "&Next document": "Bài &kế tiếp",
    "&Previous document": "Bài &trước", "No more documents in this list": "Hết bài trong danh sách này",
    "Suggestions failed: {0}": "Không tạo được gợi ý: {0}", "Computing suggestions…": "Đang tạo gợi ý…",
    "Suggestions ready": "Đã có gợi ý", "unknown speaker": "chưa rõ người nói",
    "Quote — speaker: {0}": "Trích dẫn — người nói: {0}",
    "Suggestion: {0} ({1:.0%}) — Enter accepts, Delete rejects": "Gợi ý: {0} ({1:.0%}) — Enter để nhận, Delete để bỏ",
    "quote by {0}": "trích dẫn của {0}",
    "Keys: {0} label · Q quote · S stance · Tab/Shift+Tab suggestions · Enter accept · Delete reject · "
    "A accept all · J/K documents":
        "Phím: {0} nhãn · Q trích dẫn · S lập trường · Tab/Shift+Tab gợi ý · Enter nhận · Delete bỏ · "
        "A nhận hết · J/K chuyển bài",
    "Not saved: {0}": "Chưa lưu: {0}", "Saved ✓ {0}": "Đã lưu ✓ {0}",
    "Select words in the text first": "Hãy chọn từ trong bài trước",
    "Select the quote's words first": "Hãy chọn nội dung trích dẫn trước",
    "Pick the speaker: click an entity, or choose from the list": "Chọn người nói: bấm vào một thực thể hoặc chọn trong danh sách",
    "Speaker of the quote": "Người nói của trích dẫn",
    "Select a quote with a speaker, or an entity, then press S": "Chọn một trích dẫn có người nói, hoặc một thực thể, rồi nhấn S",
    "Polarity": "Thái độ", "Stance target": "Đối tượng của lập trường",
    "Nothing to choose from: tag entities first": "Chưa có gì để chọn: hãy gán thực thể trước",
    "No open suggestions in this document": "Bài này không còn gợi ý nào",
    "Go to an entity suggestion (Tab) to accept all of its label": "Chuyển đến một gợi ý thực thể (Tab) để nhận mọi gợi ý cùng nhãn",
    "Annotator: {0} · layer: {1} · every edit is saved at once": "Người gán nhãn: {0} · lớp: {1} · mọi thay đổi được lưu ngay",
    "This project is read-only: changes cannot be saved": "Dự án chỉ đọc: không thể lưu thay đổi",
    "Project settings": "Cài đặt dự án",
    "Guidelines are written in Markdown and shown in the Guidelines panel.": "Hướng dẫn viết bằng Markdown và hiện trong khung Hướng dẫn.",
    "Entity labels": "Nhãn thực thể", "Stance labels": "Nhãn lập trường", "Settings not saved": "Chưa lưu cài đặt",
    "A label needs a name": "Nhãn cần có tên", "{0}: '{1}' is not a colour (use #rrggbb)": "{0}: '{1}' không phải màu (dùng #rrggbb)",
    "Label": "Nhãn", "Text": "Văn bản", "Origin": "Nguồn gốc", "Content": "Nội dung", "Cue": "Từ dẫn",
    "Speaker": "Người nói", "Kind": "Loại", "Holder": "Chủ thể", "→ Target": "→ Đối tượng",
    "Evidence": "Bằng chứng", "Suggestion": "Gợi ý", "Score": "Điểm", "Entities": "Thực thể",
    "A note about this document (saved when you leave the field)": "Ghi chú về bài này (lưu khi rời ô)",
    "Note": "Ghi chú", "Last edits": "Sửa gần đây", "Document": "Bài viết", "(no speaker)": "(không có người nói)",
    "quote": "trích dẫn", "Entities ({0})": "Thực thể ({0})", "Quotes ({0})": "Trích dẫn ({0})",
    "Stances ({0})": "Lập trường ({0})", "Suggestions ({0})": "Gợi ý ({0})",
    "to do": "cần làm", "in progress": "đang làm", "done": "xong", "skipped": "bỏ qua",
}


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS)], cwd=ROOT, check=True)
    text = TS.read_text(encoding="utf-8")
    # menus.py translates in the "Menus" context through a helper lupdate cannot see
    text = text.replace("<context>\n    <name></name>", "<context>\n    <name>Menus</name>")
    missing = []

    def fill(match: re.Match) -> str:
        source = html.unescape(match.group(1))
        if source in VI:
            return f"<source>{match.group(1)}</source>\n        <translation>{html.escape(VI[source], quote=False)}</translation>"
        missing.append(source)
        return match.group(0)

    text = re.sub(r'<source>(.*?)</source>\n        <translation type="unfinished"></translation>', fill, text,
                  flags=re.S)
    TS.write_text(text, encoding="utf-8")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS)], cwd=ROOT, check=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
