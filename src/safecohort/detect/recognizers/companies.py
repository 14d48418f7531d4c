"""Companies in general text: by their legal form ("Nordlys AS", "Kowalski sp. z o.o."), an English
suffix or a cue ("Acme Corp", "works for"), a role ("CEO of ..."), a brand, a contact block or a form
field. Employers, professions and organisations in notes are in ``organisations``."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import regex

from safecohort.detect.recognizers.base import (
    SpanRecognizer,
)
from safecohort.detect.recognizers.names_lexicon import (
    _CLAUSE_START,
    _CUSTOMER_OF,
    _FAMILY_FIRM,
    _NO_VALUE,
    _ORG_KEY_FULL,
    _PERSON_LIST,
    _SIGNED_AT,
    _TITLE_WORD,
    _UNIVERSITY,
    _VALUE_ORG,
    ContextNameRecognizer,
    MultilingualNameRecognizer,
    _field_values,
    _is_place_word,
)
from safecohort.detect.vocab.lexicon import (
    _COMPANY_SUFFIXES_EN,
    COMMON_WORD_ZIPF,
    RARE_WORD_ZIPF,
    _provider_values,
    is_frequent_word,
    lexicon,
)
from safecohort.detect.vocab.words import is_everyday_word

# --- employers -------------------------------------------------------------------------------------


# --- companies -----------------------------------------------------------------------------------------

_CAP = r"\p{Lu}[\p{L}\p{M}'’&-]*"
_COMPANY_SUFFIX_EN_ALT = "|".join(
    regex.escape(s) for s in sorted(_COMPANY_SUFFIXES_EN, key=len, reverse=True)
)
_COMPANY_PATTERNS = regex.compile(
    # "Microbilt Corporation", "Civic Impulse LLC", "Conway Inc."
    rf"(?<!\p{{L}})(?P<suffixed>(?:{_CAP}[ \t]+){{1,3}}(?:{_COMPANY_SUFFIX_EN_ALT})\b\.?)"
    # "Hawkins, Richardson and Santana"
    rf"|(?P<three>{_CAP},[ \t]+{_CAP},?[ \t]+(?:and|&)[ \t]+{_CAP})"
    # "Weeks-Rivas"
    rf"|(?P<hyphen>(?<![\p{{L}}-])\p{{Lu}}\p{{Ll}}+-\p{{Lu}}\p{{Ll}}+(?![\p{{L}}-]))"
)
_COMPANY_CUE = regex.compile(
    r"(?i:\b(?:work(?:s|ed)?\s+(?:for|at)|employed\s+by|spent\s+a\s+year\s+at|year\s+at|became|joined|"
    r"is\s+from|of|at)[ \t]*$)"
)
_CUED_COMPANY = regex.compile(rf"{_CAP}(?:[ \t]+{_CAP}){{0,3}}")


class CompanyRecognizer(SpanRecognizer):
    """Company names: capitalised words before a company suffix ("Microbilt Corporation", "Areavibes
    Inc"), Faker-style partnerships of listed surnames ("Hawkins, Richardson and Santana", "Weeks-Rivas"),
    and capitalised names after "work for" / "spent a year at" / "became". Clinical-safe: no ("Group",
    "Services", "Associates" name departments and practices in notes; spaCy ORG is off for notes)."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Suffixed names, surname partnerships, cued names."""
        lex = lexicon()
        for match in _COMPANY_PATTERNS.finditer(text):
            if match.group("suffixed"):
                first = match.group("suffixed").split()[0]
                if first.lower() in {"the", "a", "an", "my", "our", "this", "i"}:
                    start = match.start() + len(first) + 1
                    if start < match.end() - 4:
                        yield start, match.end(), 0.6
                    continue
                yield match.start(), match.end(), 0.6
            elif match.group("three"):
                if _PERSON_LIST.search(text, max(0, match.start() - 40), match.end()):
                    continue  # "our founders: Kónya, Becker and Vasquez" are people
                names = regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", match.group("three"))
                names = [n for n in names if n not in ("and",)]
                if sum(n.lower() in lex.last_names for n in names) >= 2:
                    yield match.start(), match.end(), 0.7
            else:
                left, right = match.group("hyphen").split("-")
                if left.lower() in lex.last_names and right.lower() in lex.last_names:
                    yield match.start(), match.end(), 0.6
        for match in _CUED_COMPANY.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 30) : match.start()]
            if _COMPANY_CUE.search(before) and regex.search(
                r"(?i)(?:work|employ|year\s+at|became|from)", before
            ):
                word = match.group().split()[0]
                if not is_frequent_word(word) or len(match.group().split()) > 1:
                    yield match.start(), match.end(), 0.5


