"""Building from the bundle builder: in the background with progress, Cancel that leaves
nothing, the confidential-details guard's findings by document and page with a redact button
that makes a clean parties' copy, the build report, and issuing."""

from __future__ import annotations

import threading
from datetime import date

import pikepdf
import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.gui.bundles.build_job import parties_path
from plo_tracker.gui.bundles.bundle_builder import BundleBuilder
from plo_tracker.services.bundles import BundleService
from tests.documents.intake.makers import scan_image, scan_pdf
from tests.gui.bundles_world import add_file, bundles_world_fixture

ADDRESS = "14 Larch Close, Northshire NS4 7QT"


bw = bundles_world_fixture("bundles-build")


@pytest.fixture
def placed(bw):
    """A family of this test's own with two documents placed, one with its address on
    page 2."""
    bw.family_id = bw.new_family()
    bundle_id = bw.new_bundle()
    swet = add_file(bw, "Statement of the social worker", date(2026, 10, 1), 3)
    plan = add_file(bw, "Care plan for Amy", date(2026, 11, 2), 4,
                    DocumentType.CARE_PLAN, secret=(2, ADDRESS))
    for document_id in (swet, plan):
        bw.services.bundles.place(bw.manager, bundle_id, document_id)
    return bundle_id


def open_builder(qtbot, bw, bundle_id) -> BundleBuilder:
    builder = BundleBuilder(bw.services, bw.manager, bundle_id)
    qtbot.addWidget(builder)
    builder.show()
    return builder


def predicted(builder: BundleBuilder) -> dict[str, tuple[str, str]]:
    return {d.title: (d.first_label, d.last_label)
            for s in builder.sections_model.sections() for d in s.documents}


def page_texts(pdf) -> list[str]:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def test_a_build_in_the_background_matches_the_page_numbers_shown(qtbot, bw, placed, tmp_path):
    builder = open_builder(qtbot, bw, placed)
    shown = predicted(builder)
    assert shown == {"Statement of the social worker": ("C1", "C3"),
                     "Care plan for Amy": ("D1", "D4")}
    out = tmp_path / "out" / "Bundle.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(builder.build_finished, timeout=60_000) as finished:
        builder.build_to(out, redact=True)
        assert builder.progress.isVisible() and builder.cancel_button.isVisible()
        assert not builder.build_button.isEnabled()
    version = finished.args[0]
    assert version.number == 1
    assert out.is_file() and parties_path(out).is_file()
    with pikepdf.open(out) as pdf:
        labels = [page.label for page in pdf.pages]
    for entry in version.manifest:
        assert (labels[entry.first_page - 1], labels[entry.last_page - 1]) == shown[entry.title]
    dialog = builder.result_dialog
    assert dialog.windowTitle() == "Version 1 built"
    assert set(dialog.open_buttons) == {"court", "parties"}
    # No register entry for this family: nothing to redact, and the report says so.
    assert "redacted" not in dialog.lists
    assert "Nothing needed redacting." in [label.text() for label in dialog.findChildren(QLabel)]
    assert not builder.progress.isVisible()
    assert builder.versions.topLevelItemCount() == 1


def test_cancel_leaves_nothing_behind(qtbot, bw, placed, tmp_path, monkeypatch):
    # The build waits at a gate until Cancel has been pressed, so the test never races it.
    gate = threading.Event()
    real_build = BundleService.build

    def gated(self, *args, **kwargs):
        gate.wait(30)
        return real_build(self, *args, **kwargs)

    monkeypatch.setattr(BundleService, "build", gated)
    builder = open_builder(qtbot, bw, placed)
    out = tmp_path / "cancelled" / "Bundle.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(builder.build_finished, timeout=60_000) as finished:
        builder.build_to(out, redact=True)
        qtbot.mouseClick(builder.cancel_button, Qt.MouseButton.LeftButton)
        assert builder.build_status.text() == "Cancelling…"
        gate.set()
    assert finished.args == [None]
    assert builder.build_status.text() == "Build cancelled. Nothing was saved."
    assert list(out.parent.iterdir()) == []
    assert bw.services.bundles.versions(bw.manager, placed) == ()


def test_details_found_are_listed_by_document_and_page_and_redacting_builds_again(
        qtbot, bw, placed, tmp_path):
    bw.services.confidential_register.add(bw.manager, bw.family_id, ConfidentialKind.ADDRESS,
                                          ADDRESS)
    builder = open_builder(qtbot, bw, placed)
    out = tmp_path / "Bundle.pdf"
    with qtbot.waitSignal(builder.build_finished, timeout=60_000):
        builder.build_to(out)
    dialog = builder.result_dialog
    found = [dialog.lists["hits"].item(n).text() for n in range(dialog.lists["hits"].count())]
    # Document and page, with its number in the bundle; never the address itself.
    assert len(found) == 1
    assert found[0].startswith("“Care plan for Amy”, page 2 (D2)")
    assert "Larch" not in found[0]
    assert not out.exists() and not parties_path(out).exists()
    with qtbot.waitSignal(builder.build_finished, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.redact_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].number == 1
    report = builder.result_dialog.lists["redacted"]
    assert any("Care plan for Amy" in report.item(n).text() for n in range(report.count()))
    court, parties = page_texts(out), page_texts(parties_path(out))
    assert any("Larch Close" in text for text in court)
    assert not any("Larch" in text for text in parties)
    assert len(court) == len(parties)


def test_issue_asks_first_and_then_marks_the_version(qtbot, bw, placed, tmp_path, monkeypatch):
    builder = open_builder(qtbot, bw, placed)
    with qtbot.waitSignal(builder.build_finished, timeout=60_000):
        builder.build_to(tmp_path / "Bundle.pdf", redact=True)
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2])
                        or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(builder.result_dialog.issue_button, Qt.MouseButton.LeftButton)
    assert "keep their page numbers" in asked[0]
    assert builder.versions.topLevelItem(0).text(4) == "Issued"
    assert not builder.issue_button.isEnabled()
    assert bw.services.bundles.versions(bw.manager, placed)[0].issued


def test_pages_not_checked_are_confirmed_before_the_build_goes_on(qtbot, bw, tmp_path,
                                                                  monkeypatch):
    bw.family_id = bw.new_family()
    scanned = scan_pdf(tmp_path / "scan.pdf", scan_image(tmp_path / "scan.png",
                                                         ["Handwritten note of visit"]))
    with monkeypatch.context() as no_ocr:
        no_ocr.setenv("PATH", str(tmp_path / "no-tesseract-here"))
        note = add_file(bw, "Note of visit", date(2026, 11, 5), 1, path=scanned)
    bundle_id = bw.new_bundle()
    bw.services.bundles.place(bw.manager, bundle_id, note)
    builder = open_builder(qtbot, bw, bundle_id)
    warnings = [builder.warnings.item(n).text() for n in range(builder.warnings.count())]
    assert any("not checked for confidential details" in w for w in warnings)
    asked = []
    monkeypatch.setattr(BundleBuilder, "_confirm_unchecked",
                        lambda self, unchecked: asked.append([u.words for u in unchecked])
                        or True)
    out = tmp_path / "Bundle.pdf"
    with qtbot.waitSignal(builder.build_finished, timeout=60_000):
        builder.build_to(out)
    assert asked == [["document “Note of visit”, page 1"]]
    # Confirmed: the build went on by itself and finished.
    with qtbot.waitSignal(builder.build_finished, timeout=60_000) as finished:
        pass
    assert finished.args[0].unchecked == ("“Note of visit”: page 1",)
    assert out.is_file()
