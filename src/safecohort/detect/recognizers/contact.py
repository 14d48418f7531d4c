"""Contact details: phone, pager and fax numbers (the clinical forms, presidio's libphonenumber
recognizer run on windows of digits, numbers after a cue or by their shape in general text), e-mail
addresses and URLs, both offline."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex
import tldextract
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer, PhoneRecognizer

from safecohort.detect.recognizers.base import (
    _CREDENTIAL,
    EVERY_PROFILE,
    GENERAL_ONLY,
    ClinicalPatternRecognizer,
    Pattern,
    SpanRecognizer,
)

# --- phone, pager and fax numbers ---------------------------------------------------------------------


class ClinicalPhoneRecognizer(ClinicalPatternRecognizer):
    """US phone numbers with extensions ("617-555-0100 ext. 12") and pager, fax or extension numbers
    after their label ("pager 4-1234", "x 5-5555", "fax: 617 555 0101") or where someone was called
    ("called to PA Osborne at 70472"), and a short extension after a number ("555-0100 opt 2, ext 580")."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        Pattern(
            "us phone with extension",
            # the area code in parentheses or brackets ("[223] 385-0712"), the extension in brackets too
            r"(?<![\w.-])(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\[\d{3}\][ \t]?|\d{3}[ \t.-])"
            r"\d{3}[ \t.-]\d{4}"
            r"(?:[ \t]*,?[ \t]*(?i:ext\.?|x\.?|extension)[ \t]*:?[ \t]*\d{1,6}"
            r"|[ \t]*\[(?i:ext\.?|x)[ \t]?\d{1,6}\])?(?![\w-])",
            0.7,
        ),
        Pattern(
            "labelled pager, fax or extension",
            r"(?<=\b(?i:pager|pgr|beeper|bpr|fax|ext\.?|extension|x|spectralink|vocera|ascom|cisco)"
            r"[ \t]*[\#:.]?[ \t]*)"
            r"(?=[\d-]*\d{3})\d[\d-]{2,12}\d(?![\w-])",
            0.6,
        ),
        # A three-digit extension right after a phone number ("854 832-3180 opt 2, ext 580").
        Pattern(
            "short extension after a phone number",
            r"(?<=[ \t#:.])(?=\d{3}\b)"
            r"(?<=\d{3}[-. ]?\d{4}\)?(?:[ \t]*,?[ \t]*(?i:opt(?:ion)?|press)[ \t]*\d)?[^\n\d]{0,12}"
            r"\b(?i:ext\.?|extension)[ \t]*[\#:.]?[ \t]*)\d{3}(?![\w/.-])",
            0.6,
        ),
        Pattern(
            "international",
            r"(?<![\w+])\+\d{1,3}[ \t.-]?(?:\(\d{1,4}\)[ \t.-]?)?\d{1,4}(?:[ \t.-]\d{1,4}){0,3}[ \t.-]\d{1,6}"
            r"(?![\w-])",
            0.6,
        ),
        # A UK number written nationally: 0 and ten digits, grouped 5+6 ("01632 960123", "07700 900123"),
        # 4+3+4 ("0161 496 0000") or 3+4+4 ("020 7946 0000").
        Pattern(
            "uk national number",
            r"(?<![\w.+/-])0(?:\d{4}[ \t]?\d{6}|\d{3}[ \t]?\d{3}[ \t]?\d{4}|\d{2}[ \t]?\d{4}[ \t]?\d{4})"
            r"(?![\w/-]|[.,]\d)",
            0.6,
        ),
        # An extension dialled after a phone number ("555-0100, then 6188 at the prompt", "... then dial
        # 22"): not a time ("then 1430 hrs").
        Pattern(
            "extension dialled after a phone number",
            r"\b(?i:then|and[ \t]+then)(?<=\d{3}[-. ]?\d{4}\)?[ \t]*[,;]?[ \t]*(?i:then|and[ \t]+then))"
            r"(?:[ \t]+(?i:dial|enter|press))?[ \t]+\K"
            r"(?:(?i:x|ext\.?)[ \t]?)?\d{2,6}(?![\w/.:-]|[ \t]*(?i:am|pm|hrs?|h)\b)",
            0.6,
        ),
        Pattern(
            "digit groups",
            # ... but not a range of 24-hour times ("1114-1344"), nor a date's year and the time after it
            # ("4/29/2022 1731", "9/2/2023 16:17")
            r"(?<![\w./-])(?!(?:[01]\d|2[0-3])[0-5]\d-(?:[01]\d|2[0-3])[0-5]\d(?![\w-])|(?:19|20)\d\d\.\d\d\.\d\d\b)"
            r"(?:\(\d{2,4}\)[ \t]?|\d{2,4}[ \t.-])\d{2,4}(?:[ \t.-]\d{2,4}){0,2}(?![\w:-])",
            0.1,
        ),
        Pattern("local 7 digits", r"(?<![\w.-])\d{3}-\d{4}(?![\w-])", 0.3),
        # An extension or pager number where someone was called ("called to PA Osborne at 70472",
        # "paged Dr X at 5-3592", "at x87920"); four digits alone are a time ("at 1430").
        Pattern(
            "extension someone was called at",
            r"(?<=[ \t](?i:at)[ \t]+)(?<![\w.-])(?:x[ \t]?\d{4,5}|\d-\d{4}|\d{5})"
            r"(?![\w:.-]|[ \t]*(?i:hrs?|h|am|pm)\b)(?<=\b(?i:call(?:ed)?|paged?|reached|contacted|texted)\b"
            r"[^\n;]{0,60}[ \t](?i:at)[ \t]+(?:x[ \t]?\d{4,5}|\d-\d{4}|\d{5}))",
            0.6,
        ),
        # An extension in parentheses after a credential ("Ivy Yazzie, RN (70253) on 6 March"), not a year.
        Pattern(
            "extension after a credential",
            rf"(?<=\b{_CREDENTIAL}[ \t]*\()(?!(?:19|20)\d\d\))(?:x[ \t]?)?\d{{4,5}}(?=\))",
            0.6,
        ),
    )
    CONTEXT = ("phone", "tel", "call", "cell", "mobile", "pager", "beeper", "fax", "contact", "number")


