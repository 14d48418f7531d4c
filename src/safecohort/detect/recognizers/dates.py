"""Dates: the forms presidio misses in notes (:class:`ClinicalDateRecognizer`) and
:func:`_is_date_range`, which tells a range of month.day dates from a range of values; in general text
also dates run together with words, written out with a month name, and a day before a month."""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.base import (
    _CREDENTIAL,
    _DEGREE,
    GENERAL_ONLY,
    ClinicalPatternRecognizer,
    Pattern,
    _either_case,
)

# --- dates presidio misses ----------------------------------------------------------------------------

_MONTH = _either_case(
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
_M = r"(?:0?[1-9]|1[0-2])"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL = r"(?i:st|nd|rd|th)"  # "10th", "20TH"
# "1/2" (half a tablet) and "8/10" (a pain score) look like dates; they need a context word to count.
_AMBIGUOUS_MONTH_DAY = re.compile(r"\d/\d|\d{1,2}/10")
# ... unless a word that introduces a date stands right before them ("since 1/8", "on 5/9", "Labs 3/2:").
# presidio's context words cannot do this: they skip stop words such as "on" and "since".
_DATE_CUE_BEFORE = re.compile(
    r"\b(?i:on|since|from|until|till|thru|through|by|before|after|dated?|dos|labs?(?:[ \t]+at[ \t]+\w+)?|"
    r"comparison|compared[ \t]+(?:to|with)|seen|visit|admitted|discharged|d/c)[ \t]*:?[ \t]*$"
)
# Words that date a finding or a specimen ("first noted 6/2", "Received: 3/4"). They also introduce pain
# scores ("reported 8/10"), so before "n/10" they count only as a label with a colon.
_EVENT_CUE_BEFORE = re.compile(
    r"\b(?i:noted|obtained|received|reported|collected|drawn|resulted|(?P<given>given|sent|signed|"
    r"repeat(?:ed)?))(?P<colon>[ \t]*:)?[ \t]*$"
)
# What is given or sent is often a fraction ("given 1/2 amp", "sent 1/4 of the dose"): not a date there.
_FRACTION = re.compile(r"1/[234]|[23]/[34]")
# A month/day after the name of a score or scale is the score ("Braden 10/23", "GCS 3/15").
_SCORE_BEFORE = re.compile(
    r"\b(?i:braden|morse|gcs|glasgow|apgars?|nihss|mmse|moca|slums|phq-?\d*|gad-?\d*|rass|ciwa(?:-ar)?|"
    r"cows|score|scale|pain|strength|ess|epworth|bims)[ \t]*(?:score|scale)?[ \t]*[:=]?[ \t]*$"
)
# A month/day alone at the end of a signature line ("Jo Smith, MA  3/10"): the date it was signed.
_SIGNATURE_BEFORE = re.compile(rf",[ \t]*(?:{_CREDENTIAL}|{_DEGREE})[ \t]+$")
_MONTH_SLASH_DAY = re.compile(r"\d{1,2}/\d{1,2}")
# Days of a gestational age after its weeks ("35 2/7 wk", "GA 28w 4/7"): no date.
_GESTATIONAL_DAYS = re.compile(r"[0-6]/7")
_GESTATIONAL_WEEKS_BEFORE = re.compile(r"\b[1-4]\d[ \t]*(?:(?i:w|wks?|weeks?)[ \t]*)?(?:and[ \t]+)?$")
_DOSE_AFTER = re.compile(r"[ \t]*(?i:tabs?|tablets?|pills?|capsules?|caps?|cups?|doses?|strength|of)\b")
# A table whose last column is a date ("Component      Value    Date"): a month/day ending one of its rows
# is that date ("INR            2.6      1/8").
_DATE_COLUMN_HEADER = re.compile(r"(?m)[ \t]{2,}(?i:date|collected|resulted|drawn)[ \t]*:?[ \t]*$")
_ROW_END = re.compile(r"[ \t]*(?:\n|$)")


def _in_date_column(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends a row of a table, no blank line after a header whose last column
    is a date."""
    if not _ROW_END.match(text, end):
        return False
    table_start = max(0, start - 600, text.rfind("\n\n", 0, start))
    return _DATE_COLUMN_HEADER.search(text, table_start, start) is not None


_WEEKDAY_ABBREVIATION = _either_case("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")
# Military style "05AUG2017", "01jan24": day, month abbreviation and year run together.
_MONTH_ABBREVIATION = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_RUN_TOGETHER_DATE = rf"(?:0[1-9]|[12]\d|3[01]){_MONTH_ABBREVIATION}(?:19|20)?\d\d"
# "3.24" is a date only after a word that dates an event ("admitted 3.24", "start of care 11.1"), next
# to another date ("on Oct-10 and 11.17"), in a range of dates or in a chat time stamp ("[3.31 8:19]"):
# alone it is a lab value ("K 3.3", "AHI 3.1"). Words that also introduce values ("from", "to", "at",
# "by") are no cue, and a unit after the number ("on 2.5 L", "since 1.5 mg") makes it a dose.
_MONTH_DOT_DAY = rf"(?<![\w.,/-]){_M}\.{_D}"
_NOT_A_DOSE = (
    r"(?![\w.]|[.,]\d|[ \t]*(?:%|(?i:mg|mcg|g|gm|kg|lbs?|l|lpm|ml|cc|units?|iu|meq|mmol|cm|mm|in|h|hrs?|"
    r"hours?|d|days?|wks?|weeks?|mos?|months?|y|yrs?|years?|x|times|tabs?|puffs?|mmhg|of)\b))"
)
_MONTH_DOT_DAY_CUE = (
    r"(?i:on|since|until|till|thru|through|admitted|admit|discharged|d/c|dc'?d|performed|done|started|"
    r"start[ \t]+of[ \t]+care|soc|seen|dated?|dos|visit|surgery|returned|evaluated|onset|injured)"
)
_DATE_BEFORE_AND = rf"(?:{_MONTH}[-. \t]?{_D}|{_M}/{_D})[ \t]+(?:and|&|to|thru|through)"
# Words that date the event they follow ("sent 5-1", "signed 7-5", "D/c'd jun 13", "F/u call 2-27", "repeat
# dec 21"): a month-day with a hyphen, or a month in lower case, reads as a date after them.
_EVENT_DATE_CUE = (
    r"(?i:on|since|until|till|thru|through|received|rec'?d|collected|drawn|resulted|verified|signed|sent|"
    r"given|repeat(?:ed)?|redrawn|d/c'?d|dc'?d|discharged|admitted|seen|visit|call(?:ed)?|dated?|done|"
    r"performed|started|stopped|expires?|expired)"
)
# ... unless a count or a unit follows ("on 2-3 L", "given 1-2 tabs", "seen 3-4 times", "on 5-10 mg").
_NOT_A_QUANTITY = (
    r"(?![\w/-]|[.,]\d|[ \t]*(?:%|(?i:mg|mcg|g|gm|kg|lbs?|l|lpm|liters?|ml|cc|units?|iu|meq|mmol|cm|mm|"
    # "in" before a capitalised word is the preposition ("on 7-23 in Radiology"), not inches
    r"in(?![ \t]+(?-i:[A-Z]))|h|hrs?|hours?|min|mins|minutes?|d|days?|wks?|weeks?|mos?|months?|y|yrs?|"
    r"years?|x|times|tabs?|"
    r"tablets?|caps?|capsules?|puffs?|doses?|drops?|sprays?|cycles?|episodes?|occasions?|drinks?|beers?|"
    r"cigarettes?|packs?|ppd|bottles?|glasses|cups?|servings?|meals?|stools?|bm|voids?|pads?|mmhg|"
    r"of|per|out|or)\b))"
)
_LOWER_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
# Lower-case months that are no English word ("jul 29", "sept 3"): read without a cue.
_LOWER_MONTH_NOT_A_WORD = (
    r"(?:january|february|april|july|august|september|october|november|december|"
    r"jan|feb|apr|jun|jul|aug|sept?|oct|nov)"
)
# A range of two month.day dates ("(6.29 - 7.5)"), spaced so that "3.5-5.0" reference ranges stay out.
_MONTH_DOT_DAY_RANGE = re.compile(rf"({_M})\.({_D})[ \t]+-[ \t]+({_M})\.({_D})")


def _is_date_range(found: str) -> bool | None:
    """For a month.day range, whether it reads as one: a two-digit day, the second date after the
    first and within three months ("1.2 - 1.5" or "8.5 - 10.5" are value ranges). None for other forms."""
    parts = _MONTH_DOT_DAY_RANGE.fullmatch(found)
    if parts is None:
        return None
    first_month, first_day, last_month, last_day = (int(part) for part in parts.groups())
    if len(parts[2]) < 2 and len(parts[4]) < 2:
        return False
    months_apart = (last_month - first_month) % 12
    return months_apart <= 3 and (months_apart > 0 or last_day >= first_day)


class ClinicalDateRecognizer(ClinicalPatternRecognizer):
    """Date forms frequent in notes: "3/14", "7/22-7/23", "14-Mar-2021", "March 14th", "14th of March",
    "05AUG2017", "3.24.21", "2017.08.11", "3.24" where it reads as a date (see ``_MONTH_DOT_DAY``), and
    "5-1" or "jun 13" after a word that dates an event ("sent 5-1", "D/c'd jun 13")."""

    ENTITY = "DATE_TIME"
    PATTERNS = (
        Pattern(
            "month/day (range)",
            rf"(?<![\w/.,-]){_M}/{_D}(?:[ \t]*-[ \t]*(?:{_M}/)?{_D})?(?![\w/]|[.,]\d)",
            0.6,
        ),
        Pattern(
            "month name day",
            # "March 10th", "NOV. 10TH", "March the 10th" (with "the" only before an ordinal)
            rf"\b{_MONTH}\.?[ \t]+(?:(?i:the)[ \t]+(?={_D}{_ORDINAL}\b))?{_D}{_ORDINAL}?\b"
            rf"(?:(?:,[ \t]*|[ \t]+){{1,2}}(?:\d{{4}}\b|['’]\d{{2}}\b))?",
            0.6,
        ),
        Pattern(
            "day month name",
            rf"\b{_D}{_ORDINAL}?[ \t]+(?:(?i:of)[ \t]+)?{_MONTH}\b\.?(?:,?[ \t]+\d{{4}}\b)?",
            0.6,
        ),
        Pattern("day-month-year", rf"\b{_D}[-/. ](?i:{_MONTH})[-/. ](?:\d{{4}}|\d{{2}})\b", 0.6),
        # "Apr-09-17", "MAY-31-2023": month name, day and year joined by hyphens.
        Pattern("month-day-year", rf"\b{_MONTH}-{_D}-(?:\d{{4}}|\d\d)\b(?!-)", 0.6),
        # An abbreviated weekday belongs to the date it names ("Thu 9/3", "~Sun 11/24", "Mon, Mar 28");
        # "SAT" in capitals is a saturation.
        Pattern(
            "weekday and date",
            rf"\b(?!SAT\b){_WEEKDAY_ABBREVIATION}\.?,?[ \t]+"
            rf"(?:{_M}/{_D}(?:/(?:\d{{4}}|\d\d))?(?![\w/]|[.,]\d)|{_MONTH}\.?[ \t]+{_D}{_ORDINAL}?\b"
            rf"|{_D}{_ORDINAL}?[ \t]+{_MONTH}\b)",
            0.6,
        ),
        Pattern("iso date and time", r"\b\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b", 0.7),
        Pattern("month year", rf"\b{_MONTH}\.?,?[ \t]+(?:19|20)\d{{2}}\b", 0.5),
        Pattern("month/year", r"(?<![\w/.-])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\w/]|[.,]\d)", 0.5),
        # "on the 3rd", "since the 21st": a day of the month without the month.
        Pattern(
            "the nth",
            r"(?<=\b(?i:on|by|until|since|from|before|after|through|thru|of)[ \t]+(?i:the)[ \t]+)"
            rf"{_D}(?i:{_ORDINAL})\b",
            0.5,
        ),
        # A month on its own after a word that dates an event ("last episode in August").
        Pattern(
            "month alone",
            r"(?<=\b(?i:in|since|until|during|by|last|next|early|late|mid|of)[ \t]+)"
            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
            r"\b(?![ \t]+\d)",
            0.5,
        ),
        # A weekday names the day of an event ("seen Monday", "since Tues"), which dates it.
        Pattern(
            "weekday",
            r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|"
            r"THURSDAY|FRIDAY|SATURDAY|SUNDAY|Tues|Thurs|TUES|THURS)\b",
            0.5,
        ),
        Pattern("day, month and year run together", rf"\b{_RUN_TOGETHER_DATE}\b", 0.6),
        Pattern(
            "month.day after a date word",
            rf"(?=\d)(?<=\b{_MONTH_DOT_DAY_CUE}[ \t]*:?[ \t]+|\b{_DATE_BEFORE_AND}[ \t]+)"
            rf"{_MONTH_DOT_DAY}{_NOT_A_DOSE}",
            0.6,
        ),
        Pattern(
            "month.day range",
            rf"(?=\d){_MONTH_DOT_DAY}[ \t]+-[ \t]+{_M}\.{_D}(?![\w.]|[.,]\d)",
            0.6,
        ),
        Pattern("month.day time stamp", rf"(?<=\[){_M}\.{_D}(?=[ \t]+\d{{1,2}}:?\d\d\])", 0.6),
        Pattern("month.day.year", rf"(?=\d){_MONTH_DOT_DAY}\.(?:\d{{4}}|\d\d)(?![\w.]|[.,]\d)", 0.6),
        # Year, month and day with dots ("2017.08.11"): two-digit month and day, so not a version number.
        Pattern(
            "year.month.day",
            r"(?<![\w.])(?:19|20)\d\d\.(?:0[1-9]|1[0-2])\.(?:0[1-9]|[12]\d|3[01])(?![\w]|\.\d)",
            0.6,
        ),
        # "sent 5-1", "signed 7-5", "F/u call 2-27": a month-day with a hyphen after a word that dates an
        # event, or before a time of day ("7-19 02:44", "2-27 at 13:18"); alone it is a range ("2-3").
        Pattern(
            "month-day after a date word",
            rf"(?=\d{{1,2}}-)(?<=\b{_EVENT_DATE_CUE}[ \t]*:?[ \t]+)(?<![\w/.,-]){_M}-{_D}{_NOT_A_QUANTITY}",
            0.6,
        ),
        Pattern(
            "month-day before a time",
            rf"(?<![\w/.,:-]){_M}-{_D}(?=[ \t]+(?:(?i:at|@)[ \t]+)?(?:[01]?\d|2[0-3]):[0-5]\d\b)",
            0.6,
        ),
        # A month in lower case with its day ("D/c'd jun 13", "F/u call sep 27", "received may 25"); "may",
        # "mar", "march" and "dec" are words too, so they need the cue.
        Pattern(
            "lower-case month day",
            rf"(?<![A-Za-z])(?=[adfjmnos][a-z]{{2,8}}\.?[ \t]+\d)"
            rf"(?:(?<=\b{_EVENT_DATE_CUE}[ \t]*:?[ \t]+){_LOWER_MONTH}|\b{_LOWER_MONTH_NOT_A_WORD})"
            rf"\.?[ \t]+{_D}{_ORDINAL}?\b{_NOT_A_QUANTITY}",
            0.6,
        ),
        # A day of the month before the time of an event ("F/u call 14th at 1254").
        Pattern(
            "the nth at a time",
            rf"(?=\d)(?<![\w/.-]){_D}{_ORDINAL}(?=[ \t]+(?i:at|@)[ \t]+(?:[01]?\d|2[0-3]):?[0-5]\d\b)",
            0.5,
        ),
    )
    CONTEXT = (
        "date",
        "dob",
        "birth",
        "born",
        "admit",
        "admission",
        "discharge",
        "seen",
        "visit",
        "surgery",
        "since",
        "until",
        "follow",
        "appointment",
        "appt",
        "schedule",
    )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find the dates; ambiguous month/day forms ("1/2", "8/10") keep only a weak score, and a
        month/day after the name of a score ("Braden 10/23") none."""
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            found = text[result.start : result.end]
            before = max(0, result.start - 16)
            if _MONTH_SLASH_DAY.fullmatch(found) and _SCORE_BEFORE.search(text, before, result.start):
                continue
            if _GESTATIONAL_DAYS.fullmatch(found) and _GESTATIONAL_WEEKS_BEFORE.search(
                text, before, result.start
            ):
                continue
            if (
                _AMBIGUOUS_MONTH_DAY.fullmatch(found)
                and not _DATE_CUE_BEFORE.search(text, before, result.start)
                and not _in_date_column(text, result.start, result.end)
                and not (
                    _SIGNATURE_BEFORE.search(text, before, result.start) and _ROW_END.match(text, result.end)
                )
            ):
                event = _EVENT_CUE_BEFORE.search(text, before, result.start)
                if (
                    event is None
                    or (found.endswith("/10") and not event["colon"])
                    or (event["given"] and _FRACTION.fullmatch(found))
                    or _DOSE_AFTER.match(text, result.end)
                ):
                    result.score = min(result.score, 0.2)
            kept.append(result)
        return kept

    def validate_result(self, pattern_text: str) -> bool | None:
        """A month.day range must read as a range of dates (see :func:`_is_date_range`); False drops it."""
        return False if _is_date_range(pattern_text) is False else None


class RunningDateRecognizer(ClinicalPatternRecognizer):
    """Years in running text that presidio's date patterns miss: after "Act of" or closing an
    "in/since/until 2014" phrase. A bare number is never a year by itself; weekdays are left alone (no
    identifier, and the benchmark labels them inconsistently). Clinical-safe: no (Safe Harbor keeps
    years; notes are full of "in 2014" histories the clinical policy need not remove)."""

    ENTITY = "DATE_TIME"
    PROFILES = GENERAL_ONLY
    PATTERNS = (
        Pattern(
            "year of an act", r"(?<=\b(?i:act|acts|law|treaty|code)[ \t]+of[ \t]+)(?:1[6-9]|20)\d{2}\b", 0.7
        ),
        Pattern(
            "year closing a time phrase",
            r"(?<=\b(?i:in|since|until|till|during|by|early|late|mid|summer|spring|autumn|fall|winter)"
            r"[ \t]*:?[ \t]+)(?:19|20)\d{2}"  # "since 2014", "member since: 2014"
            r"(?=[ \t]*[.,;:!?)|]|[ \t]*$|[ \t]+(?i:and|to|when|where|as|after|before)\b)",
            0.6,
        ),
    )


# Month names of the languages the general profile reads, English abbreviations included.
# fmt: off
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
    "septembre", "octobre", "novembre", "décembre", "januar", "jänner", "februar", "märz", "juni", "juli",
    "oktober", "dezember", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "gennaio", "febbraio", "aprile",
    "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "januari", "februari", "maart",
    "mei", "augustus", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "dezembro",
)
# fmt: on


def _longest_first(words: Iterable[str]) -> str:
    """An alternation of ``words``, longest first (so "september" wins over "sept"), ties in alphabetical
    order: the pattern's text is the same in every process (the prefilter's shipped table is keyed by it)."""
    return "|".join(sorted(set(words), key=lambda word: (-len(word), word)))


_MONTH_ALT = _longest_first(_MONTHS)
_EN_MONTH_ALT = _longest_first(_MONTHS[:23])
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
)


