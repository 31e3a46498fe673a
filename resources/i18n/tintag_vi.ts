<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>Menus</name>
    <message>
        <location filename="../../desktop/ui/menus.py" line="37"/>
        <source>&amp;New project…</source>
        <translation>Dự án &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="39"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="41"/>
        <source>Open the &amp;demo project</source>
        <translation>Mở dự án &amp;mẫu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="43"/>
        <source>&amp;Recent projects</source>
        <translation>Dự án &amp;gần đây</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="50"/>
        <source>&amp;Project</source>
        <translation>&amp;Dự án</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="51"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="54"/>
        <source>&amp;Pre-annotate every document…</source>
        <translation>&amp;Gợi ý trước cho mọi bài…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="58"/>
        <source>Guidelines</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="65"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="69"/>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="70"/>
        <source>&amp;Keys</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="71"/>
        <source>Keys</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="76"/>
        <source>1–9 or the label&apos;s letter: tag the selection (Alt: exact, no snapping)
Q: make the selection a quote, then pick its speaker
S: stance from the current quote or entity
Tab / Shift+Tab: next / previous suggestion
Enter / Delete: accept / reject the suggestion
A: accept all suggestions of the current label
Ctrl+Z / Ctrl+Shift+Z: undo / redo
Ctrl+Enter: done, next document · J / K: next / previous · Ctrl+F: search</source>
        <translation>1–9 hoặc chữ cái của nhãn: gán nhãn cho đoạn chọn (Alt: giữ nguyên, không căn theo từ)
Q: biến đoạn chọn thành trích dẫn, rồi chọn người nói
S: lập trường từ trích dẫn hoặc thực thể hiện tại
Tab / Shift+Tab: gợi ý kế tiếp / trước đó
Enter / Delete: nhận / bỏ gợi ý
A: nhận mọi gợi ý của nhãn hiện tại
Ctrl+Z / Ctrl+Shift+Z: hoàn tác / làm lại
Ctrl+Enter: xong, sang bài kế · J / K: bài kế / bài trước · Ctrl+F: tìm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="87"/>
        <source>No guidelines yet: Project → Settings.</source>
        <translation>Chưa có hướng dẫn: Dự án → Cài đặt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="102"/>
        <source>Pre-annotating every document…</source>
        <translation>Đang gợi ý trước cho mọi bài…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="102"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="103"/>
        <location filename="../../desktop/ui/menus.py" line="114"/>
        <source>Suggestions</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="116"/>
        <source>cancelled after</source>
        <translation>đã hủy sau</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="116"/>
        <source>finished:</source>
        <translation>xong:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="127"/>
        <location filename="../../desktop/ui/menus.py" line="137"/>
        <source>New project</source>
        <translation>Dự án mới</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="128"/>
        <source>TinTag projects (*.tintag)</source>
        <translation>Dự án TinTag (*.tintag)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="143"/>
        <source>Open project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="144"/>
        <source>TinTag projects (*.tintag);;All files (*)</source>
        <translation>Dự án TinTag (*.tintag);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/menus.py" line="161"/>
        <source>(none yet)</source>
        <translation>(chưa có)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="72"/>
        <source>Your name (it labels your annotations):</source>
        <translation>Tên của bạn (dùng để ghi nhận các nhãn bạn gán):</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="32"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="32"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="32"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="32"/>
        <source>Ent.</source>
        <translation>Thực thể</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="33"/>
        <source>Quotes</source>
        <translation>Trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="33"/>
        <source>Stances</source>
        <translation>Lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="33"/>
        <source>Sugg.</source>
        <translation>Gợi ý</translation>
    </message>