# --- e-mail addresses, URLs and phone numbers, and presidio's own recognizers ---------------------


class OfflineEmailRecognizer(EmailRecognizer):
    """presidio's e-mail recognizer, validating the domain with the suffix list bundled in tldextract.

    presidio calls ``tldextract.extract``, whose module-level extractor fetches the public suffix list
    from the network on first use and logs a connection error offline; this one never does.
    """

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """presidio's e-mail matches; a note without an "@" has none (its pattern is costly to run)."""
        if "@" not in text:
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool:
        """True when the address ends in a known public suffix."""
        return _public_suffixes()(pattern_text).fqdn != ""


_URL_END = r"[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"


class OfflineUrlRecognizer(ClinicalPatternRecognizer):
    """URLs: with a scheme, starting ``www.``, or a bare host name ("portal.example.org/x") whose last
    label is a public suffix in tldextract's bundled list (so "Dr.Smith" or "report.pdf" are not hosts).

    Written here rather than taken from presidio: presidio's pattern spells out every top-level domain and
    took a fifth of the analyzer's time; this one checks the suffix only for what it matched."""

    ENTITY = "URL"
    PATTERNS = (
        Pattern("url with scheme", rf"\b(?i:https?|ftp|sftp)://{_URL_END}", 0.6),
        Pattern("www url", rf"\b(?i:www)\.{_URL_END}", 0.6),
        Pattern(
            "host name",
            r"(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
            rf"(?:/(?:{_URL_END})?)?(?![\w@-])",
            0.5,
        ),
    )
    CONTEXT = ("url", "website", "web", "site", "link", "portal", "online")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the host ends in a known public suffix and has a name before it."""
        host = re.sub(r"^(?i:[a-z]+://)", "", pattern_text).split("/", 1)[0]
        parts = _public_suffixes()(host)
        return bool(parts.suffix and parts.domain)


def _public_suffixes() -> tldextract.TLDExtract:
    """tldextract over its bundled public suffix list: never the network (its default fetches the list)."""
    global _SUFFIXES
    if _SUFFIXES is None:
        _SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    return _SUFFIXES


_SUFFIXES: tldextract.TLDExtract | None = None


class WindowedPhoneRecognizer(PhoneRecognizer):
    """presidio's libphonenumber-based recognizer, run only on the stretches of a note that may hold a
    phone number: seven or more digits in a row (separators allowed) and a few characters around them.
    libphonenumber's matcher is a slow pass over its whole input, once per region; prose between the
    numbers cannot hold one, so it is skipped. ``regions`` are presidio's (its default eight when None)."""

    _MAY_HOLD_PHONE = re.compile(
        r"(?P<core>\+?\(?\d(?:[ \t().+/-]{0,3}\d){6,})"
        r"(?:[ \t,]*(?i:ext\.?|extension|x|\#)[ \t]*\d{1,6})?"
    )
    _MARGIN = 3
    _NOT_A_PHONE = re.compile(
        r"\d{4}([-./])\d\d\1\d\d(?:[ T]\d\d)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"  # dates
        r"|\d{3}-\d\d-\d{4}|\d{1,3}(?:\.\d{1,3}){3}"  # SSNs, IPv4 addresses
    )

    #: General text only: the clinical profile runs :class:`UsPhoneRecognizer`, US numbers only.
    PROFILES = GENERAL_ONLY

    def __init__(self, regions: tuple[str, ...] | None = None) -> None:
        if regions is None:
            super().__init__()
        else:
            super().__init__(supported_regions=regions)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """presidio's phone matches inside each window, with offsets into the whole note."""
        windows: list[list[int]] = []
        for found in self._MAY_HOLD_PHONE.finditer(text):
            if self._NOT_A_PHONE.fullmatch(found.group("core")) or (
                sum(ch.isdigit() for ch in found.group("core")) > 15  # E.164's longest number
            ):
                continue  # a date, an SSN, an IP address, a card or account number
            start, end = max(0, found.start() - self._MARGIN), min(len(text), found.end() + self._MARGIN)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
        results: list[RecognizerResult] = []
        for start, end in windows:
            for result in super().analyze(text[start:end], entities, nlp_artifacts):  # type: ignore[arg-type]
                result.start += start
                result.end += start
                results.append(result)
        return results