# A capitalised word of a company name; a possessive "'s" is not part of it ("Gradiant LLC's").
_COMPANY_WORD = r"\p{Lu}[\p{L}\p{M}&-]*(?:['’]\p{L}{2,}[\p{L}\p{M}]*)?"
_ORG_WORDS = (
    rf"{_COMPANY_WORD}(?:[ \t]+(?:{_COMPANY_WORD}|and|of|&)){{0,3}}?[ \t]+?{_COMPANY_WORD}|{_COMPANY_WORD}"
)
_ORG_HEADS = (
    r"agency|company|firm|startup|start-up|brand|business|corporation|consultancy|studio|provider|"
    r"platform|brainchild|manufacturer|retailer|bank|publisher|label|organi[sz]ation|non-?profit|charity|"
    r"group|service|app|website|marketplace|network|chain|maker|developer|vendor|supplier|lab|laboratory"
)
_ROLE_NOUNS = (
    r"songwriter|producer|founder|co-founder|ceo|cto|cfo|coo|spokesperson|spokesman|spokeswoman|"
    r"engineer|analyst|executive|chairman|chairwoman|president|employee|employees|staff|manager|"
    r"director|recruiter|representative|resignation|website|app|stock|shares|account|headquarters"
)
_ROLE_COMPANY = regex.compile(
    # "Coden is a design agency", "Collective Ip is the brainchild of"
    rf"{_CLAUSE_START}(?P<a>{_ORG_WORDS})(?=[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+"
    rf"(?:[\p{{L}}-]+[ \t]+){{0,3}}?(?i:{_ORG_HEADS})\b)"
    # "her Uber resignation letter", "the Uber website", "Estately songwriter Michele Østrem"
    rf"|(?:(?<=\b(?:her|his|their|my|our|your|the)[ \t]+)|{_CLAUSE_START})(?P<b>{_ORG_WORDS})"
    rf"(?=[ \t]+(?i:{_ROLE_NOUNS})\b)"
    # "Vilma Holm of Here is the CEO", "Abby Holloway of Opencounter,"
    r"|(?<=(?:\p{Lu}\.|\p{Lu}[\p{Ll}\p{M}]+)[ \t]+\p{Lu}[\p{Ll}\p{M}]+[ \t]+of[ \t]+)"
    rf"(?P<c>{_ORG_WORDS})"
    rf"(?=[ \t]+(?:is|was|has|and)\b|[ \t]*[,.;]|['’]s\b|[ \t]*$)"
    # "Bridgewater's Parker Suknović": a company owning a person
    rf"|(?<![\w-])(?P<d>{_COMPANY_WORD})(?=['’]s[ \t]+{_TITLE_WORD}[ \t]+{_TITLE_WORD})"
    # "recorded for datamade became", "is from stillwater supercomputing inc."
    rf"|(?<=\b(?:recorded|signed|works?|worked|working)[ \t]+(?:for|with|at)[ \t]+)"
    rf"(?P<e>\p{{L}}[\p{{L}}\p{{M}}&'’-]*(?:[ \t]{{1,2}}\p{{L}}[\p{{L}}\p{{M}}&'’.-]*){{0,3}}?)"
    rf"(?=[ \t]+(?:became|is|was|and|in|as|for|since)\b|[ \t]*[,.;!?]|[ \t]*$)"
    rf"|(?<![\w])(?P<f>(?:\p{{Ll}}[\p{{L}}\p{{M}}&'’-]*[ \t]+){{1,3}}(?i:inc|llc|ltd|corp|plc|gmbh)\b\.?)",
    regex.MULTILINE,
)
_NOT_COMPANY_START = frozenset(("the", "a", "an", "my", "our", "his", "her", "their", "your", "this", "i"))


