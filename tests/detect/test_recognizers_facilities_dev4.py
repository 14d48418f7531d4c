"""Facilities, organisations, professions and addresses in the forms newer notes write them: short and
campus names of systems, practices with a business form, faith communities, schools, agencies and
services, police departments, employers after "job:", numbered routes and rural route boxes.

Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
untouched. The examples are invented for these tests, not taken from the tuning corpus.
"""

from __future__ import annotations

import pytest

FOUND = [
    # Short and campus forms of a system, a site after a dash, a possessive short form.
    ("Prior echo at Mercy Health - Dover Campus ED, EF 40%.", "Mercy Health - Dover Campus", "HOSPITAL"),
    ("To: Records, Saint Agatha Hospital - Glenwood (fax)", "Saint Agatha Hospital - Glenwood", "HOSPITAL"),
    ("Crisis eval -- Emergency Services (Sinai West) | Pt:", "Sinai West", "HOSPITAL"),
    ("LAST ADMIT GOOD SAMARITAN NORTH 4/2019.", "GOOD SAMARITAN NORTH", "HOSPITAL"),
    ("transition to hospice (Saint Agatha's) | Rm 4", "Saint Agatha's", "HOSPITAL"),
    ("D/c'd 3 May from Kenora Health after a fall.", "Kenora Health", "HOSPITAL"),
    ("Old films requested from Harlow Pavilion records, fax 555-0101.", "Harlow Pavilion", "HOSPITAL"),
    ("Last psych admit: Okafor Memorial Nov-2021; therapist", "Okafor Memorial", "HOSPITAL"),
    ("bed search -- called Mercy Psych Unit, no beds", "Mercy Psych Unit", "HOSPITAL"),
    (
        "Birth hospital: University Hospitals Dover Medical Center | Mother",
        "University Hospitals Dover Medical Center",
        "HOSPITAL",
    ),
    # Practices: a business form, names joined by "&", imaging and counselling sites, palliative care.
    ("f/u at Glenwood Primary Care, PC on the 12th.", "Glenwood Primary Care, PC", "HOSPITAL"),
    ("Reyes & Okafor Pediatrics | 12 Elm St", "Reyes & Okafor Pediatrics", "HOSPITAL"),
    ("therapist at Kenora Counseling, PC. Social:", "Kenora Counseling, PC", "HOSPITAL"),
    ("DXA -- Harlow Imaging at Glenwood | PATIENT", "Harlow Imaging at Glenwood", "HOSPITAL"),
    (
        "hospice at Kenora Hospice & Palliative Care, 12 Elm St",
        "Kenora Hospice & Palliative Care",
        "HOSPITAL",
    ),
    ("admitted: Ashfield Behavioral Health in 2020", "Ashfield Behavioral Health", "HOSPITAL"),
    (
        "hospitalized at Kenora Behavioral Health Hospital in 2016",
        "Kenora Behavioral Health Hospital",
        "HOSPITAL",
    ),
    ("prior CT at Salem Health for comparison", "Salem Health", "HOSPITAL"),
    ("HD RECORD -- OKAFOR RENAL CARE OF GLENWOOD | DATE", "OKAFOR RENAL CARE OF GLENWOOD", "HOSPITAL"),
    ("PACKET FAXED TO KENORA HEALTH & REHABILITATION TODAY", "KENORA HEALTH & REHABILITATION", "HOSPITAL"),
    ("Rx sent to: Okafor Pharmacy & Gifts, 555-0101.", "Okafor Pharmacy & Gifts", "HOSPITAL"),
    ("inpatient hospice at Hospice of Glenwood, 12 Elm St", "Hospice of Glenwood", "HOSPITAL"),
    # Faith communities, schools, agencies and services, reference labs, police.
    ("Spiritual: member of Temple Beth Shalom; rabbi visits", "Temple Beth Shalom", "ORGANIZATION"),
    ("member of St. Brigid Parish; friends bring meals", "St. Brigid Parish", "ORGANIZATION"),
    (
        "her church (First Methodist Church of Kenora) helps",
        "First Methodist Church of Kenora",
        "ORGANIZATION",
    ),
    ("attends the Glenwood Islamic Center weekly", "Glenwood Islamic Center", "ORGANIZATION"),
    ("To: school nurse | Okafor Middle School | Re:", "Okafor Middle School", "ORGANIZATION"),
    ("referred to Kenora Community Food Pantry today", "Kenora Community Food Pantry", "ORGANIZATION"),
    ("Ride via Okafor Medical Rides booked for 9 am", "Okafor Medical Rides", "ORGANIZATION"),
    ("Ride via Kenora Regional Transit at 9 am", "Kenora Regional Transit", "ORGANIZATION"),
    ("Isolate sent to Okafor Reference Labs for confirmation", "Okafor Reference Labs", "ORGANIZATION"),
    ("brought in on a Section 12 by Kenora PD Officer Ruiz", "Kenora PD", "ORGANIZATION"),
    ("excused from work at Glenwood Housing Authority through Friday", "Glenwood Housing Authority", None),
    ("also reported to Kenora Board of Health per state rules", "Kenora", "LOCATION"),
    # Employers and jobs after "job:", "works days as", "Social:".
    ("His former job: welder at Kravco. | Disposition", "Kravco", "ORGANIZATION"),
    ("His former job: welder at Kravco. | Disposition", "welder", "PROFESSION"),
    ("works days as a youth pastor at the shelter; neighbor", "youth pastor", "PROFESSION"),
    ("Social: bank teller, employed at a credit union", "bank teller", "PROFESSION"),
    # Numbered routes, lots and rural route boxes, and the town after them.
    ("Address: 381 Rte 65W Lot 49, Glenwood, ME 04366", "381 Rte 65W Lot 49", "STREET_ADDRESS"),
    ("Address: 381 Rte 65W Lot 49, Glenwood, ME 04366", "Glenwood", "LOCATION"),
    # A place after "lives ... in" in a line in capitals.
    ("SOCIAL: PT LIVES W/ SON DAVID IN SYRACUSE. RIDE ARRANGED", "SYRACUSE", "LOCATION"),
]

