"""One family's facts for the panel view, as the summary sheet gives them: children and ages,
stage and week, concerns, the plan and progress, assessments, letters and meetings, extensions
and the social worker's recommendation."""

from __future__ import annotations

from html import escape

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.vocabulary import PlanItemKind
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.panel_views import AgendaItemView

from .agenda_editor import week_words


def _when(day) -> str:
    return medium_date(day) if day else "not set"


def _section(title: str, lines: list[str], empty: str) -> str:
    body = "".join(f"<li>{escape(line)}</li>" for line in lines) if lines else \
        f"<li><i>{escape(empty)}</i></li>"
    return f"<h3>{escape(title)}</h3><ul>{body}</ul>"


def _assessment(a) -> str:
    if a.completed_date:
        status = f"completed {medium_date(a.completed_date)}"
    else:
        status = f"due {_when(a.due_date)}, not completed"
    return f"{a.kind.label} ({a.subject}): {status}"


def summary_html(item: AgendaItemView, detail: FamilyDetail | None) -> str:
    """The family's facts as HTML for a read-only text view."""
    parts = [f"<h2>{escape(item.family_text)}</h2>", "<p>"]
    facts = [
        ("Children", item.children_text or (", ".join(
            f"{c.first_name} {c.last_name} ({c.age_text})".strip() for c in detail.children)
            if detail else "")),
        ("Stage", item.stage.label if item.stage else "No episode yet"),
        ("Week", week_words(item)),
        ("Social worker", item.worker_name or "Not allocated"),
        ("On the agenda because", item.reason.label),
    ]
    parts += [f"<b>{escape(name)}:</b> {escape(value or 'none recorded')}<br>"
              for name, value in facts]
    parts.append("</p>")
    episode = detail.episodes[-1] if detail and detail.episodes else None
    if episode is not None:
        plan = episode.plan
        concerns = [p.text for p in plan if p.kind is PlanItemKind.CONCERN]
        expectations = []
        for p in plan:
            if p.kind is PlanItemKind.EXPECTATION:
                latest = p.progress[-1] if p.progress else None
                progress = (f" Progress ({medium_date(latest.recorded_on)}): {latest.text}"
                            if latest else " No progress recorded.")
                expectations.append(f"{p.text} (by {_when(p.due_date)}).{progress}")
        parts.append(_section("Concerns", concerns, "No concerns recorded"))
        parts.append(_section("The plan: what must change", expectations,
                              "No plan recorded"))
        parts.append(_section("Assessments", [_assessment(a) for a in episode.assessments],
                              "No assessments"))
        parts.append(_section("Letters", [
            f"{letter.kind.title} to {letter.recipient}: "
            + (f"sent {medium_date(letter.sent_date)}" if letter.sent_date else "not sent")
            for letter in episode.letters], "No letters"))
        parts.append(_section("Meetings", [
            f"{m.kind.label}: " + (f"held {medium_date(m.held_date)}" if m.held_date
                                   else f"planned {_when(m.planned_date)}")
            for m in episode.meetings], "No meetings"))
        parts.append(_section("Extensions", [
            f"To {medium_date(e.new_end_date)} (decided {medium_date(e.decided_on)}): "
            f"{e.reason}" for e in episode.extensions], "No extensions"))
    parts.append(f"<h3>Social worker's recommendation</h3><p>"
                 f"{escape(item.recommendation or 'None given.')}</p>")
    return "".join(parts)
