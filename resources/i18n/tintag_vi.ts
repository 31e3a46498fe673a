<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>Menus</name>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="38"/>
        <source>&amp;New project…</source>
        <translation>Dự án &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="40"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="42"/>
        <source>Open the &amp;demo project</source>
        <translation>Mở dự án &amp;mẫu</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="44"/>
        <source>&amp;Recent projects</source>
        <translation>Dự án &amp;gần đây</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="51"/>
        <source>&amp;Project</source>
        <translation>&amp;Dự án</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="52"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="55"/>
        <source>&amp;Pre-annotate every document…</source>
        <translation>&amp;Gợi ý trước cho mọi bài…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="59"/>
        <source>Guidelines</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="67"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="69"/>
        <source>&amp;Reload</source>
        <translation>&amp;Tải lại</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="75"/>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="76"/>
        <source>&amp;Keys</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="77"/>
        <source>Keys</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="79"/>
        <source>&amp;About TinTag</source>
        <translation>&amp;Giới thiệu TinTag</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="91"/>
        <source>1–9 or the label&apos;s letter: tag the selection (Alt: exact, no snapping)
Q: make the selection a quote, then pick its speaker
S: stance from the current quote or entity
Tab / Shift+Tab: next / previous suggestion
Enter / Delete: accept / reject the suggestion
A: accept all suggestions of the current label
Ctrl+Z / Ctrl+Shift+Z: undo / redo
Ctrl+Enter: done, next document · J / K: next / previous · Ctrl+F: search
F5: reload what other windows saved</source>
        <translation>1–9 hoặc chữ cái của nhãn: gán nhãn cho đoạn chọn (Alt: giữ nguyên, không căn theo từ)
