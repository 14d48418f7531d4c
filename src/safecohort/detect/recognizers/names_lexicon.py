"""Person names of every locale, found with the lexicon of Faker's locale lists
(:func:`safecohort.detect.vocab.lexicon`): full names and cued names (:class:`MultilingualNameRecognizer`,
which also runs on clinical notes), names from the context of everyday text (speakers, greetings,
sign-offs, lists, "SURNAME Given"), and names in the key-value fields of forms, JSON and CSV exports.

Common English words (wordfreq's Zipf frequency) and medical eponyms never count as names on their own,
so "Brown sputum", "Foley catheter" or "Parkinson's disease" are not people. Nothing here logs or raises
note text; lookups are set memberships over precompiled patterns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from safecohort.detect.recognizers.base import (
    _WORD,
    EVERY_PROFILE,
    SpanRecognizer,
    _is_capitalised,
    _is_title,
)
from safecohort.detect.vocab.gazetteer import WEAK_CUE_POPULATION, gazetteer
from safecohort.detect.vocab.lexicon import (
    _AUXILIARY_ZIPF,
    _CLINICAL_STOPWORDS,
    _EPONYM_NEXT,
    COMMON_WORD_ZIPF,
    RARE_WORD_ZIPF,
    Lexicon,
    is_frequent_word,
    lexicon,
)
from safecohort.detect.vocab.words import clinical_terms, is_everyday_word, zipf

# --- person names --------------------------------------------------------------------------------------

# A strong cue that the next word is a person's name.
_NAME_CUE = regex.compile(
    r"(?i:\b(?:my\s+name\s+is|name\s+is|names?\s*:|i\s+am|i'm|call\s+me|calls\s+me|called|named\s+(?:him|her)"
    r"|dear|signed|sincerely|regards|thanks|said|says|asked|told|tell|to|with|by|and|from|of|under|"
    r"assistant\s+to|change\s+it\s+to|add|starring|features|featuring|heard|between\s+him|ex-\w+|"
    r"founders:|including|lives|is\s+from|is\s+a|spent|had\s+given|just\s+turned))[ \t]*[:,]?[ \t]*$"
)
# A cue so strong that a rare capitalised word after it is a name even when no list has it.
_STRONG_NAME_CUE = regex.compile(
    r"(?i:\b(?:my\s+name\s+is|name\s+is|names?\s*:|call\s+me|calls\s+me|named\s+(?:him|her)|dear|"
    r"signed|sincerely|i\s+am|i'm))[ \t]*[:,]?[ \t]*$"
)
# A dialog speaker or a signature: the name alone at the start of a line, then ":" or ",".
_SPEAKER_AFTER = regex.compile(r"^[ \t]*[:,]")
_INITIAL = regex.compile(r"\p{Lu}\.?")
_NOT_NAME_AFTER = regex.compile(r"^[ \t]*(?:\d|%|mg\b|ml\b)")


class MultilingualNameRecognizer(SpanRecognizer):
    """Person names from Faker's name lists of every locale.

    Full names: two capitalised words (an initial may stand between) where the first is a listed first
    name and the second a listed last name, or one listed and the other a rare capitalised word ("Calquín
    Cazares"); lower-case full names only when both words are listed. Lone names: a listed name after a
    cue ("my name is Siiri", "Dear Aloisia,", "Ubul:" opening a line), or a rare listed word in Title case.
    Eponyms, drugs and common English words never count ("Foley catheter", "Brown sputum").
    Clinical-safe: yes for full names and cued names; lone rare words are the riskiest part.
    """

    ENTITY = "PERSON"
    PROFILES = EVERY_PROFILE

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Full names, then lone names, as the class docstring says."""
        lex = lexicon()
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        used: set[int] = set()
        for index, (start, end, word) in enumerate(words):
            if index in used:
                continue
            full = self._full_name(text, words, index, lex)
            if full is not None:
                used.update(range(index, full + 1))
                yield start, words[full][1], 0.75
                continue
            if self._lone_name(text, start, end, word, lex):
                used.add(index)
                yield start, end, 0.6

    @staticmethod
    def _gap(text: str, end: int, start: int) -> bool:
        """True when only spaces or tabs (at most 3) stand between two words."""
        between = text[end:start]
        return 0 < len(between) <= 3 and not between.strip(" \t")

    def _full_name(
        self, text: str, words: list[tuple[int, int, str]], index: int, lex: Lexicon
    ) -> int | None:
        """Index of the last word of a full name starting at ``index``, or None."""
        _, end, first = words[index]
        if len(first) < 2 or index + 1 >= len(words):
            return None
        last_index = index + 1
        s2, e2, second = words[last_index]
        if not self._gap(text, end, s2):
            return None
        # An initial between the names: "Ravil G Yefimov", "Iva D. Grusová".
        if len(second) == 1 and second.isalpha() and last_index + 1 < len(words):
            s3, e3, third = words[last_index + 1]
            gap = text[e2:s3]
            if gap.strip(" \t.") == "" and 0 < len(gap) <= 3:
                last_index, second = last_index + 1, third
                e2 = e3
        first_listed = first.lower() in lex.first_names
        last_listed = second.lower() in lex.last_names or second.lower() in lex.first_names
        # What every outcome below needs, tested before the look-ahead regexes (most word pairs of a note
        # fail it): two listed words when both are lower case, else two capitalised words.
        if first.islower() and second.islower():
            if not (first_listed and last_listed):
                return None
        elif not (_is_capitalised(first) and _is_capitalised(second)):
            return None
        if len(second) < 2 or _EPONYM_NEXT.match(text, e2) or _NOT_NAME_AFTER.match(text, e2):
            return None
        if first.islower() and second.islower():  # both listed (tested above)
            # A lower-case auxiliary is no surname although Faker lists it ("violet will write").
            both = not is_frequent_word(second, _AUXILIARY_ZIPF)
            return last_index if both and not (is_frequent_word(first) and is_frequent_word(second)) else None
        if first.lower() in _CLINICAL_STOPWORDS or second.lower() in _CLINICAL_STOPWORDS:
            return None
        if last_index == index + 2 and not (is_frequent_word(first) or is_frequent_word(second)):
            return last_index  # "First M Last" with two rare words: the shape of a name
        if first_listed and last_listed:
            return (
                last_index
                if not (is_frequent_word(first, COMMON_WORD_ZIPF) and is_frequent_word(second))
                else None
            )
        if first_listed and not is_frequent_word(second) and not is_frequent_word(first, COMMON_WORD_ZIPF):
            return last_index
        if last_listed and not is_frequent_word(first) and not is_frequent_word(second, COMMON_WORD_ZIPF):
            return last_index
        return None

    def _lone_name(self, text: str, start: int, end: int, word: str, lex: Lexicon) -> bool:
        """True when a single word is a name by itself, as the class docstring says."""
        if not word[0].isupper() and not lex.is_name(word):
            return False  # what every outcome below needs, tested before the regexes
        if len(word) < 2 or word.lower() in _CLINICAL_STOPWORDS or _EPONYM_NEXT.match(text, end):
            return False
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if not lex.is_name(word):
            return (
                word[0].isupper()
                and not word.isupper()
                and not is_frequent_word(word)
                and bool(_STRONG_NAME_CUE.search(before))
            )
        if word.isupper():
            return False
        cued = bool(_NAME_CUE.search(before)) or (
            not before.strip() and bool(_SPEAKER_AFTER.match(text, end))
        )
        if word.islower():
            return cued and not is_frequent_word(word)
        if not _is_capitalised(word):
            return False
        if cued and not is_frequent_word(word, COMMON_WORD_ZIPF):
            return True
        return not is_frequent_word(word) and (
            cued or not is_frequent_word(word, 2.5) or bool(before.strip())
        )


# --- context rules for general text (names, companies, phones, dates) ----------------------------------

# A Title-case word ("Nora", "Šušulić", "Weeks-Rivas"); all-capitals words are headers, not names here.
_TITLE_WORD = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}[\p{Ll}\p{M}]+)?"
_LOWER_WORD = r"\p{Ll}[\p{Ll}\p{M}]+"
# Where a clause opens: the text or a line start, after a sentence mark, or after a conjunction.
_CLAUSE_START = (
    r"(?:(?<![^\n])[ \t]*|(?<=[.!?;][\"”'’)]?[ \t]+)|(?<=[,;][ \t]+(?:but|and|so|because|while|when|"
    r"although|though|that|as)[ \t]+))"
)
# Verbs that follow a person who is the subject; "is/was" only before something that is not a noun
# phrase ("Nora is very reliable", not "Coden is a design agency").
_PERSON_VERB = (
    r"(?:lives|lived|spent|spends|had|has|just|said|says|told|tells|asked|asks|went|goes|works|worked|"
    r"wants|wanted|will|would|can|could|should|did|does|loves|loved|called|wrote|writes|thinks|thought|"
    r"knows|knew|went|got|gets|left|came|comes|won't|can't|isn't|wasn't|didn't|doesn't|"
    r"(?:is|was)(?![ \t]+(?:a|an|the|one|based|located|"
    r"headquartered|known|\d)\b))\b"
)
# Words that surnames of many languages end in ("Kucharski", "Szczepańska", "Šušulić", "Krylova",
# "Jerković", "Georgsson", "Napolitani" is not one: the list stays to unambiguous endings).
_SURNAME_ENDING = regex.compile(
    r"(?i:ski|ska|cki|cka|dzki|dzka|wicz|czyk|ić|ič|vić|ová|ova|ovа|eva|enko|chuk|czuk|sson|dóttir|"
    r"dottir|poulos|akis|escu|oglu|oğlu|yan|shvili|dze|nen|inen|stein|berg|ek|ík)$"
)
# After a label's colon, only a full name to the line end: a form field ("Cardholder: Anne Botteron").
_FORM_LABEL_VALUE = regex.compile(rf"[ \t]*{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD}){{1,2}}[ \t]*(?:\n|\Z)")
_SPEAKER = regex.compile(
    rf"(?m)^[ \t]*(?P<name>{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD})?)[ \t]*:[ \t]+(?=[\"“'‘]?\p{{Lu}})"
)
_GREETING = regex.compile(
    rf"(?<![\w])(?i:hi|hello|hey|dear|thanks|thank[ \t]+you|good[ \t]+(?:morning|afternoon|evening)|bye)"
    rf"[ \t]*,?[ \t]+(?P<name>{_TITLE_WORD}|{_LOWER_WORD})(?=[ \t]*(?:[,!.:;?\n]|$))"
)
_VOCATIVE = regex.compile(
    rf"{_CLAUSE_START}(?P<name>{_TITLE_WORD}),[ \t]+(?=(?i:can|could|would|will|please|i|we|you|do|did|"
    r"are|have|thank|thanks|let|just|are)\b)"
    rf"|(?<=\b(?i:me|you|us)[ \t]*,?[ \t]+)(?P<lower>{_LOWER_WORD})(?=[ \t]*[,!?])"
)
_SUBJECT = regex.compile(
    rf"{_CLAUSE_START}(?P<name>{_TITLE_WORD})[ \t]+(?={_PERSON_VERB})"
    rf"|(?:\A[ \t]*|(?<=[.!?,;][ \t]+))(?P<lower>{_LOWER_WORD})[ \t]+(?={_PERSON_VERB})"
)
# A word that introduces a person's name right after it.
_PERSON_CUE = regex.compile(
    r"(?i:\b(?:said|says|asked|called|named|starring|featuring|featured|directed[ \t]+by|written[ \t]+by|"
    r"by|under|heard|with|to|producer|songwriter|singer|author|actor|actress|director|manager|"
    r"mr|mrs|ms|miss|dr|prof|ask[ \t]+for|asked[ \t]+for|call|ring|meet|met|password[ \t]+for|user|"
    r"operator|agent|loved[ \t]+by)\.?|\bex-\p{L}+)[ \t]+$"
)
_WEAK_PERSON_CUES = frozenset(("by", "with", "to", "under", "call", "ring", "meet", "met", "user", "agent"))
_CUED_TITLE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<name>{_TITLE_WORD}(?:[ \t]+(?:\p{{Lu}}\.?[ \t]+)?{_TITLE_WORD}){{0,2}})"
)
_CUED_LOWER = regex.compile(
    r"(?<=\b(?i:my[ \t]+name[ \t]+is|name[ \t]*:|calls[ \t]+me|call[ \t]+me|called|named|heard|"
    r"follow[ \t]+up[ \t]+with|mr\.?|mrs\.?|ms\.?|dr\.?|met|saw|meet|meeting)[ \t]+)"
    rf"(?P<name>{_LOWER_WORD}(?:[ \t]+(?:\p{{Ll}}\.?[ \t]+)?{_LOWER_WORD})?)"
)
# A list of people after a plural role ("our 3 founders: Vizirov, Barrett and Jones").
_PERSON_LIST = regex.compile(
    rf"(?i:founders|co-founders|partners|members|siblings|children|sons|daughters|authors|friends|owners|"
    rf"directors|hosts|guests|speakers|winners)[ \t]*:[ \t]*"
    rf"(?P<list>{_TITLE_WORD}(?:,[ \t]+{_TITLE_WORD})*,?[ \t]+(?:and|&)[ \t]+{_TITLE_WORD})"
)
# A full name with a surname ending, in Title case or lower case ("Djevad Šušulić", "olga krylova").
_ENDING_NAME = regex.compile(
    rf"(?<![\w-])(?P<first>{_TITLE_WORD}|{_LOWER_WORD})[ \t]+(?:\p{{L}}\.?[ \t]+)?"
    rf"(?P<last>{_TITLE_WORD}|{_LOWER_WORD})(?![\w-])"
)
# A line that is only two or three Title-case words: the name line of a contact block.
_NAME_LINE = regex.compile(
    rf"(?m)^[ \t]*(?P<name>{_TITLE_WORD}(?:[ \t]+(?:\p{{Lu}}\.?[ \t]+)?{_TITLE_WORD}){{1,2}}"
    rf"|{_LOWER_WORD}(?:[ \t]+(?:\p{{Ll}}\.?[ \t]+)?{_LOWER_WORD}){{1,2}})[ \t]*$"
)