class WrittenDateRecognizer(ClinicalPatternRecognizer):
    """Dates written out in words in several languages and forms presidio misses: "5 septembre 1972",
    "13. Oktober 2016", "5 de mayo de 2020", "aug. 16th 2018", "february 23, 2004", "Mon Aug 29 2022",
    "monday, 25 february 1963", "Monday the 26th". A day, a month name and a year are required (or a
    weekday and an ordinal day), so "mars" or "mai" alone never count. Times of day are left alone on
    purpose: Safe Harbor lists dates, not clock times, and presidio's benchmark never labels a bare time.
    Clinical-safe: no (the clinical date recognizers cover note dates)."""

    ENTITY = "DATE_TIME"
    PROFILES = GENERAL_ONLY
    PATTERNS = (
        Pattern(
            "day month-name year",
            # (the look-ahead on the first letters of weekdays and months only saves time)
            rf"(?i)(?<![\w.])(?=[\dmtwfsljvd])(?:{_WEEKDAY}\.?,?[ \t]+)?\d{{1,2}}(?:\.|st|nd|rd|th|er)?[ \t]+"
            r"(?:de[ \t]+)?"
            rf"(?:{_MONTH_ALT})\.?,?[ \t]+(?:de[ \t]+)?(?:1[89]|20)\d{{2}}(?![\w])",
            0.7,
        ),
        Pattern(
            "month-name day year",
            rf"(?i)(?<![\w.])(?=[mtwfsjaond])(?:{_WEEKDAY}\.?,?[ \t]+)?(?:{_EN_MONTH_ALT})\.?[ \t]+\d{{1,2}}"
            r"(?:st|nd|rd|th)?,?[ \t]+(?:1[89]|20)\d{2}(?![\w])",
            0.7,
        ),
        Pattern(
            "weekday the ordinal day",
            r"(?i)(?<![\w])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ \t]+the[ \t]+"
            r"\d{1,2}(?:st|nd|rd|th)(?![\w])",
            0.7,
        ),
    )


