"""Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
(clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from safecohort.detect.general import (
    AgeRecognizer,
    CompanyRecognizer,
    ContextNameRecognizer,
    CuedPhoneRecognizer,
    InternationalAddressRecognizer,
    InternationalPostcodeRecognizer,
    MultilingualNameRecognizer,
    PlaceRecognizer,
    RoleCompanyRecognizer,
    RunningDateRecognizer,
    WrittenDateRecognizer,
    general_recognizers,
    is_common_word,
    lexicon,
)

RECOGNIZERS: dict[str, EntityRecognizer] = {type(r).__name__: r for r in general_recognizers()}


def spans(recognizer: type[EntityRecognizer], text: str) -> list[str]:
    """The texts the recognizer reports in ``text``."""
    found = RECOGNIZERS[recognizer.__name__]
    entity = found.supported_entities[0]
    # None: these recognizers read no NLP artifacts (presidio's base signature does not say it may be None).
    return [text[r.start : r.end] for r in found.analyze(text, [entity], None)]  # type: ignore[arg-type]


POSITIVE = [
    # names: full names of any locale, cued lone names, dialog speakers, lower-case full names
    (MultilingualNameRecognizer, "Dear Siiri, thanks for the parcel.", "Siiri"),
    (MultilingualNameRecognizer, "My name is Akinori and I called yesterday.", "Akinori"),
    (MultilingualNameRecognizer, "We met Elínborg Guðmundsdóttir at the station.", "Elínborg Guðmundsdóttir"),
    (MultilingualNameRecognizer, "The letter was signed by Miklós Hajdu.", "Miklós Hajdu"),
    (MultilingualNameRecognizer, "Siiri: are you coming tonight?", "Siiri"),
    (MultilingualNameRecognizer, "please ring patricia desrosiers tomorrow", "patricia desrosiers"),
    (MultilingualNameRecognizer, "A parcel for Ravil G Yefimov arrived.", "Ravil G Yefimov"),
    # addresses: European streets, US streets with their block, PO and military boxes, corners
    (InternationalAddressRecognizer, "Her flat is at Puruntie 82 near the lake.", "Puruntie 82"),
    (InternationalAddressRecognizer, "Send it to Via Franscini 71 please", "Via Franscini 71"),
    (InternationalAddressRecognizer, "Deliver to ul. Słowicza 10 today", "ul. Słowicza 10"),
    (InternationalAddressRecognizer, "They live in Søndergade 52 now", "Søndergade 52"),
    (InternationalAddressRecognizer, "Office: Rákóczi út 13. in the centre", "Rákóczi út 13"),
    (
        InternationalAddressRecognizer,
        "Ship to:\n4021 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896\nMobile: 040 123",
        "4021 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896",
    ),
    (
        InternationalAddressRecognizer,
        "New address: PSC 1234, Box 5678\nAPO AP 01234 from May",
        "PSC 1234, Box 5678\nAPO AP 01234",
    ),
    (
        InternationalAddressRecognizer,
        "Write to USNS Comfort\nFPO AE 09876 soon",
        "USNS Comfort\nFPO AE 09876",
    ),
    (
        InternationalAddressRecognizer,
        "We meet at the corner of Elm Street and Baker Road.",
        "the corner of Elm Street and Baker Road",
    ),
    (
        InternationalAddressRecognizer,
        "her address: 5049 Harjukuja 54, SEINÄJOKI",
        "5049 Harjukuja 54, SEINÄJOKI",
    ),
    # postcodes outside the US, near an address word
    (InternationalPostcodeRecognizer, "Our address is 1 Main Street, Halifax NS B0J 2H0", "B0J 2H0"),
    (InternationalPostcodeRecognizer, "Postcode for the address: SW1A 1AA", "SW1A 1AA"),
    (InternationalPostcodeRecognizer, "Address Keizersgracht 1, 1015 CJ Amsterdam", "1015 CJ"),
    # places: countries and listed cities anywhere in Title case or capitals, anything after "flew to"
    (PlaceRecognizer, "We moved here from Austria last year.", "Austria"),
    (PlaceRecognizer, "She works in ESPOO most weeks.", "ESPOO"),
    (PlaceRecognizer, "The ferry left for the United Kingdom.", "United Kingdom"),
    (PlaceRecognizer, "Mr. Lind flew to KVALSUND on Monday.", "KVALSUND"),
    # companies
    (CompanyRecognizer, "She is employed at Microbilt Corporation now.", "Microbilt Corporation"),
    (CompanyRecognizer, "Invoices go to Hawkins, Richardson and Santana.", "Hawkins, Richardson and Santana"),
    (CompanyRecognizer, "I worked with Weeks-Rivas for a year.", "Weeks-Rivas"),
    (CompanyRecognizer, "He said he works for Quarnix Analytics.", "Quarnix Analytics"),
    # ages of any value
    (AgeRecognizer, "This 79 year old man was seen.", "79"),
    (AgeRecognizer, "a 38-year-old woman", "38"),
    (AgeRecognizer, "aged 35, lives alone", "35"),
    (AgeRecognizer, "age: 22", "22"),
    (AgeRecognizer, "My sister just turned 41", "41"),
    (AgeRecognizer, "I'm 35 and healthy", "35"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE)
def test_finds(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


NEGATIVE = [
    (MultilingualNameRecognizer, "Foley catheter placed, draining clear urine."),
    (MultilingualNameRecognizer, "History of Parkinson's disease and Hodgkin lymphoma."),
    (MultilingualNameRecognizer, "Productive cough with Brown sputum."),
    (MultilingualNameRecognizer, "Started Lasix and Coumadin, continue Tylenol."),
    (MultilingualNameRecognizer, "Grade 3 edema, Troponin 12, Vitamin D 50."),
    (MultilingualNameRecognizer, "Will follow up in clinic. May start metformin."),
    (InternationalAddressRecognizer, "Grade 3 edema, Troponin 12, Vitamin D 50."),
    (InternationalAddressRecognizer, "Take 2 tablets every 4 hours for 3 days. Follow up with cardiology."),
    (InternationalAddressRecognizer, "It is the most beautiful place in the world."),
    (InternationalAddressRecognizer, "Diabetes type 2 since 2010, stage 3 CKD."),
    (InternationalPostcodeRecognizer, "Creatinine 1.2, potassium 4.5, sodium 140 mmol/L."),
    (PlaceRecognizer, "Patient reports Reading glasses and a Mobile phone."),
    (CompanyRecognizer, "Dr. Hope reviewed the case. Labs pending."),
    (AgeRecognizer, "Pain 7 out of 10, on day 3 of antibiotics."),
    (AgeRecognizer, "Potassium was 4 and she is 5 feet tall."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_possessive_is_not_part_of_the_name() -> None:
    assert spans(MultilingualNameRecognizer, "Elínborg Guðmundsdóttir's house") == ["Elínborg Guðmundsdóttir"]


def test_address_block_stops_at_contact_line_and_sentence() -> None:
    text = "Send it to 4021 Kiannonkatu 98 Apt. 3, OULU. I am travelling then."
    assert spans(InternationalAddressRecognizer, text) == ["4021 Kiannonkatu 98 Apt. 3, OULU"]


def test_lexicon_reads_many_locales_once() -> None:
    lex = lexicon()
    assert lexicon() is lex
    assert {"siiri", "elínborg", "miklós"} <= lex.first_names
    assert {"cyprus", "austria", "united kingdom"} <= lex.countries
    assert "foley" not in lex.last_names  # eponyms are removed from the name lists


def test_common_words_and_eponyms_are_common() -> None:
    assert is_common_word("Brown") and is_common_word("Foley") and is_common_word("hodgkin")
    assert not is_common_word("Siiri")


def test_clinical_safe_subset() -> None:
    safe = {type(r).__name__ for r in general_recognizers(clinical_safe_only=True)}
    assert safe == {
        "MultilingualNameRecognizer",
        "InternationalAddressRecognizer",
        "InternationalPostcodeRecognizer",
    }
    every = [type(r).__name__ for r in general_recognizers()]
    assert len(every) == len(set(every)) and safe < set(every)
    assert {"CuedStreetRecognizer", "PhoneShapeRecognizer", "LegalFormCompanyRecognizer"} <= set(every)


def test_recognizers_ignore_entities_not_asked_for() -> None:
    recognizer = RECOGNIZERS["MultilingualNameRecognizer"]
    assert recognizer.analyze("Dear Siiri,", ["LOCATION"], None) == []  # type: ignore[arg-type]


def test_prefix_street_needs_capitalised_words_before_the_number() -> None:
    assert spans(InternationalAddressRecognizer, "Ms Estrada is a 46 year old teacher.") == []
    assert spans(InternationalAddressRecognizer, "Send it to Via dei Fiorentini 17 today") == [
        "Via dei Fiorentini 17"
    ]


# --- context rules: names, companies, phones and years read from the sentence, not from lists ---------

CONTEXT_POSITIVE = [
    # dialogue speakers, greetings and vocatives, also for names no list holds
    (ContextNameRecognizer, "Oskarina: Where were you last night?\nTeodor: At work.", "Oskarina"),
    (ContextNameRecognizer, "Hello Zbyněk, the parcel arrived.", "Zbyněk"),
    (ContextNameRecognizer, "Good morning Marisol!", "Marisol"),
    (ContextNameRecognizer, "Ilkka, could you send the file again?", "Ilkka"),
    (ContextNameRecognizer, "please don't tell me marisol, it is over", "marisol"),
    # the subject of a person verb at a clause start
    (ContextNameRecognizer, "Thanks again. Oskarina works weekends now.", "Oskarina"),
    (ContextNameRecognizer, "We waited, but Teodor had already left.", "Teodor"),
    (ContextNameRecognizer, "ilkka said the meeting moved.", "ilkka"),
    # rare words after a person cue, lower-case names after a strong cue
    (ContextNameRecognizer, "The novel was written by Zbyněk Wrzosek in exile.", "Zbyněk Wrzosek"),
    (ContextNameRecognizer, "The award went to Marisol Quintanilha this year.", "Marisol Quintanilha"),
    (ContextNameRecognizer, "people call me zbyněk wrzosek at home", "zbyněk wrzosek"),
    (ContextNameRecognizer, "Name:  oskarina t. vuorela\nAddress: unknown", "oskarina t. vuorela"),
    (ContextNameRecognizer, "ms. vuorela flew home", "vuorela"),
    # lists after a plural role, surname endings, a name line
    (ContextNameRecognizer, "Meet the owners: Aaltonen, Fischer and Brooks.", "Fischer"),
    (ContextNameRecognizer, "Yesterday Radosław Wiśniewski's lawyer spoke.", "Radosław Wiśniewski"),
    (ContextNameRecognizer, "tatiana sokolova signed the lease", "tatiana sokolova"),
    (ContextNameRecognizer, "Ilkka Vuorela\nQuarnix\n12 Elm Street", "Ilkka Vuorela"),
    # companies by their role in the sentence
    (RoleCompanyRecognizer, "Quarnix is a logistics startup based in Lyon.", "Quarnix"),
    (RoleCompanyRecognizer, "I read it on the Zentrobe website yesterday.", "Zentrobe"),
    (RoleCompanyRecognizer, "Tuula Rantanen of Zentrobe, and others.", "Zentrobe"),
    (RoleCompanyRecognizer, "Guests included Zentrobe's Tuula Rantanen.", "Zentrobe"),
    (RoleCompanyRecognizer, "the demo recorded for brightloop became a hit", "brightloop"),
    (RoleCompanyRecognizer, "she is from quarnix holdings ltd. now", "quarnix holdings ltd"),
    (RoleCompanyRecognizer, "Tuula Rantanen\nZentrobe\n4 Elm Street\nLyon", "Zentrobe"),
    # phones in international layouts with a phone word
    (CuedPhoneRecognizer, "Reach me on mobile: 44 901 2231 after six.", "44 901 2231"),
    (CuedPhoneRecognizer, "Contact\n61-22-90-17 office\n", "61-22-90-17"),
    (CuedPhoneRecognizer, "please stop sending messages to 712 440 093", "712 440 093"),
    # years in running text
    (RunningDateRecognizer, "under the Clean Air Act of 1970 the plant", "1970"),
    (RunningDateRecognizer, "They merged in 2011, and split since 2019.", "2011"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), CONTEXT_POSITIVE)
def test_context_rules_find(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


CONTEXT_NEGATIVE = [
    # clinical text: eponyms, drugs, devices, lab values, section headers, capitals, "Hope to wean"
    (ContextNameRecognizer, "Parkinson's disease is stable. Graves' disease treated with methimazole."),
    (ContextNameRecognizer, "Foley catheter removed. Jackson-Pratt drain has 30 mL output."),
    (ContextNameRecognizer, "Hope to wean off oxygen tomorrow. Lasix was given."),
    (
        ContextNameRecognizer,
        "Metoprolol was held. Vancomycin is dosed by level. Lisinopril, can cause cough.",
    ),
    (ContextNameRecognizer, "Assessment: Patient is stable.\nPlan: Continue Eliquis 5 mg BID."),
    (ContextNameRecognizer, "PT REPORTS PAIN 7/10. NURSING: PT IS AMBULATING."),
    (ContextNameRecognizer, "Hemoglobin 9.8, platelets 245, INR 1.2 on 2 checks."),
    (ContextNameRecognizer, "Hi team, Dear Sir, Hello all, thanks everyone."),
    (ContextNameRecognizer, "Doctor: How are you?\nPatient: Fine, thank you."),
    (ContextNameRecognizer, "Subject: Meeting\nRe: Invoice\nAttn: Billing"),
    (ContextNameRecognizer, "She flew to Boston with Chicago colleagues."),
    (RoleCompanyRecognizer, "Foley catheter removed. Patient is a pleasant man."),
    (RoleCompanyRecognizer, "Nora is a nurse on the ward."),
    (RoleCompanyRecognizer, "She is from the clinic and works for herself."),
    (CuedPhoneRecognizer, "BP 120 80, pulse 88, platelets 245 000, INR 1.2."),
    (CuedPhoneRecognizer, "Seen in office on 2021-03-04 and 12-04-2021."),
    (CuedPhoneRecognizer, "Lot 4411 2093 expires soon."),
    (RunningDateRecognizer, "Give 2000 units in 2000 mL over 4 hours."),
    (RunningDateRecognizer, "Platelets 1964, glucose 2011 mg/dL?"),
]


@pytest.mark.parametrize(("recognizer", "text"), CONTEXT_NEGATIVE)
def test_context_rules_leave_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_subject_rule_skips_noun_predicates_and_places() -> None:
    # "X is a ..." names a thing (a company, a film); a city is no person.
    assert spans(ContextNameRecognizer, "Zoolandia is a comedy from 1999.") == []
    assert spans(ContextNameRecognizer, "Espoo is very green in May.") == []
    assert spans(ContextNameRecognizer, "Oskarina is very reliable.") == ["Oskarina"]


def test_founder_list_is_people_not_a_partnership() -> None:
    text = "Our founders: Fischer, Brooks and Hale."
    assert spans(CompanyRecognizer, text) == []
    assert spans(ContextNameRecognizer, text) == ["Fischer", "Brooks", "Hale"]
    assert spans(CompanyRecognizer, "Invoices go to Hawkins, Richardson and Santana.") != []


def test_company_possessive_is_not_part_of_the_company() -> None:
    text = "Tuula Rantanen of Gradiant Research LLC's board spoke."
    assert all(not span.endswith("'s") for span in spans(RoleCompanyRecognizer, text))


# --- written forms of names, dates in several languages, spaCy's ORG on general text -----------------

STRUCTURAL_POSITIVE = [
    # an initial and a surname
    (ContextNameRecognizer, "Checked and signed off by K. Lindqvist.", "K. Lindqvist"),
    (ContextNameRecognizer, "Present: Ada Lenz, T. Green | Absent: none", "T. Green"),
    (ContextNameRecognizer, "Thanks for the flowers - R. Okonkwo, neighbour", "R. Okonkwo"),
    # "Surname, Given" in a register or form; lower case after "name:"
    (ContextNameRecognizer, "Pay slip for Hughes, Martina shows overtime.", "Hughes, Martina"),
    (ContextNameRecognizer, "Applicant: Novak, Tereza | Grade: B", "Novak, Tereza"),
    (ContextNameRecognizer, "member 77 | name: lindgren, astrid maria | joined", "lindgren, astrid maria"),
    # a passenger list
    (ContextNameRecognizer, "Manifest: 1. MORAN/BRIDGET MR 2. LUND/INGRID", "MORAN/BRIDGET"),
    (ContextNameRecognizer, "Manifest: 1. MORAN/BRIDGET MR 2. LUND/INGRID", "LUND/INGRID"),
    # chat and minutes speakers behind a stamp, a bullet or a role
    (ContextNameRecognizer, "[10:05] Rosalind: my parcel never came", "Rosalind"),
    (ContextNameRecognizer, "Agent (Henrike): I have reset the password.", "Henrike"),
    (ContextNameRecognizer, "Next steps\n- Fumiko: book the venue", "Fumiko"),
    # lone listed names after a cue, with an age, at a place, called out, signing off
    (ContextNameRecognizer, "For keys ask for Ottilie at the desk.", "Ottilie"),
    (ContextNameRecognizer, "Viewings: call Hiroshi on 555 0199.", "Hiroshi"),
    (ContextNameRecognizer, "Invalid user Gottfried from 10.0.0.9", "Gottfried"),
    (ContextNameRecognizer, "Quarterly review. Leopold (44) says the rota is fair.", "Leopold"),
    (ContextNameRecognizer, "Thanks again. Ludmila at the front desk helped.", "Ludmila"),
    (ContextNameRecognizer, "Great news, Wilhelmina! You passed.", "Wilhelmina"),
    (ContextNameRecognizer, "IS THIS YOUR BAG, AUGUSTIN?", "AUGUSTIN"),
    (ContextNameRecognizer, "see you on the weekend\ncheers\nbrigitta", "brigitta"),
    (ContextNameRecognizer, "photos from the trip xx henrike", "henrike"),
    (ContextNameRecognizer, "I will bring the forms on Friday. Cornelius", "Cornelius"),
    (ContextNameRecognizer, "the boiler is fixed; Yuki will check it again.", "Yuki"),
    (ContextNameRecognizer, "hello all, marguerite won't make it tonight", "marguerite"),
    (MultilingualNameRecognizer, "Interpreter on site: Takeshi Yamamoto.", "Takeshi Yamamoto"),
    # dates written out in several languages and forms
    (WrittenDateRecognizer, "Geboren am 3. März 1961 in Graz.", "3. März 1961"),
    (WrittenDateRecognizer, "né le 12 décembre 1948 à Lyon", "12 décembre 1948"),
    (WrittenDateRecognizer, "llegó el 9 de junio de 2011", "9 de junio de 2011"),
    (WrittenDateRecognizer, "renewal due oct. 2nd 2024 |", "oct. 2nd 2024"),
    (WrittenDateRecognizer, "Posted Tue Mar 5 2019 by admin", "Tue Mar 5 2019"),
    (WrittenDateRecognizer, "dob: thursday, 4 june 1987", "thursday, 4 june 1987"),
    (WrittenDateRecognizer, "Can we meet on Friday the 13th?", "Friday the 13th"),
    (RunningDateRecognizer, "tenant | member since: 2009 | pets: no", "2009"),
    (PlaceRecognizer, "Street: 12 Elm Row | City/State/ZIP: Port Hollis, SC 29401 |", "Port Hollis"),
    (PlaceRecognizer, "Street: 12 Elm Row | City/State/ZIP: Port Hollis, SC 29401 |", "SC"),
    (PlaceRecognizer, "Mail to Lake Ida, NU X0A 1H0 by Friday", "NU"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), STRUCTURAL_POSITIVE)
def test_written_forms_find(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


STRUCTURAL_NEGATIVE = [
    # clinical text stays untouched
    (ContextNameRecognizer, "Culture grew S. aureus; E. coli negative. Plan B. Recheck in 2 days."),
    (ContextNameRecognizer, "Hepatitis B. Vaccinated 2019. Vitamin D. Supplemented."),
    (ContextNameRecognizer, "Allergies: Penicillin, Sulfa. Meds: Lisinopril, Metformin."),
    (ContextNameRecognizer, "- Nausea: none\n- Pain: 3/10\n- Diet: regular"),
    (ContextNameRecognizer, "[08:00] Vitals: stable. [09:00] Plan: discharge"),
    (ContextNameRecognizer, "Seen at bedside, Tylenol given. Stable overnight!"),
    (ContextNameRecognizer, "Results: normal. Follow up in clinic."),
    # abbreviations, slashes and lists that are not names
    (ContextNameRecognizer, "The U.S. Army and the U.K. Navy met."),
    (ContextNameRecognizer, "Use TCP/IP, and AND/OR in HIV/AIDS screening. N/A"),
    (ContextNameRecognizer, "Travel: Paris, France and Lisbon, Portugal."),
    (ContextNameRecognizer, "Tenant: Greta Holm, Swedish | Flat 2"),
    (ContextNameRecognizer, "Reply to the thread if you can, please!"),
    # a date needs a day, a month name and a year; times of day are no date here
    (WrittenDateRecognizer, "Take 5 mg in March and 10 mg in May."),
    (WrittenDateRecognizer, "Pickup at 18:30 or 4pm, desk opens 9h15."),
    (WrittenDateRecognizer, "Room 12 mai be free; 2 sun loungers 2020 model."),
    (RunningDateRecognizer, "dose: 2000 units | since: 3 days"),
    (PlaceRecognizer, "Murmur, MR 2 of 6; Edema, OK 3 plus."),
    (PlaceRecognizer, "Labs: Sodium, NA 13500 reported."),
]


@pytest.mark.parametrize(("recognizer", "text"), STRUCTURAL_NEGATIVE)
def test_written_forms_leave_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_lexicon_holds_romanised_japanese_names_but_not_short_pinyin() -> None:
    lex = lexicon()
    assert {"takuma", "nanami", "atsushi"} <= lex.first_names
    assert "yamamoto" in lex.last_names
    assert "he" not in lex.last_names and "ma" not in lex.last_names


@pytest.mark.parametrize(
    ("text", "org", "kept"),
    [
        ("He works at Ostrander Logistics now.", "Ostrander Logistics", True),
        ("Bought from Adams and Sons last week.", "Adams and Sons", True),
        ("I work for 48 Factoring Inc today.", "48 Factoring Inc", True),
        ("She joined UNHCR in May.", "UNHCR", True),
        ("Scott is a very kind person.", "Scott", True),
        ("New hire, SSN 123-45-6789, DOB 01/02/80.", "SSN", False),
        ("Holder: IBAN: GB00 TEST 0000", "IBAN", False),
        ("City/State/ZIP: Springfield, IL 62701", "City/State/ZIP", False),
        ("Refer to Ticket AB-123456 for details.", "Ticket AB-123456", False),
        ("Dear Mr Halvorsen, thank you.", "Dear Mr Halvorsen", False),
        ("Customs declaration attached.", "Customs", False),
        ("The Lincoln room is booked.", "Lincoln", False),
        ("Ms Oyelaran (their CFO) called.", "CFO", False),
        ("For sale: a Vauxhall Mixer, barely used.", "Vauxhall Mixer", False),
        ("Promoted to Head of Customer Success in June.", "Customer Success", False),
    ],
)
def test_spacy_organisations_on_general_text(text: str, org: str, kept: bool) -> None:
    from safecohort.detect.recognizers.ner import _is_organisation

    start = text.index(org)
    assert _is_organisation(text, start, start + len(org)) is kept


def test_lower_case_auxiliary_is_no_surname() -> None:
    # Faker lists "Will" as a name; "will" after a lower-case first name is the verb.
    text = "the neighbours agreed and rosalind will write to them."
    assert spans(MultilingualNameRecognizer, text) == ["rosalind"]