</context>
<context>
    <name>LabelTable</name>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="22"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="22"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="22"/>
        <source>Key</source>
        <translation>Phím</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="23"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="31"/>
        <source>Add label</source>
        <translation>Thêm nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="34"/>
        <source>Remove selected</source>
        <translation>Xóa nhãn đã chọn</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="72"/>
        <source>Search title and text (Ctrl+F)</source>
        <translation>Tìm trong tiêu đề và nội dung (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="76"/>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="81"/>
        <location filename="../../desktop/ui/main_window.py" line="190"/>
        <source>All labels</source>
        <translation>Mọi nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="151"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="152"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="156"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="157"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="159"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="163"/>
        <source>&amp;Search</source>
        <translation>&amp;Tìm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="167"/>
        <source>&amp;Document</source>
        <translation>&amp;Bài viết</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="168"/>
        <source>Mark &amp;done and open next</source>
        <translation>Đánh dấu &amp;xong và mở bài kế</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="172"/>
        <source>&amp;Next document</source>
        <translation>Bài &amp;kế tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="172"/>
        <source>&amp;Previous document</source>
        <translation>Bài &amp;trước</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="223"/>
        <source>No more documents in this list</source>
        <translation>Hết bài trong danh sách này</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="269"/>
        <source>Suggestions failed: {0}</source>
        <translation>Không tạo được gợi ý: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="272"/>
        <source>Computing suggestions…</source>
        <translation>Đang tạo gợi ý…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="278"/>
        <source>Suggestions ready</source>
        <translation>Đã có gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="300"/>
        <source>unknown speaker</source>
        <translation>chưa rõ người nói</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="302"/>
        <source>Quote — speaker: {0}</source>
        <translation>Trích dẫn — người nói: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="307"/>
        <source>Suggestion: {0} ({1:.0%}) — Enter accepts, Delete rejects</source>
        <translation>Gợi ý: {0} ({1:.0%}) — Enter để nhận, Delete để bỏ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="308"/>
        <source>quote by {0}</source>
        <translation>trích dẫn của {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="322"/>
        <source>Keys: {0} label · Q quote · S stance · Tab/Shift+Tab suggestions · Enter accept · Delete reject · A accept all · J/K documents</source>
        <translation>Phím: {0} nhãn · Q trích dẫn · S lập trường · Tab/Shift+Tab gợi ý · Enter nhận · Delete bỏ · A nhận hết · J/K chuyển bài</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="340"/>
        <source>Not saved: {0}</source>
        <translation>Chưa lưu: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="344"/>
        <location filename="../../desktop/ui/main_window.py" line="352"/>
        <source>Saved ✓ {0}</source>
        <translation>Đã lưu ✓ {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="399"/>
        <source>Select words in the text first</source>
        <translation>Hãy chọn từ trong bài trước</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="407"/>
        <source>Select the quote&apos;s words first</source>
        <translation>Hãy chọn nội dung trích dẫn trước</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="421"/>
        <source>Pick the speaker: click an entity, or choose from the list</source>
        <translation>Chọn người nói: bấm vào một thực thể hoặc chọn trong danh sách</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="422"/>
        <source>Speaker of the quote</source>
        <translation>Người nói của trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="438"/>
        <source>Select a quote with a speaker, or an entity, then press S</source>
        <translation>Chọn một trích dẫn có người nói, hoặc một thực thể, rồi nhấn S</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="446"/>
        <source>Polarity</source>
        <translation>Thái độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="450"/>
        <source>Stance target</source>
        <translation>Đối tượng của lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="456"/>
        <source>Nothing to choose from: tag entities first</source>
        <translation>Chưa có gì để chọn: hãy gán thực thể trước</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="471"/>
        <source>No open suggestions in this document</source>
        <translation>Bài này không còn gợi ý nào</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="514"/>
        <source>Go to an entity suggestion (Tab) to accept all of its label</source>
        <translation>Chuyển đến một gợi ý thực thể (Tab) để nhận mọi gợi ý cùng nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="583"/>
        <source>Annotator: {0} · layer: {1} · every edit is saved at once</source>
        <translation>Người gán nhãn: {0} · lớp: {1} · mọi thay đổi được lưu ngay</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="53"/>
        <source>This project is read-only: changes cannot be saved</source>
        <translation>Dự án chỉ đọc: không thể lưu thay đổi</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="80"/>
        <source>Project settings</source>
        <translation>Cài đặt dự án</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="85"/>
        <source>Guidelines are written in Markdown and shown in the Guidelines panel.</source>
        <translation>Hướng dẫn viết bằng Markdown và hiện trong khung Hướng dẫn.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="92"/>
        <source>Entity labels</source>
        <translation>Nhãn thực thể</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="93"/>
        <source>Stance labels</source>
        <translation>Nhãn lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="94"/>
        <source>Guidelines</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="106"/>
        <source>Settings not saved</source>
        <translation>Chưa lưu cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="118"/>
        <source>A label needs a name</source>
        <translation>Nhãn cần có tên</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="120"/>
        <source>{0}: &apos;{1}&apos; is not a colour (use #rrggbb)</source>
        <translation>{0}: '{1}' không phải màu (dùng #rrggbb)</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="93"/>
        <source>Label</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="93"/>
        <source>Text</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="93"/>
        <source>Origin</source>
        <translation>Nguồn gốc</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="94"/>
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="94"/>
        <source>Cue</source>
        <translation>Từ dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="94"/>
        <source>Speaker</source>
        <translation>Người nói</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="94"/>
        <location filename="../../desktop/ui/side_panel.py" line="96"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="95"/>
        <source>Holder</source>
        <translation>Chủ thể</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="95"/>
        <source>→ Target</source>
        <translation>→ Đối tượng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="95"/>
        <source>Polarity</source>
        <translation>Thái độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="95"/>
        <source>Evidence</source>
        <translation>Bằng chứng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="96"/>
        <source>Suggestion</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="96"/>
        <source>Score</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="97"/>
        <source>Entities</source>
        <translation>Thực thể</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="97"/>
        <source>Quotes</source>
        <translation>Trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="98"/>
        <source>Stances</source>
        <translation>Lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="98"/>
        <source>Suggestions</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="110"/>
        <source>A note about this document (saved when you leave the field)</source>
        <translation>Ghi chú về bài này (lưu khi rời ô)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="115"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="116"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="117"/>
        <source>Last edits</source>
        <translation>Sửa gần đây</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="118"/>
        <source>Document</source>
        <translation>Bài viết</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="160"/>
        <source>(no speaker)</source>
        <translation>(không có người nói)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="177"/>
        <source>quote</source>
        <translation>trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="195"/>
        <source>Entities ({0})</source>
        <translation>Thực thể ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="196"/>
        <source>Quotes ({0})</source>
        <translation>Trích dẫn ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="197"/>
        <source>Stances ({0})</source>
        <translation>Lập trường ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/side_panel.py" line="198"/>
        <source>Suggestions ({0})</source>
        <translation>Gợi ý ({0})</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="112"/>
        <source>to do</source>
        <translation>cần làm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="113"/>
        <source>in progress</source>
        <translation>đang làm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="114"/>
        <source>done</source>
        <translation>xong</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_model.py" line="115"/>
        <source>skipped</source>
        <translation>bỏ qua</translation>
    </message>
</context>
</TS>