UNTOUCHED = [
    ("Health maintenance: colonoscopy due next year.", "Health"),
    ("Temple tenderness and jaw claudication; ESR pending.", "Temple"),
    ("Started St. John's wort on her own; advised to stop.", "wort"),
    ("Follow up with Primary Care, PC notes reviewed.", "Primary"),
    ("Department of Mental Health notified per protocol.", "Mental"),
    ("Completed High School; works from home.", "Completed"),
    ("RR 18, HR 90, SpO2 97% on RA.", "18"),
    ("Hx PD on carbidopa-levodopa; tremor stable.", "PD"),
    ("Exam: Normal Heart & Lung sounds, no edema.", "Normal"),
    ("Called Blood Bank re: crossmatch; Psych Unit aware.", "Psych"),
    ("Referred to Community Food Pantry and SW.", "Community"),
    ("Memorial Day weekend fall at home.", "Memorial"),
    ("Drives a 2012 Ford Transit van for work.", "Transit"),
    ("NUCLEAR MEDICINE -- MYOCARDIAL PERFUSION IMAGING (SPECT) | Name:", "PERFUSION"),
    ("Referred to Genetic Counseling for BRCA testing.", "Genetic"),
    ("Dental: referred to Oral Health clinic for cleaning.", "Health"),
    ("Images from Outside Hospital records reviewed.", "Outside"),
    ("She is a 70 yo smoker; Social: lives with husband.", "husband"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds_the_span(found, text: str, span: str, entity: str | None) -> None:
    spans = found(text)
    assert (span, entity) in spans if entity else span in [found_span for found_span, _ in spans]


@pytest.mark.parametrize(("text", "word"), UNTOUCHED)
def test_leaves_the_word_untouched(rules, touches, text: str, word: str) -> None:
    assert not touches(rules.scan([text])[0], text, word), text


def test_a_rural_route_box_is_covered_whole(rules) -> None:
    text = "Address: Rural Route 7 Box 32, Kenora, NY 12441"
    start = text.index("Rural")
    end = text.index(", Kenora")
    covered = {
        i for f in rules.scan([text])[0] if f.entity_type == "STREET_ADDRESS" for i in range(f.start, f.end)
    }
    words = {i for i in range(start, end) if not text[i].isspace()}  # the two findings meet at a space
    assert words <= covered