class RoleCompanyRecognizer(SpanRecognizer):
    """Company names read from the role they play in the sentence, for invented names no suffix marks:
    "X is a design agency / the brainchild of", "her X resignation letter", "the X website", "X
    songwriter Y", "Vilma Holm of X is the CEO", "X's Parker Suknović", "recorded for datamade became",
    lower-case names with a company suffix ("stillwater supercomputing inc."), and the line between a
    name line and an address line of a contact block. Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Role contexts, then contact-block company lines."""
        for match in _ROLE_COMPANY.finditer(text):
            group = next(name for name in "abcdef" if match.group(name))
            found = match.group(group)
            first = found.split()[0]
            if first.lower() in _NOT_COMPANY_START or _is_place_word(found):
                continue
            if group in "ad" and (lexicon().is_name(found) and len(found.split()) == 1):
                continue  # "Nora is a nurse", "Anna's Mary Jones": a person
            if group == "b" and all(is_frequent_word(word, 4.0) for word in found.split()):
                continue  # "Office Manager", "Account Manager": a job title, not a company
            start = match.start(group)
            if group == "f":  # "from stillwater supercomputing inc.": the cue word is not the name
                while (word := regex.match(r"\p{L}+[ \t]+", text, pos=start)) and is_frequent_word(
                    word.group().strip(), COMMON_WORD_ZIPF
                ):
                    start = word.end()
                if not regex.match(r"\p{L}+[ \t]+\p{L}", text, pos=start):
                    continue
            elif group == "e" and found.islower() and is_frequent_word(first, COMMON_WORD_ZIPF):
                continue
            yield start, match.end(group), 0.55
        yield from _block_companies(text)


# A line that is a job title, not a company ("Printmaker", "Patent examiner", "Geoscientist").
_JOB_TITLE_END = regex.compile(
    r"(?i:maker|ist|ician|examiner|manager|officer|assistant|analyst|engineer|consultant|director|"
    r"designer|developer|scientist|writer|worker|teacher|nurse|clerk|technician|advisor|adviser)$"
)
_BLOCK_COMPANY_LINE = regex.compile(
    r"[ \t]*(\p{L}[\p{L}\p{M}&'’.,-]*(?:[ \t]{1,2}[\p{L}\p{M}&'’.,-]+){0,4})[ \t]*"
)
_BLOCK_ADDRESS_START = regex.compile(
    r"[ \t]*(?:\d|(?i:the[ \t]+corner[ \t]+of|psc|unit|uss|usns|p\.?o\.?[ \t]*box)\b)"
)


def _block_companies(text: str) -> Iterator[tuple[int, int, float]]:
    """The company line of a contact block: a short line with no digits right between a line that is a
    person's name and a line that opens an address ("Liisa Lepistö / Innography / the corner of ...")."""
    content = [(m.start(), m.end()) for m in regex.finditer(r"(?m)^[^\n]*\S[^\n]*$", text)]
    names = MultilingualNameRecognizer()
    for (ps, pe), (cs, ce), (ns, ne) in zip(content, content[1:], content[2:], strict=False):
        if not _BLOCK_ADDRESS_START.match(text, ns, ne) or any(ch.isdigit() for ch in text[cs:ce]):
            continue
        company = _BLOCK_COMPANY_LINE.fullmatch(text, cs, ce)
        previous = text[ps:pe].strip()
        if company is None or ":" in previous or not 1 < len(previous.split()) < 5:
            continue
        person = list(names.find(previous)) or list(ContextNameRecognizer().find(previous))
        job = _JOB_TITLE_END.search(company.group(1))
        if person and person[0][1] - person[0][0] >= len(previous) - 3 and job is None:
            yield company.start(1), company.end(1), 0.5


def _latin(value: str) -> bool:
    return all(ch.isascii() or ch.isspace() or regex.match(r"\p{Latin}|\p{M}|\p{P}", ch) for ch in value)


# Legal forms that are also everyday English or codes ("SD plates", "the URL", "ME"); never a suffix alone.
_AMBIGUOUS_LEGAL_FORMS = frozenset(
    ("ad", "ba", "con", "ep", "et", "ra", "sd", "sem", "spi", "url", "oc1", "oc2", "oc3", "san.", "tic.",
     "osk", "tmi", "ry", "group", "groep", "gruppen", "corporation", "limited", "limitada")
)  # fmt: skip
# Words that join the names of a partnership: "Strangio, Basso e Iadanza", "Coppens, D'Hondt en Van Camp".
_NAME_PARTICLES = frozenset(("van", "de", "von", "der"))
_PARTNER_JOINS = frozenset(
    ("&", "e", "et", "i", "en", "and", "und", "y", "og", "-", "van", "de", "von", "der")
)