# Months whose name is also an everyday word ("may", "mar", "mars", "mai", "mei") need an ordinal or "of".
_PLAIN_MONTHS = _longest_first(m for m in _MONTHS if m not in ("may", "mar", "mars", "mai", "mei"))
_DAY_ORDINAL = r"(?:st|nd|rd|th)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
# A word before a day/month that reads it as a date ("since 26/6", "born 30/8", "reply by 18/7").
_DATE_CUE = r"(?i:since|born|by|on|from|until|till|before|after|due|dated|stayed|expires?|window[ \t]*:)"


class DayMonthDateRecognizer(ClinicalPatternRecognizer):
    """Dates with a day and a month but no year: "31 aug", "26th of may", "march 17th", "jul 9", and
    "26/6" after a date word ("since", "born", "by", "on", "until"). A bare "3/4" is never a date; an
    everyday-word month ("may") needs an ordinal day or "of". Clinical-safe: no (scores and fractions)."""

    ENTITY = "DATE_TIME"
    PROFILES = GENERAL_ONLY
    PATTERNS = (
        Pattern(
            "day month-name",
            rf"(?i)(?<![\w.,/:-])(?=\d){_DAY}(?:{_DAY_ORDINAL}[ \t]+(?:of[ \t]+)?(?:{_MONTH_ALT})"
            rf"|[ \t]+(?:of[ \t]+(?:{_MONTH_ALT})|(?:{_PLAIN_MONTHS})))\.?(?![\w-]|\.\w)",
            0.6,
        ),
        Pattern(
            "month-name day",
            rf"(?i)(?<![\w.-])(?=[a-zé])(?:(?:{_EN_MONTH_ALT})\.?[ \t]+{_DAY}{_DAY_ORDINAL}"
            rf"|(?:{_PLAIN_MONTHS})\.?[ \t]+{_DAY}{_DAY_ORDINAL}?)(?![\w:/-]|[.,]\d)",
            0.6,
        ),
        Pattern(
            "day/month after a date word",
            rf"(?<=\b{_DATE_CUE}[ \t]+){_DAY}/(?:1[0-2]|0?[1-9])(?![\w/-]|[.,:]\d)",
            0.6,
        ),
    )


__all__ = [
    "ClinicalDateRecognizer",
    "DayMonthDateRecognizer",
    "RunningDateRecognizer",
    "WrittenDateRecognizer",
]
