"""Team → Profiles and assignment: roles, blind mode, handing out documents.

Changes are saved when made (like every edit); the store refuses them for
someone who may not manage the project, and the refusal is shown.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from tintag.core.store import ProjectError, ProjectStore
from tintag.core.store.access import ROLES
from tintag.core.team.assign import assign

from .plain import show_message


class TeamDialog(QDialog):
    def __init__(self, store: ProjectStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Team"))
        self.resize(560, 620)
        layout = QVBoxLayout(self)

        self.blind = QCheckBox(self.tr("Blind mode: annotators see only their own layer and the suggestions"))
        self.blind.setChecked(store.blind)
        self.blind.toggled.connect(self._set_blind)
        layout.addWidget(self.blind)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Profile"), self.tr("Role"), self.tr("Assigned / done")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        add_row = QHBoxLayout()
        self.new_name = QLineEdit(placeholderText=self.tr("New profile name"))
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self._add)
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(add)
        layout.addLayout(add_row)

        box = QGroupBox(self.tr("Assign documents not yet in anyone's queue"))
        form = QFormLayout(box)
        self.who = QListWidget()
        self.who.setMaximumHeight(110)
        form.addRow(self.tr("Annotators"), self.who)
        self.per_doc = QSpinBox(minimum=1, maximum=9, value=1)
        form.addRow(self.tr("Annotators per document"), self.per_doc)
        self.overlap = QDoubleSpinBox(minimum=0.0, maximum=100.0, value=0.0, suffix=" %", decimals=0)
        form.addRow(self.tr("…or double-annotate this share"), self.overlap)
        self.seed = QSpinBox(minimum=0, maximum=10**6, value=0)
        form.addRow(self.tr("Seed (same seed, same plan)"), self.seed)
        go = QPushButton(self.tr("Assign"))
        go.clicked.connect(self._assign)
        form.addRow(go)
        self.result = QLabel()
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        form.addRow(self.result)
        layout.addWidget(box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        queues = self.store.queue_counts()
        profiles = self.store.annotators()
        self.table.setRowCount(len(profiles))
        self.who.clear()
        for row, profile in enumerate(profiles):
            name = profile["name"]
            self.table.setItem(row, 0, QTableWidgetItem(name))
            role = QComboBox()
            role.addItems(list(ROLES))
            role.setCurrentText(profile["role"])
            role.currentTextChanged.connect(lambda value, n=name: self._set_role(n, value))
            self.table.setCellWidget(row, 1, role)
            q = queues.get(name, {})
            self.table.setItem(row, 2, QTableWidgetItem(f"{sum(q.values())} / {q.get('done', 0)}"))
            if profile["role"] == "annotator":
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.who.addItem(item)

    def _guard(self, action) -> bool:
        try:
            action()
        except (ProjectError, ValueError, KeyError) as err:
            show_message(self, self.tr("Team"), str(err), warning=True)
            return False
        return True

    def _set_blind(self, on: bool) -> None:
        if not self._guard(lambda: self.store.set_blind(on)):
            self.blind.blockSignals(True)
            self.blind.setChecked(self.store.blind)
            self.blind.blockSignals(False)

    def _set_role(self, name: str, role: str) -> None:
        self._guard(lambda: self.store.set_role(name, role))
        self._fill()

    def _add(self) -> None:
        name = self.new_name.text().strip()
        if name and self._guard(lambda: self.store.add_annotator(name)):
            self.new_name.clear()
            self._fill()

    def _assign(self) -> None:
        names = [self.who.item(i).text() for i in range(self.who.count())
                 if self.who.item(i).checkState() == Qt.CheckState.Checked]
        out = {}

        def run():
            out.update(assign(self.store, names, per_document=self.per_doc.value(),
                              double_fraction=self.overlap.value() / 100, seed=self.seed.value()))

        if self._guard(run):
            per = ", ".join(f"{n} {k}" for n, k in out["per_annotator"].items())
            self.result.setText(self.tr("Assigned {0} documents ({1} to several annotators): {2}").format(
                out["documents"], out["double"], per))
            self._fill()
