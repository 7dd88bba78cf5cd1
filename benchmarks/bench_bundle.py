"""Time to build a court bundle, against the bare qpdf merge and a plain copy of the inputs.

Target (issue 10): the full bundle (front sheet, index, stamps, labels, bookmarks, links)
no slower than `qpdf --empty --pages ... -- out.pdf` of the same inputs (ratio <= 1) and at
most 3 times copying the input files (ratio <= 3); the 3,000-page build peaking under
400 MB and never holding every source file open (Windows allows 512 files a process).

Inputs are made by this script: text documents laid out with reportlab and, one document
in eight, scanned pages (a page-sized JPEG or lossless image each, no text layer). The three actions
take turns (common.interleaved_medians), so a slow spell of this shared machine does not
fall on one side only. Peak memory and open files are measured in a child process that
builds the 3,000-page bundle alone (its peak resident memory; /proc/self/fd counted at
each progress call).

    python benchmarks/bench_bundle.py [--runs 3] [--sizes 350:40,3000:400] [--folder DIR]
                                      [--clock wall|cpu]

"--clock cpu" counts CPU time, this process's and its children's (qpdf), instead of wall
time: steadier when others share the machine.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pikepdf  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from plo_tracker.documents.bundle import (  # noqa: E402
    BundleDocument,
    BundleLayout,
    BundleSection,
    FrontSheet,
    build_bundle,
)

SECTIONS = (("A", "Preliminary documents"), ("B", "Applications and orders"),
            ("C", "Statements"), ("D", "Care plans"), ("E", "Experts' reports"),
            ("F", "Other documents"))
WORDS = ("the", "child", "mother", "father", "social", "worker", "visit", "home", "school",
         "assessment", "contact", "concerns", "plan", "meeting", "agreed", "progress",
         "health", "nursery", "report", "family", "support")


def scan_images(count: int) -> list[tuple[bytes, str]]:
    """Grey A4 scans at 150 dpi, paper grain and lines of writing: every fourth kept
    losslessly (Flate, as a PNG is embedded, about 1.5 MB), the others as JPEG (0.4 MB)."""
    images = []
    for number in range(count):
        page = Image.effect_noise((1240, 1754), 6 + number).point(lambda v: min(255, v + 110))
        draw = ImageDraw.Draw(page)
        for line in range(45):
            draw.text((100 + number, 120 + line * 36), "notes of the visit " * 8, fill=40)
        if number % 4 == 3:
            images.append((zlib.compress(page.tobytes(), 6), "/FlateDecode"))
        else:
            buffer = BytesIO()
            page.save(buffer, "JPEG", quality=75)
            images.append((buffer.getvalue(), "/DCTDecode"))
    return images


def text_document(path: Path, title: str, pages: int, rng: random.Random) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 13)
        canvas.drawString(72, A4[1] - 72, f"{title} - page {number}")
        canvas.setFont("Helvetica", 10.5)
        for line in range(46):
            canvas.drawString(72, A4[1] - 100 - 15 * line,
                              " ".join(rng.choice(WORDS) for _ in range(13)))
        canvas.showPage()
    canvas.save()


def scanned_document(path: Path, pages: int, images: list[tuple[bytes, str]],
                     rng: random.Random) -> None:
    """Pages that are each one image to the edges, no text: as a scanner writes them."""
    pdf = pikepdf.new()
    for _ in range(pages):
        data, encoding = rng.choice(images)
        image = pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject,
                               Subtype=pikepdf.Name.Image, Width=1240, Height=1754,
                               ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                               Filter=pikepdf.Name(encoding))
        pdf.add_blank_page(page_size=A4)
        page = pdf.pages[-1]
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Scan=image))
        page.Contents = pdf.make_stream(b"q %.2f 0 0 %.2f 0 0 cm /Scan Do Q" % A4)
    pdf.save(path)


def make_inputs(folder: Path, pages: int, documents: int, images: list[bytes]) -> BundleLayout:
    """``documents`` PDFs of ``pages`` pages in all, spread over sections A to F."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(pages)
    # Page counts around the mean, adjusted so that they add up exactly.
    counts = [max(1, round(rng.gauss(pages / documents, pages / documents / 2)))
              for _ in range(documents)]
    while sum(counts) != pages:
        spot = rng.randrange(documents)
        counts[spot] = max(1, counts[spot] + (1 if sum(counts) < pages else -1))
    sections: list[list[BundleDocument]] = [[] for _ in SECTIONS]
    for number, count in enumerate(counts):
        path = folder / f"doc{number:04d}.pdf"
        title = f"Document {number + 1}: " + " ".join(rng.choice(WORDS) for _ in range(4))
        if number % 8 == 7:
            scanned_document(path, count, images, rng)
        else:
            text_document(path, title, count, rng)
        sections[number * len(SECTIONS) // documents].append(BundleDocument(
            key=str(number), title=title, document_date=date(2026, 1, 1) + timedelta(number),
            pdf_path=path, sha256="-", page_count=count))
    front = FrontSheet("Re A (Children)", "ZW26C00123", "Family Court sitting at Northshire",
                       datetime(2026, 3, 3, 10, 30), "HHJ Example", "Northshire Legal",
                       "Version 1", "Court's copy")
    return BundleLayout(front, tuple(BundleSection(letter, title, tuple(docs))
                                     for (letter, title), docs in zip(SECTIONS, sections,
                                                                      strict=True)))