Q: biến đoạn chọn thành trích dẫn, rồi chọn người nói
S: lập trường từ trích dẫn hoặc thực thể hiện tại
Tab / Shift+Tab: gợi ý kế tiếp / trước đó
Enter / Delete: nhận / bỏ gợi ý
A: nhận mọi gợi ý của nhãn hiện tại
Ctrl+Z / Ctrl+Shift+Z: hoàn tác / làm lại
Ctrl+Enter: xong, sang bài kế · J / K: bài kế / bài trước · Ctrl+F: tìm
F5: tải lại những gì cửa sổ khác đã lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="103"/>
        <source>No guidelines yet: Project → Settings.</source>
        <translation>Chưa có hướng dẫn: Dự án → Cài đặt.</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="116"/>
        <source>Pre-annotating every document…</source>
        <translation>Đang gợi ý trước cho mọi bài…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="116"/>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="186"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="117"/>
        <location filename="../../desktop/tintag/ui/menus.py" line="128"/>
        <source>Suggestions</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="130"/>
        <source>cancelled after</source>
        <translation>đã hủy sau</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="130"/>
        <source>finished:</source>
        <translation>xong:</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="141"/>
        <location filename="../../desktop/tintag/ui/menus.py" line="151"/>
        <source>New project</source>
        <translation>Dự án mới</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="142"/>
        <source>TinTag projects (*.tintag)</source>
        <translation>Dự án TinTag (*.tintag)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="157"/>
        <source>Open project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="158"/>
        <source>TinTag projects (*.tintag);;All files (*)</source>
        <translation>Dự án TinTag (*.tintag);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/menus.py" line="175"/>
        <source>(none yet)</source>
        <translation>(chưa có)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="20"/>
        <source>&amp;Team</source>
        <translation>&amp;Nhóm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="22"/>
        <source>&amp;Review mode…</source>
        <translation>Chế độ &amp;duyệt…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="24"/>
        <source>&amp;Dashboard…</source>
        <translation>&amp;Bảng tổng quan…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="26"/>
        <source>&amp;Export my bundle…</source>
        <translation>&amp;Xuất gói của tôi…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="28"/>
        <source>&amp;Merge bundles…</source>
        <translation>&amp;Gộp các gói…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="30"/>
        <source>&amp;Profiles and assignment…</source>
        <translation>&amp;Hồ sơ và phân công…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="32"/>
        <source>&amp;Switch profile…</source>
        <translation>Đổi &amp;hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="37"/>
        <source>Work on &amp;layer</source>
        <translation>Làm việc trên &amp;lớp</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="48"/>
        <source> (mine)</source>
        <translation> (của tôi)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="68"/>
        <source>Switch profile</source>
        <translation>Đổi hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="68"/>
        <source>Work as (a new name adds a profile):</source>
        <translation>Làm việc với tên (tên mới sẽ thêm một hồ sơ):</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="75"/>
        <source>&apos;{0}&apos; is the name of a layer, not of a person; choose another name</source>
        <translation>&apos;{0}&apos; là tên một lớp, không phải tên người; hãy chọn tên khác</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="80"/>
        <source>Restart TinTag to work as {0}</source>
        <translation>Khởi động lại TinTag để làm việc với tên {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="89"/>
        <source>Open a document first</source>
        <translation>Hãy mở một bài trước</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="94"/>
        <source>Review mode</source>
        <translation>Chế độ duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="122"/>
        <source>Dashboard</source>
        <translation>Bảng tổng quan</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="132"/>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="142"/>
        <source>Export my bundle</source>
        <translation>Xuất gói của tôi</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="133"/>
        <source>TinTag bundles (*.jsonl)</source>
        <translation>Gói TinTag (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="140"/>
        <source>Bundle written: {0} documents → {1}</source>
        <translation>Đã ghi gói: {0} bài → {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="142"/>
        <source>Writing the bundle…</source>
        <translation>Đang ghi gói…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="150"/>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="158"/>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="160"/>
        <source>Merge bundles</source>
        <translation>Gộp các gói</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="151"/>
        <source>TinTag bundles (*.jsonl);;All files (*)</source>
        <translation>Gói TinTag (*.jsonl);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="167"/>
        <source>{0} bundle(s): {1} documents updated, {2} unchanged, {3} merged before</source>
        <translation>{0} gói: {1} bài được cập nhật, {2} không đổi, {3} đã gộp trước đó</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="170"/>
        <source>{0}: {1} items added, {2} changed, {3} deleted, {4} in conflict</source>
        <translation>{0}: thêm {1} mục, sửa {2}, xóa {3}, {4} mục xung đột</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="173"/>
        <source>Items in conflict keep this project&apos;s version; the bundle&apos;s waits for review (tintag bundle conflicts).</source>
        <translation>Mục xung đột giữ bản của dự án này; bản trong gói chờ duyệt (tintag bundle conflicts).</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_menu.py" line="160"/>
        <source>Checking and merging bundles…</source>
        <translation>Đang kiểm tra và gộp các gói…</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop/tintag/ui/about.py" line="39"/>
        <source>About TinTag</source>
        <translation>Giới thiệu TinTag</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/about.py" line="40"/>
        <source>TinTag — annotate Vietnamese news: entities, quotes, stances.</source>
        <translation>TinTag — gán nhãn tin tức tiếng Việt: thực thể, trích dẫn, lập trường.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/tintag/ui/app.py" line="134"/>
        <source>Your name (it labels your annotations):</source>
        <translation>Tên của bạn (dùng để ghi nhận các nhãn bạn gán):</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/app.py" line="142"/>
        <source>&apos;{0}&apos; is the name of a layer, not of a person. Your name:</source>
        <translation>&apos;{0}&apos; là tên một lớp, không phải tên người. Tên của bạn:</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="87"/>
        <source>Team dashboard — %s</source>
        <translation>Bảng tổng quan nhóm — %s</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="98"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="106"/>
        <source>kappa (tokens)</source>
        <translation>kappa (theo từ)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="107"/>
        <source>span F1, exact</source>
        <translation>F1 đoạn, khớp đúng</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="108"/>
        <source>span F1, overlap</source>
        <translation>F1 đoạn, chồng lấn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="110"/>
        <source>Each pair</source>
        <translation>Từng cặp</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="113"/>
        <source>Agreement per label</source>
        <translation>Mức đồng thuận theo nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="115"/>
        <source>Agreement</source>
        <translation>Đồng thuận</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="117"/>
        <source>Measure:</source>
        <translation>Chỉ số:</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="122"/>
        <source>Annotators</source>
        <translation>Người gán nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="122"/>
        <source>Documents</source>
        <translation>Số bài</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="122"/>
        <source>Tokens</source>
        <translation>Số từ</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="122"/>
        <source>F1 exact</source>
        <translation>F1 khớp đúng</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="123"/>
        <source>F1 overlap</source>
        <translation>F1 chồng lấn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="123"/>
        <source>kappa</source>
        <translation>kappa</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="123"/>
        <source>Stance α</source>
        <translation>α lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="123"/>
        <source>Speaker α</source>
        <translation>α người nói</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="129"/>
        <source>Documents per annotator</source>
        <translation>Số bài theo người gán nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="130"/>
        <source>Entities per label</source>
        <translation>Thực thể theo nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="131"/>
        <source>Suggestions taken (%)</source>
        <translation>Gợi ý được dùng (%)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="132"/>
        <source>Time per finished document (minutes)</source>
        <translation>Thời gian cho mỗi bài đã xong (phút)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="134"/>
        <source>Annotator</source>
        <translation>Người gán nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="134"/>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="134"/>
        <source>In progress</source>
        <translation>Đang làm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="134"/>
        <source>To do</source>
        <translation>Cần làm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="135"/>
        <source>Skipped</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="135"/>
        <source>Assigned</source>
        <translation>Được giao</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="135"/>
        <source>Accepted</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="135"/>
        <source>Rejected</source>
        <translation>Đã bỏ</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="136"/>
        <source>Acceptance</source>
        <translation>Tỉ lệ nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="136"/>
        <source>From suggestions</source>
        <translation>Từ gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="136"/>
        <source>Median time</source>
        <translation>Thời gian trung vị</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="137"/>
        <source>Mean time</source>
        <translation>Thời gian trung bình</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="182"/>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="200"/>
        <source>Comparing annotators… %d of %d documents</source>
        <translation>Đang so sánh người gán nhãn… %d / %d bài</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="218"/>
        <source>Could not compute the figures: %s</source>
        <translation>Không tính được số liệu: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="223"/>
        <source>Updated %s · %d annotators · %d documents done by at least two</source>
        <translation>Cập nhật %s · %d người gán nhãn · %d bài do ít nhất hai người làm xong</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="243"/>
        <source>No annotator layers yet</source>
        <translation>Chưa có lớp của người gán nhãn nào</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="244"/>
        <source>done</source>
        <translation>xong</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="244"/>
        <source>in progress</source>
        <translation>đang làm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="245"/>
        <source>to do</source>
        <translation>cần làm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="245"/>
        <source>skipped</source>
        <translation>bỏ qua</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="251"/>
        <source>No document started yet</source>
        <translation>Chưa bắt đầu bài nào</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="255"/>
        <source>No entities yet</source>
        <translation>Chưa có thực thể nào</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="260"/>
        <source>accepted of decided</source>
        <translation>đã nhận trên số đã quyết</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="262"/>
        <source>annotations from suggestions</source>
        <translation>nhãn đến từ gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="264"/>
        <source>No suggestions decided yet</source>
        <translation>Chưa quyết gợi ý nào</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="269"/>
        <source>median</source>
        <translation>trung vị</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="270"/>
        <source>mean</source>
        <translation>trung bình</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="271"/>
        <source>No finished documents with time yet</source>
        <translation>Chưa có bài đã xong có ghi thời gian</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="303"/>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="343"/>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="345"/>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="325"/>
        <source>Fleiss&apos; kappa on %d documents done by %d of %d annotators (%d tokens)</source>
        <translation>Kappa Fleiss trên %d bài do %d trong %d người gán nhãn làm xong (%d từ)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="327"/>
        <source>Fleiss&apos; kappa on %d documents done by %d to %d of %d annotators (%d tokens; Gwet&apos;s generalisation for a varying number of annotators)</source>
        <translation>Kappa Fleiss trên %d bài do từ %d đến %d trong %d người gán nhãn làm xong (%d từ; dạng tổng quát của Gwet cho số người gán nhãn khác nhau)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/dashboard.py" line="349"/>
        <source>No document was done by two annotators yet</source>
        <translation>Chưa có bài nào do hai người gán nhãn làm xong</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="33"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="33"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="33"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="33"/>
        <source>Ent.</source>
        <translation>Thực thể</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="34"/>
        <source>Quotes</source>
        <translation>Trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="34"/>
        <source>Stances</source>
        <translation>Lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="34"/>
        <source>Sugg.</source>
        <translation>Gợi ý</translation>
    </message>
</context>
<context>
    <name>LabelTable</name>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="24"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="24"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="24"/>
        <source>Key</source>
        <translation>Phím</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="25"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="33"/>
        <source>Add label</source>
        <translation>Thêm nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="36"/>
        <source>Remove selected</source>
        <translation>Xóa nhãn đã chọn</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="75"/>
        <source>Search title and text (Ctrl+F)</source>
        <translation>Tìm trong tiêu đề và nội dung (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="79"/>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="84"/>
        <location filename="../../desktop/tintag/ui/main_window.py" line="203"/>
        <source>All labels</source>
        <translation>Mọi nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="88"/>
        <source>My queue</source>
        <translation>Việc của tôi</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="89"/>
        <source>Only the documents assigned to you</source>
        <translation>Chỉ những bài được giao cho bạn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="163"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="164"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="168"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="169"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="171"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="175"/>
        <source>&amp;Search</source>
        <translation>&amp;Tìm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="179"/>
        <source>&amp;Document</source>
        <translation>&amp;Bài viết</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="180"/>
        <source>Mark &amp;done and open next</source>
        <translation>Đánh dấu &amp;xong và mở bài kế</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="184"/>
        <source>&amp;Next document</source>
        <translation>Bài &amp;kế tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="184"/>
        <source>&amp;Previous document</source>
        <translation>Bài &amp;trước</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="252"/>
        <source>No more documents in this list</source>
        <translation>Hết bài trong danh sách này</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="298"/>
        <source>Suggestions failed: {0}</source>
        <translation>Không tạo được gợi ý: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="301"/>
        <source>Computing suggestions…</source>
        <translation>Đang tạo gợi ý…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="307"/>
        <source>Suggestions ready</source>
        <translation>Đã có gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="329"/>
        <source>Reloaded: showing everything saved in the project</source>
        <translation>Đã tải lại: hiện mọi thứ đã lưu trong dự án</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="348"/>
        <source>unknown speaker</source>
        <translation>chưa rõ người nói</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="350"/>
        <source>Quote — speaker: {0}</source>
        <translation>Trích dẫn — người nói: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="355"/>
        <source>Suggestion: {0} ({1:.0%}) — Enter accepts, Delete rejects</source>
        <translation>Gợi ý: {0} ({1:.0%}) — Enter để nhận, Delete để bỏ</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="356"/>
        <source>quote by {0}</source>
        <translation>trích dẫn của {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="369"/>
        <source>Keys: {0} label · Q quote · S stance · Tab/Shift+Tab suggestions · Enter accept · Delete reject · A accept all · J/K documents</source>
        <translation>Phím: {0} nhãn · Q trích dẫn · S lập trường · Tab/Shift+Tab gợi ý · Enter nhận · Delete bỏ · A nhận hết · J/K chuyển bài</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="387"/>
        <location filename="../../desktop/tintag/ui/main_window.py" line="411"/>
        <source>Not saved: {0}</source>
        <translation>Chưa lưu: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="391"/>
        <location filename="../../desktop/tintag/ui/main_window.py" line="399"/>
        <source>Saved ✓ {0}</source>
        <translation>Đã lưu ✓ {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="448"/>
        <source>Select words in the text first</source>
        <translation>Hãy chọn từ trong bài trước</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="456"/>
        <source>Select the quote&apos;s words first</source>
        <translation>Hãy chọn nội dung trích dẫn trước</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="470"/>
        <source>Pick the speaker: click an entity, or choose from the list</source>
        <translation>Chọn người nói: bấm vào một thực thể hoặc chọn trong danh sách</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="471"/>
        <source>Speaker of the quote</source>
        <translation>Người nói của trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="487"/>
        <source>Select a quote with a speaker, or an entity, then press S</source>
        <translation>Chọn một trích dẫn có người nói, hoặc một thực thể, rồi nhấn S</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="495"/>
        <source>Polarity</source>
        <translation>Thái độ</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="499"/>
        <source>Stance target</source>
        <translation>Đối tượng của lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="505"/>
        <source>Nothing to choose from: tag entities first</source>
        <translation>Chưa có gì để chọn: hãy gán thực thể trước</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="520"/>
        <source>No open suggestions in this document</source>
        <translation>Bài này không còn gợi ý nào</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="563"/>
        <source>Go to an entity suggestion (Tab) to accept all of its label</source>
        <translation>Chuyển đến một gợi ý thực thể (Tab) để nhận mọi gợi ý cùng nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/main_window.py" line="632"/>
        <source>Annotator: {0} · layer: {1} · every edit is saved at once</source>
        <translation>Người gán nhãn: {0} · lớp: {1} · mọi thay đổi được lưu ngay</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../desktop/tintag/ui/app.py" line="84"/>
        <source>No backup could be made: {0}</source>
        <translation>Không tạo được bản sao lưu: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/app.py" line="95"/>
        <source>Read-only</source>
        <translation>Chỉ đọc</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/app.py" line="96"/>
        <source>This project file is read-only: changes cannot be saved</source>
        <translation>Tệp dự án chỉ đọc: không thể lưu thay đổi</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/app.py" line="100"/>
        <source>This project is read-only: changes cannot be saved</source>
        <translation>Dự án chỉ đọc: không thể lưu thay đổi</translation>
    </message>
</context>
<context>
    <name>ReviewRowsModel</name>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="47"/>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="47"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="47"/>
        <source>Text</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="53"/>
        <source>Gold</source>
        <translation>Chuẩn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="75"/>
        <source>✓ agree</source>
        <translation>✓ khớp</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="75"/>
        <source>✗ differ</source>
        <translation>✗ khác</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="76"/>
        <source>★ in gold</source>
        <translation>★ đã vào chuẩn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="76"/>
        <source>⊘ not in gold</source>
        <translation>⊘ không vào chuẩn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_model.py" line="84"/>
        <source>(rejected)</source>
        <translation>(đã loại)</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="114"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="116"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="128"/>
        <source>Review — {0}</source>
        <translation>Duyệt — {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="99"/>
        <source>Enter take majority · 1–9 take annotator N · Ctrl+1–9 take N&apos;s whole layer · E take and edit · R/Delete not in gold · N next disagreement · J/K documents · Ctrl+Z undo</source>
        <translation>Enter lấy theo đa số · 1–9 lấy của người thứ N · Ctrl+1–9 lấy cả lớp của người thứ N · E lấy rồi sửa · R/Delete không vào chuẩn · N chỗ khác nhau kế tiếp · J/K chuyển bài · Ctrl+Z hoàn tác</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="145"/>
        <source>{0} annotators · {1} of {2} rows agree · {3} settled ({4} not in gold) · {5} open disagreements · agreement with gold: {6}</source>
        <translation>{0} người gán nhãn · {1} / {2} dòng khớp · {3} đã xử lý ({4} không vào chuẩn) · {5} chỗ khác nhau chưa xử lý · khớp với chuẩn: {6}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="222"/>
        <source>Not saved: {0}</source>
        <translation>Chưa lưu: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="228"/>
        <source>Saved ✓ {0}</source>
        <translation>Đã lưu ✓ {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="237"/>
        <source>{0} has nothing here</source>
        <translation>{0} không có gì ở đây</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="285"/>
        <source>Change to…</source>
        <translation>Đổi thành…</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="301"/>
        <source>No open disagreements left in the project</source>
        <translation>Dự án không còn chỗ khác nhau nào chưa xử lý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/review_window.py" line="313"/>
        <source>No more documents with several annotators</source>
        <translation>Hết bài có nhiều người gán nhãn</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="82"/>
        <source>Project settings</source>
        <translation>Cài đặt dự án</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="87"/>
        <source>Guidelines are written in Markdown and shown in the Guidelines panel.</source>
        <translation>Hướng dẫn viết bằng Markdown và hiện trong khung Hướng dẫn.</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="94"/>
        <source>Entity labels</source>
        <translation>Nhãn thực thể</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="95"/>
        <source>Stance labels</source>
        <translation>Nhãn lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="96"/>
        <source>Guidelines</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="108"/>
        <source>Settings not saved</source>
        <translation>Chưa lưu cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="120"/>
        <source>A label needs a name</source>
        <translation>Nhãn cần có tên</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/settings_dialog.py" line="122"/>
        <source>{0}: &apos;{1}&apos; is not a colour (use #rrggbb)</source>
        <translation>{0}: &apos;{1}&apos; không phải màu (dùng #rrggbb)</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="175"/>
        <source>Label</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="175"/>
        <source>Text</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="175"/>
        <source>Origin</source>
        <translation>Nguồn gốc</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="176"/>
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="176"/>
        <source>Cue</source>
        <translation>Từ dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="176"/>
        <source>Speaker</source>
        <translation>Người nói</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="176"/>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="179"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="177"/>
        <source>Holder</source>
        <translation>Chủ thể</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="177"/>
        <source>→ Target</source>
        <translation>→ Đối tượng</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="177"/>
        <source>Polarity</source>
        <translation>Thái độ</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="178"/>
        <source>Evidence</source>
        <translation>Bằng chứng</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="179"/>
        <source>Suggestion</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="179"/>
        <source>Score</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="180"/>
        <source>Entities</source>
        <translation>Thực thể</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="180"/>
        <source>Quotes</source>
        <translation>Trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="181"/>
        <source>Stances</source>
        <translation>Lập trường</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="181"/>
        <source>Suggestions</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="192"/>
        <source>A note about this document (saved when you leave the field)</source>
        <translation>Ghi chú về bài này (lưu khi rời ô)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="197"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="198"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="199"/>
        <source>Last edits</source>
        <translation>Sửa gần đây</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="200"/>
        <source>Document</source>
        <translation>Bài viết</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="212"/>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="256"/>
        <source>(no speaker)</source>
        <translation>(không có người nói)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="268"/>
        <source>quote</source>
        <translation>trích dẫn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="290"/>
        <source>Entities ({0})</source>
        <translation>Thực thể ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="291"/>
        <source>Quotes ({0})</source>
        <translation>Trích dẫn ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="292"/>
        <source>Stances ({0})</source>
        <translation>Lập trường ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/side_panel.py" line="293"/>
        <source>Suggestions ({0})</source>
        <translation>Gợi ý ({0})</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="115"/>
        <source>to do</source>
        <translation>cần làm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="116"/>
        <source>in progress</source>
        <translation>đang làm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="117"/>
        <source>done</source>
        <translation>xong</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/document_model.py" line="118"/>
        <source>skipped</source>
        <translation>bỏ qua</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="26"/>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="98"/>
        <source>Team</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="30"/>
        <source>Blind mode: annotators see only their own layer and the suggestions</source>
        <translation>Chế độ ẩn: người gán nhãn chỉ thấy lớp của mình và các gợi ý</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="36"/>
        <source>Profile</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="36"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="36"/>
        <source>Assigned / done</source>
        <translation>Được giao / xong</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="41"/>
        <source>New profile name</source>
        <translation>Tên hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="42"/>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="48"/>
        <source>Assign documents not yet in anyone&apos;s queue</source>
        <translation>Giao những bài chưa có trong hàng việc của ai</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="52"/>
        <source>Annotators</source>
        <translation>Người gán nhãn</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="54"/>
        <source>Annotators per document</source>
        <translation>Số người gán nhãn mỗi bài</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="56"/>
        <source>…or double-annotate this share</source>
        <translation>…hoặc cho hai người làm tỉ lệ này</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="58"/>
        <source>Seed (same seed, same plan)</source>
        <translation>Hạt giống (cùng hạt giống, cùng phương án)</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="59"/>
        <source>Assign</source>
        <translation>Giao việc</translation>
    </message>
    <message>
        <location filename="../../desktop/tintag/ui/team_dialog.py" line="129"/>
        <source>Assigned {0} documents ({1} to several annotators): {2}</source>
        <translation>Đã giao {0} bài ({1} bài cho nhiều người): {2}</translation>
    </message>
</context>
</TS>
