"""Words to avoid in a letter to a parent, each with a plain alternative.

The list is data: a term (with any other spellings of it) and what to write
instead, or EXPLAIN when the word has to stay (it is the law's word, or the
parent will hear it at court) and must be explained the first time it is used.
A term is matched as whole words, ignoring case; spaces in a term match any
run of spaces or line breaks.
"""

from __future__ import annotations

from dataclasses import dataclass

EXPLAIN = "explain it on first use"


@dataclass(frozen=True)
class PlainWord:
    """A word or phrase to avoid, how else it is written, and what to say instead."""

    term: str
    alternative: str
    spellings: tuple[str, ...] = ()
    # False when the term on its own is an ordinary word and only its spellings count.
    term_alone: bool = True

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way the term is written and matched, the term itself first."""
        return (self.term, *self.spellings) if self.term_alone else self.spellings


PLAIN_WORDS: tuple[PlainWord, ...] = (
    PlainWord("assessment", EXPLAIN, ("assessments",)),
    PlainWord("pre-proceedings", EXPLAIN, ("pre proceedings",)),
    PlainWord("parental responsibility", EXPLAIN),
    PlainWord("threshold", "explain it on first use, or say \"the legal test for going to court\""),
    PlainWord("care proceedings", "\"going to court\", and explain it on first use"),
    PlainWord("local authority", "\"the council\" or \"we\"", ("local authorities",)),
    PlainWord("section 20", "\"your agreement for your child to be looked after by us\"",
              ("s.20", "s20", "s 20")),
    PlainWord("s.31", "\"a court order\", and explain it on first use",
              ("section 31", "s31", "s 31")),
    PlainWord("non-means-tested", "\"free, whatever your income\"",
              ("non means tested", "means-tested", "means tested")),
    PlainWord("legal aid", "\"free legal advice\", and explain it on first use"),
    PlainWord("family group decision-making",
              "\"a family meeting\", and explain it on first use",
              ("family group decision making", "FGDM", "family group conference", "FGC")),
    PlainWord("Public Law Outline", "\"the process before court\", or explain it on first use",
              ("PLO",)),
    PlainWord("issue proceedings", "\"ask the court to make decisions\" or \"go to court\"",
              ("issue care proceedings", "issued proceedings", "issuing proceedings",
               "issue of proceedings")),
    PlainWord("interim care order", EXPLAIN, ("interim care orders",)),
    PlainWord("kinship", "\"family and friends\"", ("kinship care", "kinship carer",
                                                     "kinship carers")),
    # "Contact" alone is also the verb ("contact your social worker"), so only the
    # phrases that mean time with a child are matched.
    PlainWord("contact", "\"family time\"", (
        "supervised contact", "contact arrangements", "contact sessions", "contact session",
        "contact centre", "contact with your child", "contact with your children",
        "contact with the children", "contact with the baby", "family contact"),
        term_alone=False),
    PlainWord("child in need", "explain it on first use", ("children in need", "CIN")),
    PlainWord("child protection plan", EXPLAIN, ("CP plan", "CPP")),
    PlainWord("statutory", "\"that the law says we must\"", ("statutorily",)),
    PlainWord("facilitate", "\"help\" or \"arrange\"", ("facilitated", "facilitates",
                                                       "facilitating")),
    PlainWord("in accordance with", "\"under\" or \"as set out in\""),
    PlainWord("commence", "\"start\"", ("commenced", "commences", "commencing")),
    PlainWord("prior to", "\"before\""),
    PlainWord("subsequently", "\"later\" or \"then\""),
    PlainWord("in relation to", "\"about\""),
    PlainWord("with regard to", "\"about\"", ("with regards to",)),
    PlainWord("therefore", "\"so\""),
    PlainWord("whereby", "say what happens in a new sentence"),
    PlainWord("endeavour", "\"try\"", ("endeavours", "endeavoured")),
    PlainWord("utilise", "\"use\"", ("utilised", "utilising", "utilize")),
)
