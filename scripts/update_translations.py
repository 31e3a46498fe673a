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
MENUS = "<context>\n    <name>Menus</name>"
NAMELESS = "<context>\n    <name></name>"

VI = {
    "&New project…": "Dự án &mới…", "&Open project…": "&Mở dự án…",
    "Open the &demo project": "Mở dự án &mẫu", "&Recent projects": "Dự án &gần đây",
    "&Project": "&Dự án", "&Settings…": "&Cài đặt…", "&Pre-annotate every document…": "&Gợi ý trước cho mọi bài…",
    "Guidelines": "Hướng dẫn", "&View": "&Xem", "&Help": "&Trợ giúp", "&Keys": "&Phím tắt", "Keys": "Phím tắt",
    "1–9 or the label's letter: tag the selection (Alt: exact, no snapping)\nQ: make the selection a quote, "
    "then pick its speaker\nS: stance from the current quote or entity\nTab / Shift+Tab: next / previous "
    "suggestion\nEnter / Delete: accept / reject the suggestion\nA: accept all suggestions of the current "
    "label\nCtrl+Z / Ctrl+Shift+Z: undo / redo\nCtrl+Enter: done, next document · J / K: next / previous · "
    "Ctrl+F: search\nF5: reload what other windows saved":
        "1–9 hoặc chữ cái của nhãn: gán nhãn cho đoạn chọn (Alt: giữ nguyên, không căn theo từ)\n"
        "Q: biến đoạn chọn thành trích dẫn, rồi chọn người nói\nS: lập trường từ trích dẫn hoặc thực thể hiện tại\n"
        "Tab / Shift+Tab: gợi ý kế tiếp / trước đó\nEnter / Delete: nhận / bỏ gợi ý\n"
        "A: nhận mọi gợi ý của nhãn hiện tại\nCtrl+Z / Ctrl+Shift+Z: hoàn tác / làm lại\n"
        "Ctrl+Enter: xong, sang bài kế · J / K: bài kế / bài trước · Ctrl+F: tìm\n"
        "F5: tải lại những gì cửa sổ khác đã lưu",
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


# Team work: the Team menu, review mode, the dashboard, profiles and assignment
VI.update({
    "&About TinTag": "&Giới thiệu TinTag", "About TinTag": "Giới thiệu TinTag",
    "TinTag — annotate Vietnamese news: entities, quotes, stances.":
        "TinTag — gán nhãn tin tức tiếng Việt: thực thể, trích dẫn, lập trường.",
    "&Team": "&Nhóm", "&Review mode…": "Chế độ &duyệt…", "&Dashboard…": "&Bảng tổng quan…",
    "&Export my bundle…": "&Xuất gói của tôi…", "&Merge bundles…": "&Gộp các gói…",
    "&Profiles and assignment…": "&Hồ sơ và phân công…", "Work on &layer": "Làm việc trên &lớp",
    " (mine)": " (của tôi)", "Open a document first": "Hãy mở một bài trước",
    "Review mode": "Chế độ duyệt", "Dashboard": "Bảng tổng quan", "Export my bundle": "Xuất gói của tôi",
    "TinTag bundles (*.jsonl)": "Gói TinTag (*.jsonl)",
    "Bundle written: {0} documents → {1}": "Đã ghi gói: {0} bài → {1}", "Merge bundles": "Gộp các gói",
    "TinTag bundles (*.jsonl);;All files (*)": "Gói TinTag (*.jsonl);;Mọi tệp (*)",
    "{0} bundle(s): {1} documents updated, {2} unchanged, {3} merged before":
        "{0} gói: {1} bài được cập nhật, {2} không đổi, {3} đã gộp trước đó",
    "{0}: {1} items added, {2} changed, {3} deleted, {4} in conflict":
        "{0}: thêm {1} mục, sửa {2}, xóa {3}, {4} mục xung đột",
    "Items in conflict keep this project's version; the bundle's waits for review (tintag bundle conflicts).":
        "Mục xung đột giữ bản của dự án này; bản trong gói chờ duyệt (tintag bundle conflicts).",
    "Team dashboard — %s": "Bảng tổng quan nhóm — %s", "Refresh": "Làm mới",
    "kappa (tokens)": "kappa (theo từ)", "span F1, exact": "F1 đoạn, khớp đúng",
    "span F1, overlap": "F1 đoạn, chồng lấn", "Each pair": "Từng cặp",
    "Agreement per label": "Mức đồng thuận theo nhãn", "Agreement": "Đồng thuận", "Measure:": "Chỉ số:",
    "Annotators": "Người gán nhãn", "Documents": "Số bài", "Tokens": "Số từ", "F1 exact": "F1 khớp đúng",
    "F1 overlap": "F1 chồng lấn", "kappa": "kappa", "Stance α": "α lập trường", "Speaker α": "α người nói",
    "Documents per annotator": "Số bài theo người gán nhãn", "Entities per label": "Thực thể theo nhãn",
    "Suggestions taken (%)": "Gợi ý được dùng (%)",
    "Time per finished document (minutes)": "Thời gian cho mỗi bài đã xong (phút)",
    "Annotator": "Người gán nhãn", "Done": "Xong", "In progress": "Đang làm", "To do": "Cần làm",
    "Skipped": "Bỏ qua", "Assigned": "Được giao", "Accepted": "Đã nhận", "Rejected": "Đã bỏ",
    "Acceptance": "Tỉ lệ nhận", "From suggestions": "Từ gợi ý", "Median time": "Thời gian trung vị",
    "Mean time": "Thời gian trung bình", "Computing…": "Đang tính…",
    "Comparing annotators… %d of %d documents": "Đang so sánh người gán nhãn… %d / %d bài",
    "Could not compute the figures: %s": "Không tính được số liệu: %s",
    "Updated %s · %d annotators · %d documents done by at least two":
        "Cập nhật %s · %d người gán nhãn · %d bài do ít nhất hai người làm xong",
    "No annotator layers yet": "Chưa có lớp của người gán nhãn nào",
    "No document started yet": "Chưa bắt đầu bài nào", "No entities yet": "Chưa có thực thể nào",
    "accepted of decided": "đã nhận trên số đã quyết", "annotations from suggestions": "nhãn đến từ gợi ý",
    "No suggestions decided yet": "Chưa quyết gợi ý nào", "median": "trung vị", "mean": "trung bình",
    "No finished documents with time yet": "Chưa có bài đã xong có ghi thời gian",
    "all": "tất cả",
    "Fleiss' kappa on %d documents done by %d of %d annotators (%d tokens)":
        "Kappa Fleiss trên %d bài do %d trong %d người gán nhãn làm xong (%d từ)",
    "Fleiss' kappa on %d documents done by %d to %d of %d annotators (%d tokens; "
    "Gwet's generalisation for a varying number of annotators)":
        "Kappa Fleiss trên %d bài do từ %d đến %d trong %d người gán nhãn làm xong "
        "(%d từ; dạng tổng quát của Gwet cho số người gán nhãn khác nhau)",
    "No document was done by two annotators yet": "Chưa có bài nào do hai người gán nhãn làm xong",
    "&Switch profile…": "Đổi &hồ sơ…", "Switch profile": "Đổi hồ sơ",
    "Work as (a new name adds a profile):": "Làm việc với tên (tên mới sẽ thêm một hồ sơ):",
    "Restart TinTag to work as {0}": "Khởi động lại TinTag để làm việc với tên {0}",
    "Writing the bundle…": "Đang ghi gói…", "Checking and merging bundles…": "Đang kiểm tra và gộp các gói…",
    "&Reload": "&Tải lại", "Reloaded: showing everything saved in the project":
        "Đã tải lại: hiện mọi thứ đã lưu trong dự án",
    "'{0}' is the name of a layer, not of a person; choose another name":
        "'{0}' là tên một lớp, không phải tên người; hãy chọn tên khác",
    "'{0}' is the name of a layer, not of a person. Your name:": "'{0}' là tên một lớp, không phải tên người. Tên của bạn:",
    "My queue": "Việc của tôi", "Only the documents assigned to you": "Chỉ những bài được giao cho bạn",
    "No backup could be made: {0}": "Không tạo được bản sao lưu: {0}", "Read-only": "Chỉ đọc",
    "This project file is read-only: changes cannot be saved": "Tệp dự án chỉ đọc: không thể lưu thay đổi",
    "State": "Tình trạng", "Gold": "Chuẩn", "✓ agree": "✓ khớp", "✗ differ": "✗ khác", "★ in gold": "★ đã vào chuẩn",
    "Enter take majority · 1–9 take annotator N · Ctrl+1–9 take N's whole layer · E take and edit · "
    "R/Delete not in gold · N next disagreement · J/K documents · Ctrl+Z undo":
        "Enter lấy theo đa số · 1–9 lấy của người thứ N · Ctrl+1–9 lấy cả lớp của người thứ N · "
        "E lấy rồi sửa · R/Delete không vào chuẩn · N chỗ khác nhau kế tiếp · J/K chuyển bài · Ctrl+Z hoàn tác",
    "⊘ not in gold": "⊘ không vào chuẩn", "(rejected)": "(đã loại)",
    "Review — {0}": "Duyệt — {0}",
    "{0} annotators · {1} of {2} rows agree · {3} settled ({4} not in gold) · {5} open disagreements · "
    "agreement with gold: {6}":
        "{0} người gán nhãn · {1} / {2} dòng khớp · {3} đã xử lý ({4} không vào chuẩn) · "
        "{5} chỗ khác nhau chưa xử lý · khớp với chuẩn: {6}",
    "{0} has nothing here": "{0} không có gì ở đây", "Change to…": "Đổi thành…",
    "No open disagreements left in the project": "Dự án không còn chỗ khác nhau nào chưa xử lý",
    "No more documents with several annotators": "Hết bài có nhiều người gán nhãn",
    "Team": "Nhóm",
    "Blind mode: annotators see only their own layer and the suggestions":
        "Chế độ ẩn: người gán nhãn chỉ thấy lớp của mình và các gợi ý",
    "Profile": "Hồ sơ", "Role": "Vai trò", "Assigned / done": "Được giao / xong",
    "New profile name": "Tên hồ sơ mới", "Add": "Thêm",
    "Assign documents not yet in anyone's queue": "Giao những bài chưa có trong hàng việc của ai",
    "Annotators per document": "Số người gán nhãn mỗi bài",
    "…or double-annotate this share": "…hoặc cho hai người làm tỉ lệ này",
    "Seed (same seed, same plan)": "Hạt giống (cùng hạt giống, cùng phương án)", "Assign": "Giao việc",
    "Assigned {0} documents ({1} to several annotators): {2}": "Đã giao {0} bài ({1} bài cho nhiều người): {2}",
})

def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "tintag" / "ui").glob("*.py"))
    # Module-level helpers (menus.py, team_menu.py) translate in the "Menus"
    # context; lupdate sees their tr() calls as the nameless context. Give it
    # that name while it runs so the translations already made are kept.
    TS.write_text(TS.read_text(encoding="utf-8").replace(MENUS, NAMELESS), encoding="utf-8")
    # -no-obsolete: strings gone from the source leave the .ts (VI above keeps every translation)
    subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(TS)], cwd=ROOT, check=True)
    text = TS.read_text(encoding="utf-8").replace(NAMELESS, MENUS)
    missing = []

    def fill(match: re.Match) -> str:
        source = html.unescape(match.group(1))
        if source in VI:
            return f"<source>{match.group(1)}</source>\n        <translation>{html.escape(VI[source], quote=False)}</translation>"
        missing.append(source)
        return match.group(0)

    # [^<]*: one message's source only (XML escapes "<" inside it)
    text = re.sub(r'<source>([^<]*)</source>\n        <translation type="unfinished"></translation>', fill, text)
    # lupdate's guesses (the same source already translated in another context) are kept
    text = re.sub(r'<translation type="unfinished">([^<]+)</translation>', r"<translation>\1</translation>", text)
    TS.write_text(text, encoding="utf-8")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS)], cwd=ROOT, check=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