class UsPhoneRecognizer(WindowedPhoneRecognizer):
    """US numbers only: each extra region is a full phonenumbers pass (8 regions took half of the
    analyzer's time on the clinical dev split); international numbers keep a "+" form."""

    PROFILES = EVERY_PROFILE

    def __init__(self) -> None:
        super().__init__(regions=("US",))


_PHONE_DIGITS = regex.compile(
    r"(?<![\w+.-])(?:\+\d{1,3}[ \t.-]?)?(?:\(\d{1,4}\)[ \t.-]?)?\d{2,4}(?:[ \t.-]\d{2,6}){1,4}(?![\w-]|\.\d)"
)
_PHONE_CUE_BEFORE = regex.compile(
    r"(?i:\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|office|desk|home|work|call|ring|text|sms|"
    r"whatsapp|messages|number|contact|reach\s+me|dial)\b(?:\s+(?:me\s+)?(?:at|to|on))?[ \t]*(?:no\.?|#)?"
    r"[ \t]*[:.]?)[ \t]*$"
)
_DATE_DIGITS = regex.compile(r"\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4}")
_PHONE_CUE_AFTER = regex.compile(r"[ \t]*\(?(?i:office|fax|mobile|cell|home|work|desk|phone|tel)\b")


class CuedPhoneRecognizer(SpanRecognizer):
    """Phone numbers in international layouts presidio's regions miss ("699 956 915", "28-64-66-98",
    "mobile: 99 577450", "781 1704 office"): 6 to 15 digits in groups, only with a phone word right
    before or after them (never bare digit groups; never a date). Clinical-safe: no."""

    ENTITY = "PHONE_NUMBER"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Digit groups next to a phone word."""
        for match in _PHONE_DIGITS.finditer(text):
            digits = sum(ch.isdigit() for ch in match.group())
            if not 6 <= digits <= 15 or _DATE_DIGITS.fullmatch(match.group()):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 30) : match.start()]
            if _PHONE_CUE_BEFORE.search(before) or _PHONE_CUE_AFTER.match(text, match.end()):
                yield match.start(), match.end(), 0.6


# --- phone shapes, legal forms and invented places (issue 3) -------------------------------------------

# An extension belongs to the phone: "x103", " X959", " ext. 12".
_PHONE_EXT = r"(?:[ \t]*(?:[xX]|(?i:ext\.?|extension))[ \t]*\d{1,6})?"
# What may not follow a phone: more of a word or a code, or decimals ("555.5551234.5").
_PHONE_END = r"(?![\w-]|[.,/:]\d)"
_PHONE_SHAPE = regex.compile(
    # North American layouts with any area code: "(706)826-3640x85", "001-362-489-7523X103",
    # "555.555.1234x12", "+1 362 489 7523" (a fictional or unassigned area code is still a phone)
    rf"(?<![\w+.-])(?:\+1[ \t.-]?|(?:1|001)[ \t.-])?(?:\(\d{{3}}\)[ \t]?|\d{{3}}(?P<sep>[.-]))\d{{3}}"
    rf"(?(sep)(?P=sep)|[.-])\d{{4}}{_PHONE_EXT}{_PHONE_END}"
    # a bracketed area code and a run of digits: "(351) 922455838"
    rf"|(?<![\w+.-])\(\d{{2,4}}\)[ \t]?\d{{6,10}}{_PHONE_EXT}{_PHONE_END}"
    # international with a plus: "+43 (0) 5396 61623676", "+90(915)9023839", "+3276-8869428"
    rf"|(?<![\w+])\+\d{{1,4}}(?:[ \t.-]?\(\d{{1,4}}\))?(?:[ \t.-]?\d{{2,11}}){{1,5}}{_PHONE_EXT}{_PHONE_END}"
)
# Digit groups that need a cue: "0145-976 67", "2629 0219", "5350.8392", "00099 69681", "90149225".
_CUED_PHONE_SHAPE = regex.compile(
    r"(?<![\w+./-])(?<!\d,)(?:(?:\+|00)\d{1,4}[ \t.-]?)?(?:\(\d{1,4}\)[ \t.-]?)?\d{2,12}"
    rf"(?:[ \t.-]\d{{2,8}}){{0,4}}{_PHONE_EXT}{_PHONE_END}"
)
# The cue right before such a number: a phone word, "reachable on", "call us on", a one-letter label of
# a signature ("T 5350 8392", "m: +39 ..."), or an e-mail field of the same contact line ("a@b.de,9014").
_PHONE_SHAPE_CUE = regex.compile(
    r"(?:(?i:\b(?:phone|tel|telephone|tél|telefon|tlf|puh|mobile|mob|cell|fax|whatsapp|sms|hotline)\b"
    r"\.?(?:[ \t]+(?i:no|nr|number)\.?)?|\b(?:reachable|contactable|reached|call(?:[ \t]+(?:us|me|him|her))?|"
    r"ring|text|dial)[ \t]+(?:on|at))|(?:^|(?<=[|,;(]))[ \t]*[TtMmFfPp])[ \t]*[:.]?[ \t]*$"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+[ \t]*[,;|][ \t]*$"
    # "my number is", "contact no.:", "reach me at", "text us on"
    r"|(?i:\b(?:number|no\.|#)[ \t]*(?:is|was|:)?|\b(?:reach|text|call|phone|ring|contact|message|sms)[ \t]+"
    r"(?:me|us|him|her|them)[ \t]+(?:on|at)|\bph\.?[ \t]*:?)[ \t]*$",
    regex.MULTILINE,
)
# An identifier's label before "number is": "order number is 2629 0219" is no phone.
_ID_NUMBER_BEFORE = regex.compile(
    r"(?i:\b(?:sn|serial|ref|reference|order|invoice|ticket|case|account|acct|tracking|licen[cs]e|id|part|"
    r"model|policy|claim|member|confirmation|booking|reservation|customer|passport|flight|room|table|seat)"
    r"[ \t]*(?:no\.|number|#)[ \t]*(?:is|was|:)?)[ \t]*$"
)
# The kind of line after a number in a contact block: "416 60 039 office", "0490 39 07 81 (mobile)".
_PHONE_KIND_AFTER = regex.compile(
    r"[ \t]*[(\[]?(?i:office|mobile|cell|home|work|fax|landline|direct|desk|pager)[)\]]?[ \t]*(?:$|[,;|])",
    regex.MULTILINE,
)
# Never a phone: dates ("2024-05-11", "11.05.2024", "05/11/24"), decimals with a unit or money.
_NOT_PHONE = regex.compile(r"\d{4}[.-]\d{2}[.-]\d{2}|\d{1,2}[.-]\d{1,2}[.-](?:\d{4}|\d{2})")
# A code's label before digits in a phone layout: "SN 1613-682-0847", "order 555-123-4567".
_ID_BEFORE = regex.compile(
    r"(?i:\b(?:sn|s/n|serial|ref|reference|order|invoice|ticket|case|account|acct|isbn|tracking|licen[cs]e|"
    r"id|part|model|policy|claim|member)[ \t]*(?:no\.?|number|#)?[ \t]*[:#]?)[ \t]*$"
)
_MONEY_BEFORE = regex.compile(r"[$€£¥₹][ \t]*$|(?i:\b(?:usd|eur|gbp|chf|sek|nok|dkk|pln|czk))[ \t]*$")


class PhoneShapeRecognizer(SpanRecognizer):
    """Phone-SHAPED numbers, valid in a numbering plan or not: a de-identification tool removes typos,
    fictional area codes and synthetic numbers too (libphonenumber, behind presidio's and the clinical
    phone recognizers, drops them). Without a cue: North American layouts with any area code and an
    optional extension, a bracketed area code and digits, "+CC" numbers with groups and a "(0)" trunk
    prefix. After a cue (a phone word, "reachable on", "call us on", a "T"/"M" signature label, the
    e-mail field of a contact line): grouped European forms ("0145-976 67", "5350.8392", "00099 69681").
    Dates, money and digit runs inside codes are left alone. Clinical-safe: no (lab values and doses
    in grouped digits)."""

    ENTITY = "PHONE_NUMBER"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Uncued phone layouts, then digit groups after a phone cue."""
        found = set()
        for match in _PHONE_SHAPE.finditer(text):
            if _ID_BEFORE.search(text, max(0, match.start() - 25), match.start()):
                continue
            if 7 <= sum(ch.isdigit() for ch in match.group()) <= 18 and not self._money(text, match.start()):
                found.add(match.start())
                yield match.start(), match.end(), 0.6
        for match in _CUED_PHONE_SHAPE.finditer(text):
            number = match.group()
            if match.start() in found:
                continue
            digits = sum(ch.isdigit() for ch in number)
            if not 6 <= digits <= 15 or _NOT_PHONE.search(number) or self._money(text, match.start()):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            if _ID_NUMBER_BEFORE.search(text, max(line_start, match.start() - 40), match.start()):
                continue
            if _PHONE_SHAPE_CUE.search(
                text, max(line_start, match.start() - 60), match.start()
            ) or _PHONE_KIND_AFTER.match(text, match.end()):
                yield match.start(), match.end(), 0.55

    @staticmethod
    def _money(text: str, start: int) -> bool:
        return bool(_MONEY_BEFORE.search(text, max(0, start - 5), start))


__all__ = [
    "ClinicalPhoneRecognizer",
    "CuedPhoneRecognizer",
    "OfflineEmailRecognizer",
    "OfflineUrlRecognizer",
    "PhoneShapeRecognizer",
    "UsPhoneRecognizer",
    "WindowedPhoneRecognizer",
]