# An initial and a surname ("S. Reyes", "Ø. Ruud", "J. van Dijk"); the initial is not the end of an
# abbreviation ("U.S. Army").
_INITIAL_SURNAME = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}.&])\p{{Lu}}\.[ \t]?(?:\p{{Lu}}\.[ \t]?)?(?:(?:van|von|de|da|di|du|le|la)[ \t]+)?"
    rf"(?P<last>{_TITLE_WORD})(?![\w-])"
)
_CAPITAL_WORD_BEFORE = regex.compile(r"\p{Lu}[\p{L}\p{M}]*[ \t]+$")
# "Surname, Given" (a register or a form): "Bailey, James"; lower case after "name:" ("corona, josé").
# The surname opens the name and no list goes on: after "Anna Berg," the next word is a new item ("Anna
# Berg, German"), and "Fischer, Brooks and Hale" are three people.
_INVERTED_NAME = regex.compile(
    rf"(?<![\w-]|\p{{Lu}}[\p{{L}}\p{{M}}.]*[ \t]+|,[ \t]*)(?P<last>{_TITLE_WORD}),[ \t]+"
    rf"(?P<first>{_TITLE_WORD})(?![\w-]|[ \t]*(?:,|&|and\b))"
    rf"|(?<=\b(?i:name)[ \t]*:[ \t]*)(?P<lower_last>{_LOWER_WORD}(?:['’]{_LOWER_WORD})?),[ \t]+"
    rf"(?P<lower_first>{_LOWER_WORD}(?:[ \t]+{_LOWER_WORD})?)(?![\w-])"
)
# A passenger or booking list: "SURNAME/GIVEN" in capitals, then maybe a title ("BALL/CLIFFORD MR").
_SLASH_NAME = regex.compile(
    r"(?<![\w/])(?P<last>\p{Lu}[\p{Lu}\p{M}'’-]+)/(?P<first>\p{Lu}[\p{Lu}\p{M}-]+)(?![\w/])"
)
# A chat or minutes speaker behind a time stamp, a bullet or a role: "[9:15 am] Lily:", "- Taro: send",
# "Operator Gerard:", "Support (Agnes):".
_CHAT_SPEAKER = regex.compile(
    r"(?m)^[ \t]*(?P<pre>(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[-*•][ \t]+)?"
    r"(?:(?i:operator|agent|support|admin|moderator|host|rep|advisor|caller|customer|staff|tech|user)"
    rf"[ \t]*\(?[ \t]*)?)(?P<name>{_TITLE_WORD})\)?[ \t]*:(?![/\d])"
)
# A listed name with an age in brackets ("Magnus (27) says") or at a place ("Sara at reception").
_NAME_AGE = regex.compile(rf"(?<![\w-])(?P<name>{_TITLE_WORD})[ \t]+\(\d{{1,2}}\)")
_NAME_AT = regex.compile(rf"{_CLAUSE_START}(?P<name>{_TITLE_WORD})[ \t]+at[ \t]+(?=\p{{L}})")
# A lone name called out before "!" or "?" ("Welcome aboard, Abdul!", "WAS THAT YOU, SIMONE?").
_CALLED_OUT = regex.compile(r"(?<=,[ \t]+)(?P<name>\p{L}[\p{L}\p{M}]+)(?=[ \t]*[!?])")
# A sign-off and the writer's name ("cheers\nlujza", "xx karol", "thanks, malwina mijas"), or a lone
# name closing a message after a sentence ("... a problem. Leonard").
_SIGN_OFF = regex.compile(
    r"(?<![\w])(?i:cheers|thanks|thank[ \t]+you|regards|best|love|xx+|xoxo|take[ \t]+care|ciao|bye)"
    r"[ \t]*[,!.]?[ \t]*\n?[ \t]*(?P<name>\p{L}[\p{L}\p{M}]+(?:[ \t]+\p{L}[\p{L}\p{M}]+)?)[ \t]*(?=\n|\Z)"
    rf"|(?<=[.!?][ \t]+)(?P<last>{_TITLE_WORD})[ \t]*\Z"
)

