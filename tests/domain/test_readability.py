"""Readability scores worked out by hand, sentence splitting and syllables from the dictionary."""

from __future__ import annotations

import pytest

from plo_tracker.domain.readability import score, split_sentences, syllables


def test_one_short_sentence_scored_by_hand() -> None:
    # "The cat sat on the mat.": 6 words, 1 sentence, 6 syllables (one each).
    # W/S = 6, Sy/W = 1.
    # ease  = 206.835 - 1.015 x 6 - 84.6 x 1 = 206.835 - 6.09 - 84.6 = 116.145
    # grade = 0.39 x 6 + 11.8 x 1 - 15.59 = 2.34 + 11.8 - 15.59 = -1.45
    result = score("The cat sat on the mat.")
    assert (result.words, result.sentences, result.syllables) == (6, 1, 6)
    assert result.words_per_sentence == 6
    assert result.flesch_reading_ease == pytest.approx(116.145)
    assert result.flesch_kincaid_grade == pytest.approx(-1.45)


def test_two_sentences_scored_by_hand() -> None:
    # "We will meet you on Monday." 6 words: we, will, meet, you, on (1 each), Mon-day (2) = 7.
    # "Please bring your letter." 4 words: please, bring, your (1 each), let-ter (2) = 5.
    # 10 words, 2 sentences, 12 syllables. W/S = 5, Sy/W = 1.2.
    # ease  = 206.835 - 1.015 x 5 - 84.6 x 1.2 = 206.835 - 5.075 - 101.52 = 100.24
    # grade = 0.39 x 5 + 11.8 x 1.2 - 15.59 = 1.95 + 14.16 - 15.59 = 0.52
    result = score("We will meet you on Monday. Please bring your letter.")
    assert (result.words, result.sentences, result.syllables) == (10, 2, 12)
    assert result.flesch_reading_ease == pytest.approx(100.24)
    assert result.flesch_kincaid_grade == pytest.approx(0.52)
    assert result.grade_text() == "grade 0.5 (reading age about 6)"


def test_long_words_raise_the_grade() -> None:
    # "The assessment will consider your parenting.": 6 words, 1 sentence.
    # the 1, as-sess-ment 3, will 1, con-sid-er 3, your 1, par-ent-ing 3 = 12 syllables.
    # W/S = 6, Sy/W = 2.
    # ease  = 206.835 - 6.09 - 169.2 = 31.545
    # grade = 2.34 + 23.6 - 15.59 = 10.35 -> shown as 10.3 or 10.4 by float rounding; check 10.35
    result = score("The assessment will consider your parenting.")
    assert (result.words, result.sentences, result.syllables) == (6, 1, 12)
    assert result.flesch_reading_ease == pytest.approx(31.545)
    assert result.flesch_kincaid_grade == pytest.approx(10.35)
    assert result.above(6) and not result.above(11)


def test_grade_text_gives_the_reading_age() -> None:
    # 13 words of one syllable in one sentence, then one of 2: grade = 0.39 x 14 + 11.8 x 15/14
    # - 15.59 = 5.46 + 12.643 - 15.59 = 2.51; reading age 2.51 + 5 = 7.5 -> 8.
    result = score("I am glad you came to see us and we will help you today.")
    assert result.words == 14 and result.syllables == 15
    assert result.grade_text() == "grade 2.5 (reading age about 8)"


def test_no_words_scores_nothing() -> None:
    result = score("  \n\n - \n")
    assert (result.words, result.sentences, result.flesch_kincaid_grade) == (0, 0, 0.0)
    assert result.longest_sentences == () and result.jargon == ()


def test_the_five_longest_sentences_longest_first() -> None:
    # Sentences of 2, 8, 4, 10, 3, 9 and 6 words: "Word word ... end."
    text = " ".join("Word " * n + "end." for n in (1, 7, 3, 9, 2, 8, 5))
    result = score(text)
    assert [s.words for s in result.longest_sentences] == [10, 9, 8, 6, 4]
    assert result.longest_sentences[0].text.endswith("end.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith will visit. Dr. Jones agrees.", ["Mr. Smith will visit.", "Dr. Jones agrees."]),
    ("Mrs. Marsh and Ms. Lee came. We met.", ["Mrs. Marsh and Ms. Lee came.", "We met."]),
    ("Bring papers, e.g. Your passport. Thank you.",
     ["Bring papers, e.g. Your passport.", "Thank you."]),
    ("Bring papers, i.e. The letter. Thanks!", ["Bring papers, i.e. The letter.", "Thanks!"]),
    ("We meet on 3 Mar 2026 at 10.30am. Please come.",
     ["We meet on 3 Mar 2026 at 10.30am.", "Please come."]),
    ("The meeting is on Tue. 3 Mar. 2026 at 2pm.", ["The meeting is on Tue. 3 Mar. 2026 at 2pm."]),
    ("You agreed under s.20 of the Act. It ended.",
     ["You agreed under s.20 of the Act.", "It ended."]),
    ("Signed by J. Smith today.", ["Signed by J. Smith today."]),
    ("This is Ava's. Then we left at 2 pm. Say no. It ended.",
     ["This is Ava's.", "Then we left at 2 pm.", "Say no.", "It ended."]),
    ("Can you come? We hope so! Ring us.", ["Can you come?", "We hope so!", "Ring us."]),
    ("We said \"come.\" Then we left.", ["We said \"come.\"", "Then we left."]),
    ("We are worried\nabout the children.", ["We are worried about the children."]),
    ("Dear Ms Marsh\n\nThank you for coming.", ["Dear Ms Marsh", "Thank you for coming."]),
    ("# What happens next\nWe will meet. Then we decide.",
     ["What happens next", "We will meet.", "Then we decide."]),
    ("What to do\n1. Ring us.\n2. Come to the meeting\n3) Bring a friend",
     ["What to do", "Ring us.", "Come to the meeting", "Bring a friend"]),
    ("- keep the home safe\n- go to every appointment\n• take Ava to school",
     ["keep the home safe", "go to every appointment", "take Ava to school"]),
    ("It costs £25.50 each. That is all.", ["It costs £25.50 each.", "That is all."]),
])
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_a_heading_with_no_full_stop_counts_as_one_sentence() -> None:
    # "Your meeting" (2 words) + "Please come." (2 words): 4 words, 2 sentences.
    assert score("# Your meeting\nPlease come.").sentences == 2


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("letter", 2), ("assessment", 3), ("proceedings", 3), ("family", 3),
    ("responsibility", 6), ("pre-proceedings", 4), ("family's", 3), ("Monday", 2),
    ("10.30am", 4), ("3", 1), ("2026", 4),
])
def test_syllables_of_known_words(word: str, count: int) -> None:
    assert syllables(word) == count


def test_unknown_words_and_names_still_get_syllables() -> None:
    # Not in the CMU dictionary: counted by hyphenation or vowel groups, never 0.
    assert syllables("Zxqwblorp") >= 1
    assert syllables("Oyelaran") >= 3
    assert syllables("kinshipness") >= 3