# A token that may open a legal form; only tokens whose lower case opens a listed form try the pattern.
_FORM_TOKEN = regex.compile(r"(?<=[ \t])[^\s,;:|()]+")


def _form_key(token: str) -> str:
    return token.lower().rstrip(".")


@functools.cache
def _legal_form_pattern() -> tuple[frozenset[str], Any]:
    """The company suffixes of every Latin-script locale Faker ships ("s.r.o.", "A/S", "GesbR", "Oy",
    "Sp. z o.o.", "et Fils") as one anchored pattern (dotted forms match in any case, short ones as
    written), and the keys of their first tokens (a set lookup per token keeps the scan fast)."""
    # lazy: Faker's company providers of every locale are read once, at the first scan
    import faker.providers.company as company

    forms = {
        s.strip()
        for s in _provider_values(company, ("company_suffixes",))
        if s.strip() and _latin(s) and s.strip().lower() not in _AMBIGUOUS_LEGAL_FORMS
    }
    cased: list[str] = []
    any_case: list[str] = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = regex.escape(form).replace(r"\ ", r"[ \t]+")
        (any_case if regex.search(r"[./]", form) or len(form) >= 4 else cased).append(escaped)
    pattern = regex.compile(rf"(?:(?i:{'|'.join(any_case)})|{'|'.join(cased)})(?![\p{{L}}\p{{N}}]|\.\p{{L}})")
    return frozenset(_form_key(form.split()[0]) for form in forms), pattern


_BODY_TOKEN = regex.compile(r"(\S+)[ \t]+$")
_BODY_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