# Drug name stems (USAN): "Lisinopril", "Metoprolol", "Vancomycin" are never people.
_DRUG_ENDING = regex.compile(
    r"(?:pril|sartan|olol|statin|mab|tinib|prazole|azole|cillin|mycin|floxacin|cycline|dipine|tidine|"
    r"azepam|oxetine|triptan|gliptin|parin|xaban|gatran|lukast|terol|profen|codone|morphone|setron)$"
)


def _is_place_word(phrase: str) -> bool:
    """Whether a phrase is a listed country or city (places are not people)."""
    lex = lexicon()
    low = phrase.lower()
    return low in lex.cities or low in lex.countries or gazetteer().is_place(phrase, WEAK_CUE_POPULATION)


def _name_like(
    word: str, *, rare: float = RARE_WORD_ZIPF - 0.5, listed: float = COMMON_WORD_ZIPF, strong: bool = False
) -> bool:
    """Whether ``word`` may be a person's name in a name context: a listed name that English does not use
    much (Zipf below ``listed``), or an unlisted word English hardly knows (below ``rare``) that is no
    place (in a ``strong`` context such as "my name is" or "Hi ..." a place name may be a person's);
    never a clinical word, eponym or drug."""
    low = word.lower()
    if low in _CLINICAL_STOPWORDS or len(low) < 2 or low in clinical_terms() or _DRUG_ENDING.search(low):
        return False
    if lexicon().is_name(low):
        return zipf(low) < listed
    return zipf(low) < rare and (strong or not _is_place_word(word))


