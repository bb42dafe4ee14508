"""Plugins > GeoInverse > Install missing packages: what is missing, what will be
installed where, progress, the log, and success or a clear failure.

The install itself is dependencies.install_missing(), the code geoinverse:installdependencies
runs; here it runs in a worker thread so that QGIS stays responsive.
"""
import html

from qgis.core import QgsApplication
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt, QThread, pyqtSignal
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                                 QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout)

from . import dependencies, packages
from ..algorithms.errors import PIP_NAMES


def tr(text):
    return QCoreApplication.translate("GeoInverse", text)


class InstallWorker(QThread):
    line = pyqtSignal(str)
    fraction = pyqtSignal(float)
    succeeded = pyqtSignal(object)
    failed = pyqtSignal(str)

    def __init__(self, find_links, no_index, parent=None):
        super().__init__(parent)
        self.find_links, self.no_index, self.stop = find_links, no_index, False

    def run(self):
        try:
            result = dependencies.install_missing(
                find_links=self.find_links, no_index=self.no_index, log=self.line.emit,
                progress=self.fraction.emit, cancelled=lambda: self.stop)
        except packages.InstallError as error:
            self.failed.emit(str(error))
        except Exception as error:  # shown in the dialog, never a Python error box
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.succeeded.emit(result)


class InstallerDialog(QDialog):
    """Modeless; `finished_with` is set to ("ok", result) or ("failed", message)."""
    install_finished = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("GeoInverse \u2014 Install missing packages"))
        self.resize(760, 520)
        self.worker, self.finished_with = None, None
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Wheelhouse folder (offline, optional):")))
        self.wheelhouse = QgsFileWidget()
        self.wheelhouse.setStorageMode(QgsFileWidget.GetDirectory)
        row.addWidget(self.wheelhouse, 1)
        layout.addLayout(row)
        self.no_index = QCheckBox(tr("Only the wheelhouse (no internet)"))
        layout.addWidget(self.no_index)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setFont(QFont("monospace"))
        layout.addWidget(self.log, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.install_button = QPushButton(tr("Install"))
        buttons.addButton(self.install_button, QDialogButtonBox.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.Close)
        self.close_button.setText(tr("Close"))   # Qt's own word is not translated everywhere
        self.install_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.cancel_or_close)
        layout.addWidget(buttons)
        self.describe()

    def describe(self):
        modules, requirements = dependencies.plan()
        folder = dependencies.packages_folder()
        if not modules:
            self.summary.setText(tr("Nothing is missing: every package GeoInverse's "
                                    "algorithms need can be imported.") + "<br>"
                                 + tr("Packages folder: {}").format(folder))
            self.install_button.setEnabled(False)
            return
        uses = dependencies.needed_by()
        missing = "".join(f"<li><b>{PIP_NAMES.get(m, m)}</b>: "
                          f"{', '.join(tr(a.display) for a in uses.get(m, []))}</li>"
                          for m in modules)
        try:
            python = packages.find_interpreter()
        except packages.InstallError as error:
            python = None
            self.status.setText(str(error))
            self.install_button.setEnabled(False)
        kept = ", ".join(f"{k} {v}" for k, v in packages.loaded_versions().items())
        self.summary.setText(
            tr("Missing, and the algorithms that need them:") + f"<ul>{missing}</ul>"
            + tr("Will install <b>{}</b> (and what they need) with QGIS's Python "
                 "<code>{}</code> into <code>{}</code>. QGIS's own {} stay as they are.")
            .format(", ".join(requirements), python or "?", folder, kept))

    def start(self):
        find_links = self.wheelhouse.filePath() or None
        if self.no_index.isChecked() and not find_links:
            self.status.setText(tr("'Only the wheelhouse' needs a wheelhouse folder."))
            return
        self.install_button.setEnabled(False)
        self.close_button.setText(tr("Cancel"))
        self.status.setText(tr("Installing\u2026 this downloads about 40 MB."))
        self.finished_with = None
        self.worker = InstallWorker(find_links, self.no_index.isChecked(), self)
        self.worker.line.connect(self.log.appendPlainText)
        self.worker.fraction.connect(lambda f: self.progress.setValue(int(round(100 * f))))
        self.worker.succeeded.connect(self.on_success)
        self.worker.failed.connect(self.on_failure)
        self.worker.start()

    def on_success(self, result):
        self.finished_with = ("ok", result)
        self.progress.setValue(100)
        provider = QgsApplication.processingRegistry().providerById("geoinverse")
        if provider is not None:
            provider.refreshAlgorithms()
        if result["restart"]:
            text = tr("Installed. Restart QGIS so that the algorithms use the new packages.")
        elif result["modules"]:
            text = tr("Installed into {}. The algorithms can be used now.").format(
                result["folder"])
        else:
            text = tr("Nothing was missing.")
        self.status.setText(f"<b style='color:#1b7a1b'>{text}</b>")
        self.finish()

    def on_failure(self, message):
        self.finished_with = ("failed", message)
        self.log.appendPlainText(message)
        self.status.setText("<b style='color:#b00020'>" + tr("Nothing was installed.")
                            + "</b> " + html.escape(message.splitlines()[0]))
        self.install_button.setEnabled(True)
        self.finish()

    def finish(self):
        self.close_button.setText(tr("Close"))
        self.install_finished.emit()

    def closeEvent(self, event):  # noqa: N802
        if self.worker is not None and self.worker.isRunning():
            self.worker.stop = True
            self.worker.wait()
        super().closeEvent(event)

    def cancel_or_close(self):
        if self.worker is not None and self.worker.isRunning():
            self.worker.stop = True
            self.status.setText(tr("Cancelling\u2026"))
        else:
            self.close()