def input_paths(layout: BundleLayout) -> list[Path]:
    return [doc.pdf_path for section in layout.sections for doc in section.documents]


def qpdf_merge(layout: BundleLayout, out: Path) -> None:
    subprocess.run(["qpdf", "--empty", "--pages", *map(str, input_paths(layout)), "--",
                    str(out)], check=True)


def copy_inputs(layout: BundleLayout, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for path in input_paths(layout):
        shutil.copyfile(path, folder / path.name)


def child(layout_file: Path, out: Path) -> None:
    """Build alone, then print peak memory (MB) and the most files open at once."""
    layout = pickle.loads(layout_file.read_bytes())
    most_open = [len(os.listdir("/proc/self/fd"))]

    def progress(done: int, total: int) -> None:
        most_open.append(len(os.listdir("/proc/self/fd")))

    build_bundle(layout, out, progress=progress)
    print(f"{peak_megabytes():.0f} {max(most_open)} {len(input_paths(layout))}")


def peak_megabytes() -> float:
    """This process's peak resident memory. Linux's VmHWM, where there is one: ru_maxrss
    may carry the peak of the parent this process was forked from (a large one, after
    the timed builds) across exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_alone(layout: BundleLayout, folder: Path) -> tuple[float, int, int]:
    layout_file = folder / "layout.pickle"
    if not layout_file.exists():
        layout_file.write_bytes(pickle.dumps(layout))
    result = subprocess.run([sys.executable, __file__, "--child", str(layout_file),
                             str(folder / "alone.pdf")], capture_output=True, text=True,
                            check=True)
    peak, most_open, inputs = result.stdout.split()
    return float(peak), int(most_open), int(inputs)


def qpdf_peak(layout: BundleLayout, folder: Path) -> float:
    """Peak memory (MB) of the bare qpdf merge, in a child of its own."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    result = subprocess.run([sys.executable, "-c", code, "qpdf", "--empty", "--pages",
                             *map(str, input_paths(layout)), "--", str(folder / "q.pdf")],
                            capture_output=True, text=True, check=True)
    return float(result.stdout)


def cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (qpdf)."""
    user, system, children_user, children_system, _ = os.times()
    return user + system + children_user + children_system


CLOCKS = {"wall": time.perf_counter, "cpu": cpu_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="350:40,3000:400",
                        help="pages:documents of each bundle, comma separated")
    parser.add_argument("--folder", type=Path, default=None,
                        help="where to make the inputs (default: a new temporary folder)")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    # Imported here, not above: the child measuring memory must not carry what the
    # benchmark helpers load (the services, SQLAlchemy) into its figure.
    import common

    print(f"python benchmarks/bench_bundle.py --runs {args.runs} --sizes {args.sizes} "
          f"--clock {args.clock}")
    base = args.folder or Path(tempfile.mkdtemp(prefix="plo-bench-bundle-"))
    images = [] if args.folder and all(
        (args.folder / size.split(":")[0] / "layout.pickle").exists()
        for size in args.sizes.split(",")) else scan_images(8)
    for size in args.sizes.split(","):
        pages, documents = (int(part) for part in size.split(":"))
        folder = base / f"{pages}"
        saved = folder / "layout.pickle"
        if saved.exists():  # inputs made by an earlier run with --folder
            layout = pickle.loads(saved.read_bytes())
        else:
            layout = make_inputs(folder / "in", pages, documents, images)
        megabytes = sum(path.stat().st_size for path in input_paths(layout)) / 1e6
        built = build_bundle(layout, folder / "bundle.pdf")
        build, merge, copy = common.interleaved_medians([
            lambda: build_bundle(layout, folder / "bundle.pdf"),  # noqa: B023
            lambda: qpdf_merge(layout, folder / "merged.pdf"),  # noqa: B023
            lambda: copy_inputs(layout, folder / "copied"),  # noqa: B023
        ], runs=args.runs, warmups=1, clock=CLOCKS[args.clock])
        print(f"{pages} pages from {documents} documents ({megabytes:.0f} MB in, "
              f"{(folder / 'bundle.pdf').stat().st_size / 1e6:.0f} MB out, "
              f"{built.page_count} pages built): build {build:.2f} s, qpdf merge {merge:.2f} s, "
              f"copy {copy:.2f} s ({args.clock} time, medians of {args.runs})")
        print(f"  ratios: build / qpdf merge {build / merge:.2f} (target <= 1), "
              f"build / copy {build / copy:.2f} (target <= 3)")
        peak, most_open, inputs = measure_alone(layout, folder)
        print(f"  alone: peak memory {peak:.0f} MB (target < 400; qpdf merge "
              f"{qpdf_peak(layout, folder):.0f} MB), at most {most_open} files open "
              f"for {inputs} inputs")
    print(f"inputs kept in {base}")


if __name__ == "__main__":
    main()
