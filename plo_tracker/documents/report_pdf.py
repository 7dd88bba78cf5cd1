"""The monthly management report as a PDF: its charts drawn with reportlab's own graphics
(vector bars, not screenshots of the window) and its tables, in the records' page layout."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from plo_tracker.documents import fonts
from plo_tracker.documents.record_pdf import (
    RenderedRecord,
    heading_block,
    render_record,
    style,
    table_style,
    text,
)

# Safe for colour-blind readers (blue, amber, purple, grey), and each series is named in
# the legend as well, so no reader depends on the colour alone.
SERIES_COLOURS = (colors.HexColor("#1f5fa8"), colors.HexColor("#e69f00"),
                  colors.HexColor("#8e3b8f"), colors.HexColor("#6b6b6b"))
CHART_HEIGHT = 70 * mm
_LEGEND_ROOM, _LABEL_ROOM = 18, 34  # points above the bars, and below them
HEADER_FILL = colors.HexColor("#e8edf4")


@dataclass(frozen=True)
class PdfChart:
    """A bar chart: one group of bars per category (month), one bar per series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (name, a value per category)


@dataclass(frozen=True)
class PdfTable:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    empty: str = ""
    widths: tuple[float, ...] | None = None  # shares of the page width, or even


@dataclass(frozen=True)
class ManagementReport:
    """What the report says: its title, the lines under it, then charts, then tables."""

    title: str
    lines: tuple[str, ...]
    charts: tuple[PdfChart, ...]
    tables: tuple[PdfTable, ...]
    author: str
    footer: str


def render_management_report(report: ManagementReport) -> RenderedRecord:
    """The report on A4 pages, "Page N of M" and ``report.footer`` on each."""
    story: list[Flowable] = heading_block(report.title, [text(line) for line in report.lines])
    width = style().frame_width
    for chart in report.charts:
        story += [KeepTogether([_subheading(chart.title), bar_chart(chart, width)]),
                  Spacer(1, 4 * mm)]
    for table in report.tables:
        story += _table(table, width)
    return render_record(story, title=report.title, author=report.author,
                         subject="Management figures for pre-proceedings (PLO)",
                         footer=report.footer)


def _subheading(words: str) -> Paragraph:
    return Paragraph(text(words), style().subheading)


def bar_chart(chart: PdfChart, width: float) -> Drawing:
    """The chart as a reportlab drawing, with a legend under it."""
    fonts.register_fonts()
    drawing = Drawing(width, CHART_HEIGHT)
    bars = VerticalBarChart()
    bars.x, bars.y = 28, _LABEL_ROOM
    bars.width, bars.height = width - 40, CHART_HEIGHT - _LABEL_ROOM - _LEGEND_ROOM
    bars.data = [list(values) for _name, values in chart.series] or [[0]]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.categoryAxis.labels.fontName = fonts.REGULAR
    bars.categoryAxis.labels.fontSize = 7
    # Many months: the labels turn so they do not overlap.
    if len(chart.categories) > 6:
        bars.categoryAxis.labels.angle = 45
        bars.categoryAxis.labels.boxAnchor = "ne"
    bars.valueAxis.labels.fontName = fonts.REGULAR
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    highest = max((max(values, default=0) for _n, values in chart.series), default=0)
    bars.valueAxis.valueMax = max(highest, 1) * 1.15
    bars.valueAxis.valueStep = max(1, round(max(highest, 1) / 5))
    for index in range(len(chart.series)):
        bars.bars[index].fillColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        bars.bars[index].strokeColor = None
    drawing.add(bars)
    legend = Legend()
    # Above the bars: below them the months' turned labels would run into it.
    legend.x, legend.y, legend.boxAnchor = 28, CHART_HEIGHT - 2, "nw"
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName, legend.fontSize = fonts.REGULAR, 8
    legend.colorNamePairs = [(SERIES_COLOURS[i % len(SERIES_COLOURS)], name)
                             for i, (name, _values) in enumerate(chart.series)]
    legend.deltax = max(60, (width - 40) / max(1, len(chart.series)))
    drawing.add(legend)
    if not any(any(values) for _n, values in chart.series):
        drawing.add(String(width / 2, CHART_HEIGHT / 2, "Nothing in this period",
                           fontName=fonts.REGULAR, fontSize=9, textAnchor="middle"))
    return drawing


def _table(table: PdfTable, width: float) -> list[Flowable]:
    block: list[Flowable] = [_subheading(table.title)]
    if table.note:
        block.append(Paragraph(text(table.note), style().details))
    if not table.rows:
        block += [Paragraph(text(table.empty or "Nothing to show."), style().body),
                  Spacer(1, 4 * mm)]
        return block
    head, cell = table_style(bold=True), table_style()
    if len(table.columns) > 5:
        # Narrow columns: smaller headings, so words such as "application" are not split.
        head = ParagraphStyle("ReportNarrowHead", parent=head, fontSize=7.5, leading=9.5)
    data = [[Paragraph(text(c), head) for c in table.columns]]
    data += [[Paragraph(text(c), cell) for c in row] for row in table.rows]
    shares = table.widths or tuple(1 / len(table.columns) for _ in table.columns)
    grid = Table(data, colWidths=[width * s for s in shares], repeatRows=1)
    grid.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return [*block, grid, Spacer(1, 5 * mm)]