def _name_prefix(words: list[str], **limits: Any) -> list[str]:
    """The leading words that are name-like (initials pass): "elliott flew" -> ["elliott"]."""
    kept: list[str] = []
    for word in words:
        if not ((len(word.rstrip(".")) == 1 and kept) or _name_like(word, **limits)):
            break
        kept.append(word)
    while kept and len(kept[-1].rstrip(".")) == 1:
        kept.pop()
    return kept


class ContextNameRecognizer(SpanRecognizer):
    """Person names read from the shape of the sentence rather than from name lists, for names no list
    holds ("Irenka", "Ubul", "Djevad Šušulić"): dialogue speakers ("Ella: What a ..."), greetings and
    vocatives ("Hi Freddy,", "Cora, can I ...", "leave me nina,"), the subject of a person verb at a
    clause start ("Nora is very reliable", "Trivo lives on"), one to three rare words after a person cue
    ("said Maslin", "starring Westgård", "under Chihiro Fukunaga", "my name is borna jerković"), lists
    after a plural role ("founders: Vizirov, Barrett and Jones"), full names whose last word has a
    surname ending ("Wisława Szczepańska", "olga krylova") and a line of two or three unknown words in
    a contact block. Every word must be name-like (:func:`_name_like`). Clinical-safe: no (notes put
    section headers before colons and start sentences with drug and device names)."""

    ENTITY = "PERSON"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Each context rule in turn (the analyzer merges overlapping findings)."""
        for pattern in (_SPEAKER, _GREETING, _VOCATIVE, _SUBJECT):
            strong = pattern is not _SUBJECT
            for match in pattern.finditer(text):
                group = "name" if match.group("name") else "lower"
                words = match.group(group).split()
                if match.group(group)[0].islower():
                    if lexicon().is_name(words[0]) and _name_like(words[0], listed=COMMON_WORD_ZIPF):
                        yield match.start(group), match.end(group), 0.6
                elif all(_name_like(word, strong=strong) for word in words):
                    label = pattern is _SPEAKER and _FORM_LABEL_VALUE.match(text, match.end())
                    if label and not any(lexicon().is_name(word) for word in words):
                        continue  # "Cardholder: Anne Botteron": a form label, not a speaker
                    yield match.start(group), match.end(group), 0.6
        yield from self._cued(text)
        for match in _PERSON_LIST.finditer(text):
            # After "founders:" even eponyms and town names are people ("Barrett", "Rogers").
            for name in regex.finditer(_TITLE_WORD, match.group("list")):
                yield match.start("list") + name.start(), match.start("list") + name.end(), 0.6
        for match in _ENDING_NAME.finditer(text, overlapped=True):
            first, last = match.group("first"), match.group("last")
            if first[0].islower() != last[0].islower() or not _SURNAME_ENDING.search(last):
                continue
            if _name_like(first, listed=5.0) and _name_like(last, rare=RARE_WORD_ZIPF):
                yield match.start(), match.end(), 0.6
        for match in _NAME_LINE.finditer(text):
            words = [word for word in match.group("name").split() if len(word.rstrip(".")) > 1]
            lower = match.group("name").islower()
            if lower and not any(lexicon().is_name(word) for word in words):
                continue  # a lower-case line needs one listed name ("emidio p lombardo")
            if len(words) > 1 and all(_name_like(word, rare=1.5, listed=3.5) for word in words):
                yield match.start("name"), match.end("name"), 0.5
        yield from self._structural(text)

    @staticmethod
    def _structural(text: str) -> Iterator[tuple[int, int, float]]:
        """Names read from their written form: an initial and a surname, "Surname, Given", "SURNAME/GIVEN",
        a chat speaker behind a stamp, bullet or role, a listed name with an age or "at", a name called
        out before "!" or "?", and a sign-off."""
        lex = lexicon()
        for match in _INITIAL_SURNAME.finditer(text):
            last = match.group("last")
            listed = lex.is_name(last) and _name_like(last, listed=6.0)
            # An unlisted surname, not after a capitalised word ("Plan B. Recheck", "Vitamin D. Continue").
            unlisted = _name_like(last, rare=RARE_WORD_ZIPF) and not _CAPITAL_WORD_BEFORE.search(
                text, max(0, match.start() - 30), match.start()
            )
            if listed or unlisted:
                yield match.start(), match.end(), 0.6
        for match in _INVERTED_NAME.finditer(text):
            if match.group("last"):
                last, first = match.group("last"), match.group("first")
                if (
                    first.lower() in lex.first_names
                    and lex.is_name(last)
                    and _name_like(first, listed=5.5)
                    and _name_like(last, listed=5.5)
                    and not (
                        is_frequent_word(first, COMMON_WORD_ZIPF) and is_frequent_word(last, COMMON_WORD_ZIPF)
                    )
                    and first.lower() not in lex.countries
                    and last.lower() not in lex.countries
                ):
                    yield match.start(), match.end(), 0.6
            else:
                given = match.group("lower_first").split()
                if given[0] in lex.first_names and _name_like(match.group("lower_last"), listed=6.0):
                    kept = _name_prefix(given, listed=6.0, strong=True)
                    end = match.start("lower_first") + len(" ".join(kept))
                    if kept:
                        yield match.start(), end, 0.6
        for match in _SLASH_NAME.finditer(text):
            last, first = match.group("last"), match.group("first")
            if (
                first.lower() in lex.first_names
                and len(first) > 2
                and not is_everyday_word(first)
                and not is_everyday_word(last)
                and (lex.is_name(last) or not is_frequent_word(last))
            ):
                yield match.start(), match.end(), 0.6
        for match in _CHAT_SPEAKER.finditer(text):
            if match.group("pre").strip() and _name_like(match.group("name"), strong=True):
                yield match.start("name"), match.end("name"), 0.6
        for pattern in (_NAME_AGE, _NAME_AT):
            for match in pattern.finditer(text):
                name = match.group("name")
                if lex.is_name(name) and _name_like(name):
                    yield match.start("name"), match.end("name"), 0.6
        for match in _CALLED_OUT.finditer(text):
            name = match.group("name")
            if name.lower() in lex.first_names and _name_like(name) and not is_everyday_word(name):
                yield match.start("name"), match.end("name"), 0.6
        for match in _SIGN_OFF.finditer(text):
            group = "name" if match.group("name") else "last"
            words = match.group(group).split()
            if words[0].lower() not in lex.first_names:
                continue
            kept = _name_prefix(words, listed=COMMON_WORD_ZIPF, strong=True)
            if kept:
                yield match.start(group), match.start(group) + len(" ".join(kept)), 0.6

    @staticmethod
    def _cued(text: str) -> Iterator[tuple[int, int, float]]:
        """Rare words after a person cue: Title case after any cue (after "by", "with", "to" or "under"
        a lone word must be a listed name), lower case after a strong one."""
        for match in _CUED_TITLE.finditer(text, overlapped=True):
            cue = _PERSON_CUE.search(text, max(0, match.start() - 30), match.start())
            if cue is None:
                continue
            words = match.group("name").split()
            names = [word for word in words if len(word.rstrip(".")) > 1]
            weak = cue.group().strip().lower() in _WEAK_PERSON_CUES
            # After a listed first name the surname may be a rarer English word ("Moira Pagan").
            first_listed = bool(names) and lexicon().is_name(names[0]) and _name_like(names[0])
            rest = COMMON_WORD_ZIPF if first_listed else RARE_WORD_ZIPF - 0.5
            if not names or not all(_name_like(word, rare=rest) for word in names):
                continue
            if weak and len(names) < 2 and not lexicon().is_name(names[0]):
                continue
            if _is_place_word(match.group("name")):
                continue
            yield match.start(), match.end(), 0.6
        for match in _CUED_LOWER.finditer(text):
            tokens = list(regex.finditer(r"\S+", text, pos=match.start("name"), endpos=match.end("name")))
            listed = COMMON_WORD_ZIPF
            words = _name_prefix([t.group() for t in tokens], rare=RARE_WORD_ZIPF, listed=listed, strong=True)
            if words:
                yield match.start("name"), tokens[len(words) - 1].end(), 0.6


# --- person names in fields, roles and sign-offs ---------------------------------------------------------

# A name word in any case and script ("hồng", "MACHÁČEK", "Weeks-Rivas").
_ANY_WORD = r"\p{L}[\p{L}\p{M}'’-]*"
_PARTICLE = r"(?:da|das|de|del|della|der|den|di|do|dos|du|la|le|van|von|bin|binti|al|el)"
#: A listed first name after a role noun is a person unless English uses it this much ("will", "may").
_LONE_NAME_ZIPF = 5.1
#: Field values that say nothing about anyone.
_NO_VALUE = frozenset(("unknown", "none", "null", "n/a", "na", "yes", "no", "tbc", "tbd", "other", "self"))
# Keys of a form, JSON object or CSV header whose value is a person's name: strict ones take any value,
# generic ones ("name", "customer") need a listed name in the value.
_STRICT_PERSON_KEY = (
    r"(?:first|last|given|family|middle|full|sur|fore|maiden|nick|birth)[ _-]?names?(?:[ \t]*\(s\))?|"
    r"surname|forenames?|referred[ _-]by|card[ _-]?holder|account[ _-]?holder|next[ _-]of[ _-]kin|"
    r"emergency[ _-]contact(?:[ _-]name)?|contact[ _-]name|customer[ _-]name|client[ _-]name|"
    r"employee[ _-]name|attendee|passenger|beneficiary|guarantor|signatory|witness"
)
_GENERIC_PERSON_KEY = r"name|customer|client|contact|owner|tenant|guest|applicant|author|runner|athlete"
_ORG_KEY = (
    r"employer(?:[ _-]name)?|company(?:[ _-]name)?|organi[sz]ation(?:[ _-]name)?|org|club|workplace|"
    r"business(?:[ _-]name)?|firm|agency|insurer|bank[ _-]name"
)
_KEY_ALT = rf"(?P<key>{_STRICT_PERSON_KEY}|{_GENERIC_PERSON_KEY}|{_ORG_KEY})"
# "first_name": "hồng" in JSON, or "Employer: Iozen" on a form line (the value ends at a field break).
_JSON_FIELD = regex.compile(rf"\"(?i:{_KEY_ALT})\"[ \t]*:[ \t]*\"(?P<value>[^\"\n]{{1,80}})\"")
_LABEL_FIELD = regex.compile(
    rf"(?:(?<![^\n|;])|(?<=[|;][ \t]*))[ \t]*(?i:{_KEY_ALT})[ \t]*:[ \t]*"
    r"(?P<value>[^\s|;:,\"{}\[\]\d][^\n|;:\"{}\[\]\d]{0,79}?)(?=[ \t]*(?:\n|\||;|,|[ \t]{2}|\Z))"
)
_VALUE_NAME = regex.compile(rf"{_ANY_WORD}(?:\.?[ \t]+{_ANY_WORD}){{0,3}}\.?")
_VALUE_ORG = regex.compile(rf"{_ANY_WORD}\.?(?:(?:[ \t]+|,[ \t]*)(?:{_ANY_WORD}\.?|&|\(\p{{L}}+\))){{0,6}}")
# A CSV header line: three or more short fields of letters, one of them a name or employer key.
_CSV_HEADER = regex.compile(r"(?m)^[ \t]*[#\p{L}_ ()-]{1,30}(?:[,;\t][#\p{L}_ ()-]{1,30}){2,}[ \t]*$")
_PERSON_KEY_FULL = regex.compile(rf"(?i:{_STRICT_PERSON_KEY}|{_GENERIC_PERSON_KEY})")
_STRICT_KEY_FULL = regex.compile(rf"(?i:{_STRICT_PERSON_KEY})")
_ORG_KEY_FULL = regex.compile(rf"(?i:{_ORG_KEY})")

# Role and kin nouns that introduce a person: "my neighbour albert", "the manager ástrós was",
# "owner r. da cunha", "mariah's cousin rhys potter".
_PERSON_NOUN = (
    r"neighbou?rs?|cousin|manager|owner|friend|boss|colleague|landlord|landlady|flatmate|roommate|"
    r"housemate|wife|husband|son|daughter|brother|sister|mum|mom|mother|dad|father|aunt|auntie|uncle|"
    r"nephew|niece|grandma|grandpa|grandmother|grandfather|granddaughter|grandson|boyfriend|girlfriend|"
    r"fianc[ée]e?|stepson|stepdaughter|teacher|tutor|coach|mentor|supervisor|caretaker|nanny|carer"
)
_VERB_CUE = r"ring|call|calling|phone|text|message|email|meant|mean|ask|tell|remind|visit|visiting"
_NOUN_CUE = regex.compile(
    rf"(?<![\w-])(?i:(?P<noun>{_PERSON_NOUN})|(?P<verb>{_VERB_CUE})|(?P<weak>by|with|and))[ \t]+(?=\p{{L}})"
)
_NAME_RUN = regex.compile(
    rf"(?P<initial>\p{{L}}\.[ \t]*(?:\p{{L}}\.[ \t]*)?(?:{_PARTICLE}[ \t]+)?)?(?P<first>{_ANY_WORD})"
    rf"(?P<rest>(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_ANY_WORD}){{0,2}})"
)
_SURNAME_STEP = regex.compile(rf"[ \t]+((?:{_PARTICLE}[ \t]+)*)({_ANY_WORD})")
# "mariah's cousin": a listed first name owning a kin or role noun.
_OWNER_NAME = regex.compile(rf"(?<![\w-])(?P<name>{_ANY_WORD})['’]s[ \t]+(?i:{_PERSON_NOUN})\b")
# A reference list: "Faria, P., Alves, M. and Lassen, C. (2008)".
_CITED_AUTHOR = regex.compile(
    rf"(?<![\w-])(?P<last>{_TITLE_WORD}),[ \t]+\p{{Lu}}\.(?:[ \t]?\p{{Lu}}\.)*"
    r"(?=[ \t]*(?:,|and\b|&|\(\d{4}|\n|\Z))"
)
# A reviewer's or writer's given name and initial: "- Fernanda S., United States".
_GIVEN_INITIAL = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}.-])(?<!\p{{Lu}}[\p{{L}}\p{{M}}]*[ \t]+)(?P<name>{_TITLE_WORD}[ \t]+\p{{Lu}}\.)"
    r"(?=[ \t]*(?:,|\n|\Z))"
)
# "SMITH John": a surname in capitals before a given name (a register, a notice).
_UPPER_SURNAME_FIRST = regex.compile(
    rf"(?<![\w-])(?P<last>\p{{Lu}}[\p{{Lu}}\p{{M}}'’-]+)[ \t]+(?P<first>{_TITLE_WORD})(?![\w-])"
)
_SHOP_WORDS = r"\p{Lu}[\p{L}\p{M}&'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}&'’-]*){0,2}"
# A signature naming the writer and the company: "- Aleksandrs at Swiftpeak".
_SIGNED_AT = regex.compile(
    rf"(?:(?<![^\n])|(?<=[.!?][ \t]{{1,3}}))[ \t]*[-–—~][ \t]*(?P<name>{_TITLE_WORD})[ \t]+at[ \t]+"
    rf"(?P<org>{_SHOP_WORDS})[ \t]*[.!]?[ \t]*(?=\n|\Z)"
)
# A university or school named after its town: "University of Nueva Argentina", "College of Gerasdorf bei
# Wien" (the subject studied before it is not part of it).
_UNIVERSITY = regex.compile(
    r"(?<![\w-])(?P<org>(?:University|College|Academy|Polytechnic|Institute)[ \t]+of[ \t]+"
    r"\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t]+(?:(?:bei|an|am|der|de|del|la|upon|on)[ \t]+)?"
    r"\p{Lu}[\p{L}\p{M}'’-]*){0,3})"
)
# A family firm: "Maillot & Daughters", "Harvey and Sons".
_FAMILY_FIRM = regex.compile(
    rf"(?<![\w-])(?P<org>{_ANY_WORD}[ \t]+(?:&|and)[ \t]+(?i:sons|daughters|brothers|bros\.?))(?![\w-])"
)
# A shop or bank the writer is a customer of: "Thank you for shopping with Oralu!".
_CUSTOMER_OF = regex.compile(
    r"(?i:shopping|banking|ordering|customers?)[ \t]+(?:with|at|from|of)[ \t]+"
    rf"(?P<org>{_SHOP_WORDS})(?=[ \t]*[!.,;\n]|\Z)"
)


def _surname_like(word: str) -> bool:
    """A listed surname English does not use much, or a word English hardly knows (any case)."""
    low = word.lower()
    if low in _NO_VALUE or low in _CLINICAL_STOPWORDS or low in clinical_terms():
        return False
    if lexicon().is_name(low):
        return zipf(low) < COMMON_WORD_ZIPF
    return zipf(low) < RARE_WORD_ZIPF and not _is_place_word(word)


def _given_like(word: str, ceiling: float = _LONE_NAME_ZIPF) -> bool:
    """A listed first name that is no everyday English word (Zipf below ``ceiling``)."""
    low = word.lower()
    return (
        low in lexicon().first_names
        and zipf(low) < ceiling
        and low not in _CLINICAL_STOPWORDS
        and low not in clinical_terms()
    )


def _field_values(text: str) -> Iterator[tuple[str, int, int]]:
    """(key, start, end) of each JSON, form or CSV field value whose key names a person or an employer."""
    for pattern in (_JSON_FIELD, _LABEL_FIELD):
        for match in pattern.finditer(text):
            yield match.group("key"), match.start("value"), match.end("value")
    for header in _CSV_HEADER.finditer(text):
        delimiter = next(ch for ch in ",;\t" if ch in header.group())
        keys = [key.strip() for key in header.group().split(delimiter)]
        wanted = {
            i: key
            for i, key in enumerate(keys)
            if _PERSON_KEY_FULL.fullmatch(key) or _ORG_KEY_FULL.fullmatch(key)
        }
        if not wanted:
            continue
        for line in regex.finditer(r"(?m)^[^\n]*$", text, pos=header.end() + 1):
            if not line.group().strip() or delimiter not in line.group():
                break
            offset = line.start()
            for index, field in enumerate(line.group().split(delimiter)):
                if index in wanted and field.strip():
                    lead = len(field) - len(field.lstrip())
                    yield wanted[index], offset + lead, offset + len(field.rstrip())
                offset += len(field) + 1


def _is_person_value(key: str, value: str) -> bool:
    """Whether a field value is a person's name: any name-shaped value under a strict key, one with a
    listed name under a generic key."""
    if not _VALUE_NAME.fullmatch(value) or value.strip(". ").lower() in _NO_VALUE:
        return False
    words = [word.strip(".") for word in value.split() if len(word.strip(".")) > 1]
    if not words or any(word.lower() in clinical_terms() for word in words):
        return False
    if _STRICT_KEY_FULL.fullmatch(key):
        return True
    lex = lexicon()
    if any(lex.is_name(word) and _name_like(word, listed=5.5, strong=True) for word in words):
        return True
    # Two or three Title-case words no list holds are a full name's shape ("Lei Sun") when one is rare in
    # English and none is an everyday word ("Blue Widget", "Blood Culture").
    frequencies = [zipf(word.lower()) for word in words]
    return (
        1 < len(words) == len(value.split()) < 4
        and all(_is_title(word) and not word.isupper() for word in words)
        and max(frequencies) < _LONE_NAME_ZIPF - 0.1
        and min(frequencies) < RARE_WORD_ZIPF + 0.5
    )


class FieldNameRecognizer(SpanRecognizer):
    """Person names read from where they stand, in any case: the value of a JSON, form or CSV field
    whose key names a person ("first_name": "hồng", "Given name(s): Elisa", a SURNAME column), a listed
    first name after a role or kin noun or a calling verb ("my neighbour albert", "ring məhru on", "i
    meant mikako") with its surname ("call paul hunt"), an initial and surname after a role ("owner r. da
    cunha"), a full name after "by" / "with", a name owning a kin noun ("mariah's cousin"), cited
    authors ("Faria, P., Alves, M."), a given name and initial signing a review ("- Fernanda S.,"),
    "SURNAME Given" and the writer of "- Aleksandrs at Swiftpeak". Clinical-safe: no."""

    ENTITY = "PERSON"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Fields, cued names, then written forms."""
        for key, start, end in _field_values(text):
            if _PERSON_KEY_FULL.fullmatch(key) and _is_person_value(key, text[start:end]):
                yield start, end, 0.6
        yield from self._cued(text)
        lex = lexicon()
        for match in _OWNER_NAME.finditer(text):
            if _given_like(match.group("name"), COMMON_WORD_ZIPF):
                yield match.start("name"), match.end("name"), 0.6
        for match in _CITED_AUTHOR.finditer(text):
            last = match.group("last")
            if (lex.is_name(last) and _name_like(last, listed=6.0)) or _name_like(last, rare=RARE_WORD_ZIPF):
                yield match.start(), match.end(), 0.6
        for match in _GIVEN_INITIAL.finditer(text):
            if _given_like(match.group("name").split()[0], 5.5):
                yield match.start("name"), match.end("name"), 0.6
        for match in _UPPER_SURNAME_FIRST.finditer(text):
            last, first = match.group("last"), match.group("first")
            if (
                len(last) > 2
                and not is_everyday_word(last)
                and (last.lower() in lex.last_names or (len(last) > 3 and _surname_like(last)))
                and _given_like(first, COMMON_WORD_ZIPF)
            ):
                yield match.start(), match.end(), 0.6
        for match in _SIGNED_AT.finditer(text):
            if _given_like(match.group("name"), 5.5) or _name_like(match.group("name"), strong=True):
                yield match.start("name"), match.end("name"), 0.6

    @staticmethod
    def _cued(text: str) -> Iterator[tuple[int, int, float]]:
        """A name after a role noun, a calling verb or "by" / "with" / "and" (the latter need a surname)."""
        for cue in _NOUN_CUE.finditer(text):
            run = _NAME_RUN.match(text, cue.end())
            if run is None:
                continue
            first = run.group("first")
            if run.group("initial"):
                # "owner r. da cunha": an initial and a surname, only after a role noun.
                if cue.group("noun") and _surname_like(first):
                    yield run.start(), run.end("first"), 0.6
                continue
            if not _given_like(first, 5.5):
                continue
            end = run.end("first")
            for word in _SURNAME_STEP.finditer(run.group("rest")):
                surname = word.group(2)
                if not _surname_like(surname) or is_frequent_word(surname, _AUXILIARY_ZIPF):
                    break
                end = run.end("first") + word.end()
            lone = not cue.group("weak") and zipf(first.lower()) < _LONE_NAME_ZIPF - 0.3
            if end > run.end("first") or lone:
                yield run.start(), end, 0.6


__all__ = [
    "ContextNameRecognizer",
    "FieldNameRecognizer",
    "MultilingualNameRecognizer",
]