class LegalFormCompanyRecognizer(SpanRecognizer):
    """Companies named by a legal form of any country Faker knows ("Kallio Oy", "Iversen & Knudsen
    A/S", "Andrijević Šimara d.o.o.", "Strangio, Basso e Iadanza s.r.l.", "Faure Hernandez et Fils",
    "WEGMANN GMBH", lower case "thorsen a/s"): one to five name words before the suffix, read
    backwards until a common English word, a change from Title case to lower case, or the line start.
    Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def load(self) -> None:
        """Build the legal-form pattern now, while the scanner is built (forked workers then share it)."""
        _legal_form_pattern()

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """A legal form and the name words before it."""
        firsts, pattern = _legal_form_pattern()
        for token in _FORM_TOKEN.finditer(text):
            if _form_key(token.group()) not in firsts:
                continue
            match = pattern.match(text, token.start())
            if match is None:
                continue
            start = self._body_start(text, match.start())
            if start is None:
                continue
            body = text[start : match.start()].split()
            if len(match.group()) <= 3 and body[-1].isupper() and not lexicon().is_name(body[-1]):
                continue  # capitals: "WEAN AS", "AQUACEL AG" are a line of a note, not a company
            yield start, match.end(), 0.6

    @staticmethod
    def _body_start(text: str, suffix_start: int) -> int | None:
        line_start = text.rfind("\n", 0, suffix_start) + 1
        position, start, lower, words = suffix_start, None, None, 0
        while words < 6:
            token = _BODY_TOKEN.search(text, max(line_start, position - 40), position)
            if token is None:
                break
            word = token.group(1).rstrip(",")
            if word.lower() in _PARTNER_JOINS and start is not None:
                if word.lower() in _NAME_PARTICLES:  # "De Decker CV", "Van Camp"
                    start = token.start(1)
                position = token.start()
                continue
            if not _BODY_WORD.fullmatch(word) or (token.group(1).endswith((".", ":", ";")) and start):
                break
            is_lower = word.islower()
            if lower is None:
                lower = is_lower
            common = is_frequent_word(word, 3.5) and not (
                lexicon().is_name(word) and not is_frequent_word(word, COMMON_WORD_ZIPF)
            )
            shouted = start is not None and word.isupper() and not lexicon().is_name(word)
            if is_lower != lower or common or shouted:
                break  # in capitals only names go on: "QUITS WEGMANN GMBH"
            start, position, words = token.start(1), token.start(), words + 1
        return start


# A company's role in a sentence: who works there, who runs it, what it did (group "org").
_BRAND_WORD = r"\p{Lu}[\p{L}\p{M}&'’-]*(?<!['’]s)"
_BRAND_WORDS = rf"{_BRAND_WORD}(?:[ \t]+(?:&[ \t]+)?{_BRAND_WORD}){{0,3}}"
_BRAND_ROLES = (
    r"ceo|cto|cfo|coo|founders?|co-founders?|president|chairman|chairwoman|spokes(?:person|man|woman)"
)
_BRAND_BEFORE = regex.compile(
    r"\b(?i:joined|(?:works?|worked|working|employed|interned?|internship)[ \t]+(?:at|for|by)|"
    rf"(?:{_BRAND_ROLES}|head|director|manager|engineer|employees?|staff)[ \t]+(?:of|at)|"
    r"(?:hired|acquired|funded|owned|sponsored|founded)[ \t]+by|subsidiary[ \t]+of|partnered[ \t]+with|"
    r"(?:job|position|offer|role|career)[ \t]+(?:at|with))[ \t]+(?:the[ \t]+)?"
    rf"(?P<org>{_BRAND_WORDS})"
)
_BRAND_AFTER = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}'’-])(?P<org>{_BRAND_WORDS})(?:['’]s[ \t]+(?i:{_BRAND_ROLES}|board|headquarters|"
    r"shareholders|employees|staff|stock|shares|share[ \t]+price|earnings|revenue)\b|[ \t]+(?:announced|"
    r"reported|unveiled|launched|acquired|has[ \t]+acquired|shares[ \t]+(?:rose|fell)|"
    r"(?:is|was)[ \t]+(?:headquartered|based)[ \t]+in)\b)"
)
_NOT_BRAND = frozenset((
    "the", "a", "an", "my", "our", "his", "her", "their", "your", "this", "that", "i", "we", "he", "she",
    "they", "it", "mr", "mrs", "ms", "dr", "company", "team", "everyone",
))  # fmt: skip


class BrandRoleRecognizer(SpanRecognizer):
    """Invented or real company names read from the role they play ("joined Verdafero", "works at
    Xignite", "CEO of Kollar Brothers", "Numedii's CEO", "Telenav announced"): one to four capitalised
    words, not made only of common English words and not a place. Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Capitalised words in an organisation slot."""
        # After a cue ("works at Walmart") a proper noun is the employer unless very common English.
        for pattern, common in ((_BRAND_BEFORE, COMMON_WORD_ZIPF), (_BRAND_AFTER, RARE_WORD_ZIPF)):
            for match in pattern.finditer(text):
                found = match.group("org")
                words = found.split()
                if words[0].lower().strip("'’") in _NOT_BRAND or _is_place_word(found):
                    continue
                if all(is_frequent_word(word.strip("&'’"), common) for word in words if word != "&"):
                    continue  # "joined Marketing", "Sales announced"
                yield match.start("org"), match.end("org"), 0.5


class FieldOrganisationRecognizer(SpanRecognizer):
    """Organisation names read from where they stand: the value of a JSON, form or CSV field whose key
    names an employer or organisation ("employer": "hodge-reed", "Organisation: Bluestone Logistics", a
    club column), family firms ("Maillot & Daughters"), the company of a "- Aleksandrs at Swiftpeak"
    signature and a shop thanked for custom ("shopping with Oralu"). Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Fields, family firms, signatures and shops."""
        for key, start, end in _field_values(text):
            value = text[start:end]
            if (
                _ORG_KEY_FULL.fullmatch(key)
                and _VALUE_ORG.fullmatch(value)
                and value.strip(". ").lower() not in _NO_VALUE
                and not _is_place_word(value)
            ):
                yield start, end, 0.55
        for match in _FAMILY_FIRM.finditer(text):
            head = match.group("org").split()[0]
            if head.lower() not in _NOT_BRAND and not is_everyday_word(head):
                yield match.start("org"), match.end("org"), 0.55
        for match in _UNIVERSITY.finditer(text):
            yield match.start("org"), match.end("org"), 0.55
        for pattern in (_SIGNED_AT, _CUSTOMER_OF):
            for match in pattern.finditer(text):
                found = match.group("org")
                if found.split()[0].lower() in _NOT_BRAND or _is_place_word(found):
                    continue
                if all(is_frequent_word(word, COMMON_WORD_ZIPF) for word in found.split()):
                    continue
                yield match.start("org"), match.end("org"), 0.55


__all__ = [
    "BrandRoleRecognizer",
    "CompanyRecognizer",
    "FieldOrganisationRecognizer",
    "LegalFormCompanyRecognizer",
    "RoleCompanyRecognizer",
]
