"""Synthetic court documents for the demo database: a social work statement, assessments,
a care plan, an expert's report, a position statement, the application and an order.

Every one is drawn from a plain DemoCase (the demo family's fictional names and dates) and
says on each page that it is a synthetic demo document. Nothing here names a real person or
place: the council, the court and the addresses are the demo's invented Northshire.
Drawn with reportlab; no scanned pages, so the demo needs no OCR.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from plo_tracker.documents.pdf_style import ACCENT
from plo_tracker.domain.date_text import long_date

SYNTHETIC = "Synthetic demo document: every person, place and event in it is fictional."


@dataclass(frozen=True)
class DemoChild:
    name: str
    born: date | None  # None: not yet born


@dataclass(frozen=True)
class DemoAdult:
    name: str
    relationship: str  # "mother", "father", "maternal grandmother"


@dataclass(frozen=True)
class DemoCase:
    """What the documents say about one demo family, read from its record."""

    reference: str  # the PLO family id
    council: str
    worker: str
    manager: str
    children: tuple[DemoChild, ...]
    adults: tuple[DemoAdult, ...]
    started: date  # the gateway decision that began pre-proceedings
    concerns: tuple[str, ...]
    expectations: tuple[str, ...]
    support: tuple[str, ...]
    history: str
    assessor: str  # who wrote the parenting assessment
    expert: str  # the psychologist
    court: str = ""
    case_number: str = ""
    applied: date | None = None  # the care application, once made
    carer: str | None = None  # a relative caring for the children at a confidential address
    carer_address: str | None = None
    events: tuple[tuple[date, str], ...] = ()  # the record's key dates, for the chronology


# -- the words ---------------------------------------------------------------------------------
def _names(people: Sequence[str]) -> str:
    people = list(people)
    if len(people) <= 1:
        return "".join(people)
    return f"{', '.join(people[:-1])} and {people[-1]}"


def _first(name: str) -> str:
    return name.split()[0]


def _children_text(case: DemoCase) -> str:
    return _names([_first(c.name) for c in case.children])


def _child_lines(case: DemoCase) -> list[str]:
    return [f"{c.name}, born {long_date(c.born)}" if c.born else
            f"{c.name}, an unborn baby" for c in case.children]


def _parent(case: DemoCase, relationship: str) -> str | None:
    return next((a.name for a in case.adults if a.relationship == relationship), None)


def _parents(case: DemoCase) -> str:
    return _names([a.name for a in case.adults if a.relationship in ("mother", "father")])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")


def _statement_blocks(case: DemoCase) -> list[tuple[str, list[str]]]:
    kids, mother = _children_text(case), _parent(case, "mother") or "the mother"
    father = _parent(case, "father")
    concerns = [f"The local authority is worried about {_lower_first(c)}." for c in case.concerns]
    blocks = [
        ("Introduction", [
            f"I am the allocated social worker for {kids}, employed by {case.council} in "
            f"its children's services. I have been the allocated worker since "
            f"{long_date(case.started)} and I make this statement in support of the local "
            "authority's application for care orders.",
            "This statement is true to the best of my knowledge and belief. Where I refer "
            "to what others have told me, I say who told me and when.",
            f"The children are {_names(_child_lines(case))}. Their mother is {mother}"
            + (f" and their father is {father}." if father else
               "; their father is not known to the local authority."),
        ]),
        ("Background and history of involvement", [
            case.history,
            f"On {long_date(case.started)} the legal gateway meeting decided that the family "
            "should enter pre-proceedings under the Public Law Outline. A letter before "
            "proceedings was sent to each parent, inviting them to a meeting with their "
            "solicitors.",
            "At the pre-proceedings meeting the concerns were explained in plain language "
            "and a written plan was agreed, setting out what needed to change, the help the "
            "local authority would give, and by when.",
        ]),
        ("The local authority's concerns", concerns + [
            f"These concerns have been discussed with {_parents(case) or 'the parents'} at "
            "every review meeting. Some progress has been seen, but it has not been "
            "sustained for long enough to keep the children safe.",
        ]),
        ("What the parents were asked to do", [
            f"The plan asked the parents to: {_lower_first(e)}." for e in case.expectations
        ] + [
            f"The local authority offered: {_lower_first(s)}." for s in case.support
        ]),
        ("Key events", [f"{long_date(day)}: {text}" for day, text in case.events]
         or ["The key events are set out in the chronology filed with this statement."]),
        ("Each child's needs", [_child_needs(child, case.started) for child in case.children]),
        ("The children's lived experience", [
            f"I have seen {kids} alone on each of my visits. They are warm and "
            "chatty children who are clearly attached to their parents.",
            "School and health visiting records show missed appointments and periods where "
            "the children arrived hungry or in unwashed clothes. On two visits the home was "
            "cold and there was little food in the cupboards.",
            "The children have told me that they worry when the adults argue and that they "
            "sometimes hide upstairs. Their wishes are to stay with their family and to feel "
            "safe at home.",
        ]),
    ]
    if case.carer and case.carer_address:
        blocks.append(("Where the children are living now", [
            f"Since the last review the children have been cared for by {case.carer}, "
            f"their maternal aunt, at {case.carer_address}, under a safety plan agreed with "
            "the parents.",
            "That address is confidential. It has not been shared with either parent, and it "
            "must be removed from any copy of this statement served on the parties.",
        ]))
    blocks += [
        ("Assessments", [
            f"A parenting assessment was completed by {case.assessor}. It concludes that "
            f"{mother} loves the children but cannot yet meet their needs consistently "
            "without a high level of support.",
            f"A psychological assessment was completed by {case.expert}; its recommendations "
            "are summarised in the care plan filed with this statement.",
        ]),
        ("The wider family", [
            "A family group conference was offered so that the wider family could make a "
            "plan of their own. Relatives on both sides have been asked whether they could "
            "care for the children or support the parents, and viability assessments were "
            "completed of those who came forward.",
            "The family's culture, religion and first language have been considered in "
            "every plan, and an interpreter is offered for meetings where needed.",
        ]),
        ("The realistic options", [
            "Option one: the children return to the full-time care of their parents with "
            "support. This keeps the children with the people they love most, but on the "
            "evidence so far the risk of further neglect and of exposure to conflict is "
            "high.",
            "Option two: the children live with a relative under an interim care order while "
            "the parents continue the work. This keeps the children within their family and "
            "allows contact to continue, while protecting them from harm.",
            "Option three: the children are placed with foster carers. This would protect "
            "the children but would separate them from their family network when a family "
            "option is available. The local authority does not propose it.",
        ]),
        ("Analysis", [
            "The children have suffered, and are likely to suffer, significant harm "
            "attributable to the care given to them not being what it would be reasonable to "
            "expect a parent to give.",
            "I have weighed the benefits of the children remaining with their family against "
            "the risks of harm. At present the risks can only be managed with the "
            "protection of an interim order while the parents continue the work asked of "
            "them.",
        ]),
        ("The local authority's plan", [
            "The local authority asks the court to make interim care orders. The plan is for "
            "the children to remain within their family network, with contact with each "
            "parent at least three times a week, supervised where necessary.",
            "Further assessment of the parents will be completed within the timetable the "
            "court sets, so that a final decision can be made within 26 weeks.",
        ]),
        ("Statement of truth", [
            "I believe that the facts stated in this witness statement are true. I "
            "understand that proceedings for contempt of court may be brought against anyone "
            "who makes, or causes to be made, a false statement in a document verified by a "
            "statement of truth without an honest belief in its truth.",
            f"Signed: {case.worker}, social worker, {case.council}.",
        ]),
    ]
    return blocks


def _child_needs(child: DemoChild, on: date) -> str:
    first = _first(child.name)
    if child.born is None:
        return (f"{first} is not yet born. A pre-birth assessment considers how the baby's "
                "needs will be met at birth and in the first weeks of life.")
    years = (on - child.born).days // 365
    if years < 5:
        return (f"{first} is {years or 'under a'} year{'s' if years != 1 else ''} old and "
                "depends on adults for every need. Health visiting records show that "
                f"{first}'s development is broadly on track, although speech is a little "
                "delayed and a referral to speech and language therapy has been made.")
    if years < 12:
        return (f"{first} is {years} years old and attends primary school. Teachers "
                f"describe {first} as bright but often tired, and attendance this year has "
                "been below 90 per cent. Friendships are important and after-school clubs "
                "have helped.")
    return (f"{first} is {years} years old and at secondary school. {first} has taken on "
            "caring for the younger children at times and has spoken of feeling "
            "responsible for the adults. A young carers' assessment has been offered.")


def _assessment_blocks(case: DemoCase) -> list[tuple[str, list[str]]]:
    mother = _parent(case, "mother") or "the mother"
    kids = _children_text(case)
    return [
        ("Reason for the assessment", [
            f"This assessment was commissioned by {case.council} during pre-proceedings to "
            f"understand whether {mother} can meet the needs of {kids}.",
            f"I met {_first(mother)} on six occasions at home and at the family centre, and "
            "observed her with the children on three of them.",
        ]),
        ("Basic care", [
            "Meals were prepared on most visits, though not always at regular times. The "
            "home was cluttered on two visits and clean on the others.",
            "Health appointments have been missed, and the reasons given were that the "
            "letters were not opened.",
        ]),
        ("The children's needs", [_child_needs(child, case.started)
                                   for child in case.children]),
        ("Emotional warmth and stimulation", [
            f"{_first(mother)} is affectionate with the children and they seek her out for "
            "comfort. Play was mostly led by the children; she joined in when prompted.",
            "She praised the children often during the observed sessions and was able to "
            "settle the youngest when upset. She found it harder to give attention to more "
            "than one child at a time.",
        ]),
        ("Her own history", [
            f"{_first(mother)} described a childhood in which she moved between relatives "
            "and was not always kept safe. She left school at sixteen and has worked in "
            "shops and cafes. She said she wants her children to have a settled childhood "
            "she did not have.",
            "She has a small network of friends; her relationship with her own mother is "
            "close but sometimes strained.",
        ]),
        ("Engagement with professionals", [
            "She attended five of the six assessment sessions and was open about her "
            "difficulties. She has at times felt judged by professionals and was more "
            "relaxed once she understood the purpose of each session.",
        ]),
        ("Guidance and boundaries", [
            "Routines at bedtime were inconsistent. When the children argued, "
            f"{_first(mother)} raised her voice but did not follow through.",
        ]),
        ("Capacity to change", [
            "She recognises some of the concerns and has attended most sessions of the "
            "parenting programme. Change has begun but is not yet secure.",
        ]),
        ("Conclusions and recommendations", [
            f"{_first(mother)} can meet the children's needs with a high level of support. A "
            "further twelve weeks of work with a family support worker is recommended, with "
            "a review of progress at the end of it.",
            f"{case.assessor}, independent social worker.",
        ]),
    ]


def _care_plan_blocks(case: DemoCase) -> list[tuple[str, list[str]]]:
    return [
        ("The children", _child_lines(case)),
        ("The plan", [
            "The children will remain in the care of their family network under interim care "
            "orders while assessments are completed.",
            "Placement: with family members approved by the local authority, under a written "
            "safety plan reviewed every four weeks.",
        ]),
        ("Health and education", [
            "Each child will be registered with a GP and dentist and have a health "
            "assessment within 20 working days. School attendance will be monitored weekly.",
        ]),
        ("Contact", [
            f"Contact with {_parents(case) or 'each parent'}: at least three times a week, "
            "supervised at the family centre until the assessments are complete.",
        ]),
        ("Support for the family", [f"{s}" for s in case.support] + [
            "A family support worker will visit twice a week.",
        ]),
        ("Review", [
            "The plan will be reviewed by an independent reviewing officer within 20 working "
            "days and then at least every three months.",
            f"Prepared by {case.worker}, social worker; approved by {case.manager}, team "
            "manager.",
        ]),
    ]


def _expert_blocks(case: DemoCase) -> list[tuple[str, list[str]]]:
    parents = _parents(case) or "the parents"
    return [
        ("Instructions", [
            f"I am instructed jointly by the parties to assess {parents} and to advise on "
            "their psychological functioning and what help would enable them to care for "
            "the children.",
            "I confirm that I understand my duty to the court and that I have complied with "
            "it. This report is synthetic and was made for the demonstration of PLO Tracker.",
        ]),
        ("Sources of information", [
            "The bundle of documents provided by the local authority; two clinical "
            "interviews with each parent; standardised questionnaires.",
        ]),
        ("Background", [
            f"The family has been known to {case.council} since before pre-proceedings "
            "began. The concerns at the start of pre-proceedings were:",
            *case.concerns,
        ]),
        ("The interviews", [
            "Each parent was seen twice, for about two hours each time, at a family centre. "
            "Both were punctual and cooperative, and both said they wanted to understand "
            "what had gone wrong.",
            "Standardised measures of mood, anxiety and personality were completed with "
            "help where reading was difficult. The results are reported in the appendix "
            "and summarised here.",
        ]),
        ("Findings", [
            "Both parents described difficult childhoods. The mother reported periods of "
            "low mood; the father described stress linked to money and housing.",
            "Neither parent presented with a condition that would by itself prevent them "
            "from parenting, but stress affects their ability to plan and to keep routines.",
        ]),
        ("Answers to the questions asked", [
            "Does either parent have a mental health difficulty? The mother's scores are "
            "consistent with moderate low mood, which is treatable. The father's scores are "
            "within the normal range.",
            "Does it affect their parenting? Low mood reduces the mother's energy for "
            "routines and for noticing the children's needs, especially at times of stress.",
            "What help is needed, and how long would it take? See the opinion below.",
        ]),
        ("Opinion", [
            "With a course of talking therapy of about twelve sessions, and practical help, "
            "the parents could make the changes asked of them. A realistic timescale is three "
            "to four months.",
        ]),
        ("Statement of truth", [
            "I confirm that I have made clear which facts and matters referred to in this "
            "report are within my own knowledge and which are not.",
            f"{case.expert}, chartered clinical psychologist.",
        ]),
    ]


def _position_blocks(case: DemoCase) -> list[tuple[str, list[str]]]:
    return [
        ("Purpose", [
            "This position statement sets out the local authority's position for the "
            "forthcoming hearing.",
        ]),
        ("Update since the last hearing", [
            "The parents have attended most contact sessions. The parenting programme is "
            "under way, and the psychological assessment has been filed.",
        ]),
        ("The local authority's position", [
            "The local authority invites the court to continue the interim care orders and "
            "to set a timetable for the final evidence.",
            "Directions sought: final evidence from the local authority in eight weeks; the "
            "parents' responses four weeks later; an issues resolution hearing after that.",
        ]),
    ]


def _application_blocks(case: DemoCase) -> list[tuple[str, list[str]]]:
    applied = case.applied or case.started
    return [
        ("The application", [
            f"Applicant: {case.council}. The applicant applies for care orders under section "
            "31 of the Children Act 1989 in respect of the children named below.",
            *_child_lines(case),
        ]),
        ("The respondents", [f"{a.name} ({a.relationship})" for a in case.adults]),
        ("Grounds", [
            "The threshold criteria are met: the children are suffering, or are likely to "
            "suffer, significant harm attributable to the care given to them.",
            *case.concerns,
        ]),
        ("Pre-proceedings", [
            f"The family entered pre-proceedings on {long_date(case.started)}. The "
            "pre-proceedings plan and meeting minutes are filed with this application.",
            f"Dated {long_date(applied)}.",
        ]),
    ]


def _order_blocks(case: DemoCase, on: date) -> list[tuple[str, list[str]]]:
    return [
        ("Interim care order", [
            f"Upon the application of {case.council}, and upon hearing the advocates for the "
            "local authority, the parents and the children's guardian:",
            "The court is satisfied that there are reasonable grounds for believing that the "
            "circumstances of the children are as set out in section 31(2) of the Children "
            "Act 1989.",
            "IT IS ORDERED THAT the children named below are placed in the care of the "
            "applicant local authority until the end of the proceedings or further order.",
            *_child_lines(case),
        ]),
        ("Directions", [
            "The local authority shall file its final evidence and care plan within eight "
            "weeks. The matter is listed for a further case management hearing.",
            f"Dated {long_date(on)}.",
        ]),
    ]


# -- drawing ----------------------------------------------------------------------------------
# Plain Helvetica lines on a canvas, as many a council's word processor would give: the
# built-in font is measured in C and embeds nothing, and wrapping lines ourselves is several
# times faster than reportlab's paragraphs, which keeps the demo's first start quick.
_WIDTH, _HEIGHT = A4
_MARGIN, _TOP, _BOTTOM = 22 * mm, _HEIGHT - 20 * mm, 26 * mm
_TEXT_WIDTH = _WIDTH - 2 * _MARGIN
_INDENT = 9 * mm  # paragraph text starts after its number ("3.2")
# (font, size, leading, space after)
_TITLE = ("Helvetica-Bold", 17.0, 22.0, 4.0)
_FACTS = ("Helvetica", 9.5, 13.0, 0.0)
_HEADING = ("Helvetica-Bold", 12.0, 16.0, 3.0)
_BODY = ("Helvetica", 11.0, 14.5, 6.0)


class _Pages:
    """A canvas written top to bottom, starting a new page when the next lines do not fit."""

    def __init__(self, out: io.BytesIO, title: str, reference: str) -> None:
        self.canvas = Canvas(out, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("PLO Tracker demo")
        self.canvas.setCreator("PLO Tracker demo")
        self.title, self.reference, self.page, self.y = title, reference, 1, _TOP

    def _footer(self) -> None:
        self.canvas.setFont("Helvetica", 7.5)
        self.canvas.setFillColor(colors.black)
        self.canvas.drawString(_MARGIN, 14 * mm, f"{self.reference} · {SYNTHETIC}")
        self.canvas.drawString(_MARGIN, 10 * mm, f"{self.title}: page {self.page}")

    def _room(self, height: float) -> None:
        if self.y - height < _BOTTOM:
            self._footer()
            self.canvas.showPage()
            self.page, self.y = self.page + 1, _TOP

    def text(self, text: str, style: tuple[str, float, float, float], *, label: str = "",
             colour: colors.Color = colors.black, keep_with_next: float = 0.0) -> None:
        """A paragraph wrapped to the page; ``label`` hangs in the left margin of its first
        line ("3.2"); ``keep_with_next`` keeps that much room below it on the same page."""
        font, size, leading, after = style
        left = _MARGIN + (_INDENT if label else 0.0)
        lines = simpleSplit(text, font, size, _TEXT_WIDTH - (left - _MARGIN))
        self._room(min(len(lines), 2) * leading + keep_with_next)
        self.canvas.setFillColor(colour)
        self.canvas.setFont(font, size)
        if label:
            self.canvas.drawString(_MARGIN, self.y - size, label)
        for line in lines:
            self._room(leading)
            self.canvas.setFillColor(colour)
            self.canvas.setFont(font, size)
            self.canvas.drawString(left, self.y - size, line)
            self.y -= leading
        self.y -= after

    def space(self, height: float) -> None:
        self.y -= height

    def finish(self) -> None:
        self._footer()
        self.canvas.save()


def render(title: str, facts: Sequence[str], blocks: Sequence[tuple[str, Sequence[str]]],
           reference: str) -> bytes:
    """A document: its title and facts under it, then numbered paragraphs under headings
    ("3.2"), and a footer on every page saying it is synthetic."""
    out = io.BytesIO()
    pages = _Pages(out, title, reference)
    pages.text(title, _TITLE, colour=ACCENT)
    for line in facts:
        pages.text(line, _FACTS, colour=ACCENT)
    pages.space(12)
    for number, (head, paragraphs) in enumerate(blocks, start=1):
        pages.space(4)
        pages.text(f"{number}. {head}", _HEADING, keep_with_next=2 * _BODY[2])
        for sub, text in enumerate(paragraphs, start=1):
            pages.text(text, _BODY, label=f"{number}.{sub}")
    pages.finish()
    return out.getvalue()


def _facts(case: DemoCase, *extra: str) -> list[str]:
    lines = [f"Children: {_names([c.name for c in case.children])}"]
    if case.case_number:
        lines.append(f"{case.court}, case number {case.case_number}")
    return lines + list(extra)


def social_work_statement(case: DemoCase, on: date) -> bytes:
    return render("Social work evidence template (SWET)",
                  _facts(case, f"Statement of {case.worker}, social worker",
                         f"Dated {long_date(on)}"),
                  _statement_blocks(case), case.reference)


def parenting_assessment(case: DemoCase, on: date) -> bytes:
    mother = _parent(case, "mother") or "the mother"
    return render(f"Parenting assessment of {mother}",
                  _facts(case, f"By {case.assessor}", f"Dated {long_date(on)}"),
                  _assessment_blocks(case), case.reference)


def care_plan(case: DemoCase, on: date) -> bytes:
    return render("Interim care plan", _facts(case, f"Dated {long_date(on)}"),
                  _care_plan_blocks(case), case.reference)


def expert_report(case: DemoCase, on: date) -> bytes:
    return render("Psychological assessment of the parents",
                  _facts(case, f"By {case.expert}", f"Dated {long_date(on)}"),
                  _expert_blocks(case), case.reference)


def position_statement(case: DemoCase, on: date) -> bytes:
    return render("Position statement of the local authority",
                  _facts(case, f"Dated {long_date(on)}"),
                  _position_blocks(case), case.reference)


def application(case: DemoCase, on: date) -> bytes:
    return render("Application for a care order (form C110A)", _facts(case),
                  _application_blocks(case), case.reference)


def interim_care_order(case: DemoCase, on: date) -> bytes:
    return render("Interim care order", _facts(case, f"Made on {long_date(on)}"),
                  _order_blocks(case, on), case.reference)
