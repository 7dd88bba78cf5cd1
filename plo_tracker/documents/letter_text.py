"""A letter as it will be sent, as plain text: for scoring how easy it is to read.

The text is the template filled in for one recipient with the family's details, by
the same path that draws the PDF (``templates.render_blocks``), so markup marks
(``#``, ``**``, escapes) are already gone. Left out, because they are not sentences
a parent reads for meaning and would skew the score:

- the letterhead, the recipient's address and the date and reference lines: drawn
  by ``letter_pdf`` from the letter's details, never part of the template;
- the signature block ("Yours sincerely", who signs) and ``%sign`` spaces;
- the local solicitors list: each list item naming one of the solicitors' firms
  or phone numbers.
"""

from __future__ import annotations

from plo_tracker.domain import easy_read
from plo_tracker.domain.readability import Readability, score

from .letter_data import LetterContext
from .templates import Block, default_template, render_blocks

_LIST_KINDS = frozenset({"bullet", "numbered"})
_NOT_READ = frozenset({"sign", "pagebreak"})


def _names_a_solicitor(block: Block, ctx: LetterContext) -> bool:
    if block.kind not in _LIST_KINDS:
        return False
    text = block.text
    return any(solicitor.firm in text or solicitor.phone in text
               for solicitor in ctx.solicitors)


def _plain(block: Block) -> str:
    # Each block, and each "+" line in one (an address, a phone line), is a paragraph of
    # its own: a heading or list item without a full stop still ends its sentence.
    # List bullets and numbers are left out: they are not read as words.
    # An Easy Read heading's picture name ("[meeting]") is drawn as a picture, not read.
    text = easy_read.split_picture(block.text)[1] if block.kind == "heading" else block.text
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def letter_plain_text(ctx: LetterContext, template_source: str | None = None) -> str:
    """The letter's body for this recipient as plain text, one block a paragraph.

    Headings, list items and paragraphs are separated by blank lines, without their
    markup (``#``, ``-``, ``3.``, ``**``, escapes), so each is at least one sentence.

    Raises:
        TemplateProblem: when the template cannot be filled in, as for the PDF.
    """
    source = default_template(ctx.letter_type) if template_source is None else template_source
    blocks = render_blocks(source, ctx)
    return "\n\n".join(_plain(block) for block in blocks
                       if block.kind not in _NOT_READ and not _names_a_solicitor(block, ctx))


def letter_readability(ctx: LetterContext, template_source: str | None = None) -> Readability:
    """How easy the letter is to read, scored on ``letter_plain_text``."""
    return score(letter_plain_text(ctx, template_source))
