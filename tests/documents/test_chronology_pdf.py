"""The chronology PDF read back: numbered entries in order, dates, sources, page numbers."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta

from pypdf import PdfReader

from plo_tracker.documents.chronology_pdf import ChronologyPrint, render_chronology
from plo_tracker.domain.chronology import ChronologyLine


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "chronology.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _print(lines) -> ChronologyPrint:
    return ChronologyPrint("PLO-2026-0042", ("Ruby Testcase, born Tue 2 Apr 2019",),
                           tuple(lines), date(2026, 11, 26), "Sam Okafor")


def test_entries_are_numbered_with_date_event_and_source(tmp_path):
    lines = [
        ChronologyLine(date(2026, 3, 3), "Legal gateway decision: Enter pre-proceedings.",
                       "Gateway decision record"),
        ChronologyLine(date(2026, 3, 5), "Letter before proceedings sent to Jade Testcase.",
                       "Letter"),
        ChronologyLine(date(2026, 3, 14), "Home visit: the children were well.",
                       "Case note 14 Mar 2026"),
    ]
    printed = render_chronology(_print(lines))
    text = _text(printed.pdf, tmp_path)
    assert "Social work chronology" in text
    assert "PLO-2026-0042" in text and "Ruby Testcase, born Tue 2 Apr 2019" in text
    assert re.search(r"No\.\s+Date\s+Event\s+Source", text)
    # 3 March 2026 is a Tuesday, 5 March a Thursday, 14 March a Saturday.
    starts = re.findall(r"^\s*(\d+)\s+(\w{3} \d+ \w{3} 2026)\s", text, re.M)
    assert starts == [("1", "Tue 3 Mar 2026"), ("2", "Thu 5 Mar 2026"), ("3", "Sat 14 Mar 2026")]
    flat = " ".join(text.split())
    places = [flat.index(line.event) for line in lines]
    assert places == sorted(places)
    for source in ("Letter", "Case note 14 Mar 2026"):
        assert source in flat
    # A long source wraps in its column.
    assert re.search(r"Gateway decision\s*\n\s*record", text)
    assert printed.pages == 1
    assert "Page 1 of 1" in text


def test_a_long_chronology_runs_over_pages_numbered_page_n_of_m(tmp_path):
    start = date(2025, 1, 1)  # a Wednesday
    event = ("Review pre-proceedings meeting held with both parents and their solicitors; "
             "progress on each expectation discussed and the next steps agreed. ") * 3
    lines = [ChronologyLine(start + timedelta(days=7 * n), f"{n + 1}: {event}", "Meeting record")
             for n in range(120)]
    printed = render_chronology(_print(lines))
    reader = PdfReader(io.BytesIO(printed.pdf))
    assert len(reader.pages) == printed.pages > 10
    text = _text(printed.pdf, tmp_path)
    total = printed.pages
    for page in range(1, total + 1):
        assert f"Page {page} of {total}" in text
    # The heading row repeats on every page; entries keep their numbers in order.
    assert len(re.findall(r"No\.\s+Date\s+Event\s+Source", text)) == total
    numbers = [int(m) for m in re.findall(r"^\s*(\d+)\s+Wed \d+ \w{3}\b", text, re.M)]
    assert numbers == list(range(1, 121))
