"""The words of column names, as data: canonical words with the spellings extracts use for them.

Read by :mod:`safecohort.detect.columns.names`. Every list holds general vocabulary of clinical and
administrative extracts (abbreviations of EHR exports, OMOP, MIMIC, PCORnet, i2b2, claims and FHIR paths),
never one schema's column names. Add a word where a family of schemas uses it, with its spellings.
"""

from __future__ import annotations

# Canonical words, each with the spellings found in extracts' column names.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "patient": (
        "patient", "patients", "pt", "pat", "pats", "person", "persons", "subject", "subj", "client",
        "resident", "beneficiary", "bene", "individual", "decedent", "newborn", "infant", "baby",
    ),
    "member": (
        "member", "mbr", "mem", "subscriber", "subscr", "enrollee", "insured", "policyholder", "holder",
    ),
    "guarantor": (
        "guarantor", "guar", "kin", "nok", "emergency", "contact", "spouse", "relative", "related",
        "parent", "guardian", "caregiver", "responsible", "informant", "mother", "father",
    ),
    "name": (
        "name", "names", "nm", "nam", "fname", "lname", "mname", "fullname", "initial", "initials",
        "alias", "aliases", "nickname", "aka", "moniker", "display", "prefix", "suffix", "salutation",
    ),
    "first": ("first", "frst", "fst", "given", "forename"),
    "last": ("last", "lst", "family", "surname", "maiden", "sur"),
    "middle": ("middle", "mid", "mi"),
    "birth": ("birth", "born", "dob", "bday", "bdate", "dobirth", "birthdate", "birthday", "natal"),
    "date": (
        "date", "dt", "dte", "dttm", "datetime", "timestamp", "ts", "dos", "dod", "day", "time", "tm",
        "instant", "effective", "issued", "recorded", "authored", "onset", "abatement", "performed",
        "created", "updated", "modified", "signed", "charttime", "storetime", "intime", "outtime",
        "yyyymmdd", "start", "end", "stop", "begin", "expiry", "expiration",
    ),
    "ssn": ("ssn", "ssan", "socsec", "sin", "nin", "nino"),
    "mrn": ("mrn", "medrec", "mrno", "mrnum", "emrn", "empi", "mpi"),
    "email": ("email", "emails", "mail", "emailaddr", "mailto"),
    "phone": (
        "phone", "telephone", "tel", "phn", "cell", "cellphone", "mobile", "fax", "pager", "ph#", "telecom",
        "homephone", "workphone", "beeper", "tty", "sms", "whatsapp",
    ),
    "address": (
        "address", "addr", "adr", "street", "streetaddr", "apt", "mailing", "residence", "house",
        "suite", "pobox", "dwelling", "building", "bldg",
    ),
    "zip": ("zip", "zipcode", "zip5", "zip9", "zip4", "postal", "postcode", "plz", "cep", "zcta"),
    "city": (
        "city", "town", "county", "municipality", "cty", "village", "borough", "parish", "township",
        "district", "neighborhood", "neighbourhood", "tract", "precinct", "locality", "birthplace", "pob",
        "hometown", "suburb", "fips", "cnty", "census",
    ),
    "geo": (
        "geo", "geocode", "geolocation", "geoloc", "lat", "latitude", "lng", "lon", "longitude",
        "coord", "coords", "coordinate", "coordinates", "gps", "geom", "geometry", "geog", "geography",
        "altitude",
    ),
    "age": ("age", "ages", "agey", "ageyrs", "aged"),
    "url": ("url", "website", "homepage", "web", "uri", "link", "href", "photo", "image", "picture"),
    "ip": ("ip", "ipv4", "ipv6", "ipaddr", "mac", "hostname", "host"),
    "npi": ("npi", "upin", "dea", "tin", "ein"),
    "provider": (
        "provider", "prov", "prvdr", "physician", "physn", "phys", "doctor", "attending", "attn", "attnd",
        "surgeon", "pcp", "clinician", "nurse", "referring", "prescriber", "dr", "md", "hospitalist",
        "practitioner", "author", "performer", "requester", "orderer", "ordering", "verifier", "cosigner",
        "signer", "staff", "employee", "user", "username", "login", "technician", "therapist", "dentist",
        "pharmacist", "midwife", "anesthesiologist", "oper", "opr", "rndrg",
    ),
    "organization": (
        "organization", "organisation", "org", "orgs", "employer", "emp", "company", "firm", "business",
        "school", "facility", "hospital", "clinic", "institution", "agency", "caresite", "workplace",
        "church", "sponsor", "payroll", "assigner", "issuer", "custodian",
    ),
    "id": (
        "id", "ids", "identifier", "identifiers", "num", "number", "no", "nbr", "nr", "key", "#", "serial",
        "sn", "token", "ref", "reference", "hash", "sk", "pk", "fk", "uid", "ide",
    ),
    "event": (
        "encounter", "enc", "encntr", "visit", "admission", "adm", "claim", "clm", "account", "acct", "acc",
        "episode", "case", "policy", "insurance", "ins", "order", "accession", "specimen", "record",
        "license", "licence", "lic", "certificate", "cert", "device", "plate", "stay", "transaction",
        "group", "plan", "hadm", "hospitalization", "appointment", "appt", "booking", "bill", "billing",
        "invoice", "prescription", "rx", "referral", "authorization", "auth", "container", "sample", "batch",
        "vehicle", "registration", "reg", "passport", "drivers", "driver", "permit", "badge", "card",
        "barcode", "study", "submitter", "occurrence", "lot", "trial",
    ),
    # Identifiers by themselves: CSN, FIN and HAR (Epic and Cerner encounter and account numbers),
    # Medicare's MBI and HICN, vehicle numbers, generated keys.
    "standalone_id": (
        "csn", "fin", "har", "mbi", "hicn", "vin", "guid", "uuid", "passport", "medicaid", "medicare",
        "iban", "swift", "bic", "imei", "msisdn", "udi",
    ),
    "note": (
        "note", "notes", "comment", "comments", "cmt", "remark", "remarks", "narrative", "text", "txt",
        "memo", "hpi", "impression", "findings", "free", "freetext", "summary", "report", "verbatim",
        "transcript", "dictation", "message", "msg", "instructions", "sig", "annotation", "feedback",
        "explanation", "story", "div", "title", "blob", "string", "clob",
    ),
    "security": ("security",),
    "social": ("social",),
    "medical": ("medical", "med"),
    "of": ("of",),
    "e": ("e",),
    "home": ("home", "hm", "work", "wk", "primary", "secondary", "alternate", "alt", "personal"),
    "line": ("line", "ln"),
    # Places and sites whose keys and source values identify where someone was.
    "location": ("location", "loc", "site", "locn", "origin", "destination"),
    # Secrets and per-person codes: a password, a PIN, an invitation or access code.
    "secret": (
        "password", "passwd", "pwd", "pin", "passcode", "secret", "otp", "invite", "invitation", "voucher",
    ),
    # State-level geography, which Safe Harbor lets stay.
    "region": ("state", "province", "region", "country", "territory", "nation", "nationality"),
}  # fmt: skip

# Words that make a column an attribute of an identifier rather than the identifier ("phone_type").
DESCRIPTORS = frozenset(
    {
        "type", "types", "typ", "specialty", "speciality", "spec", "category", "cat", "flag", "flg", "ind",
        "indicator", "count", "cnt", "status", "stat", "class", "role", "verified", "valid",
        "lang", "language", "method", "yn", "grp", "band", "bucket", "range", "length", "len",
        "format", "fmt", "pref", "preference", "optout", "opt", "use", "usage", "kind", "mode", "priority",
        "rank", "sequence", "seq", "seqno", "rn", "quality", "confidence", "size", "mgmt", "management",
        "impute", "imputed", "imputation", "preferred", "orientation", "accuracy", "rules", "rule", "version",
        "segment", "platform",
        "exists", "present", "missing", "available", "unknown", "known", "match", "matched", "changed",
        "check", "concept", "vocabulary", "vocab", "domain", "standard", "units", "unit", "uom",
        "designation", "gender", "sex", "race", "ethnicity", "marital", "religion", "result",
        "relationship", "relation", "credential", "credentials", "degree",
        "occupation", "profession", "job", "industry", "education", "system",
    }
)  # fmt: skip

# Things a "name" column can name that are not people (a drug's, a test's, a plan's name).
NOT_PEOPLE = frozenset(
    {
        "drug", "medication", "rx", "test", "procedure", "proc", "dept", "department", "unit",
        "payer", "payor", "plan", "insurance", "file", "diagnosis", "dx", "product", "brand", "generic",
        "organism", "specimen", "component", "panel", "order", "device", "vaccine", "allergen", "allergy",
        "ward", "service", "program", "study", "field", "column", "table", "code", "concept",
        "vocabulary", "vocab", "domain", "relationship", "modifier", "label", "item", "itemid",
        "route", "form", "dose", "ingredient", "substance", "condition", "problem", "measurement",
        "observation", "event", "category", "specialty", "speciality", "credential", "icu", "careunit",
        "poe", "pharmacy", "formulary", "package", "benefit", "coverage",
        "carrier", "contract", "network", "description", "desc", "short", "long", "lab", "vx", "antibiotic",
        "measure", "cohort",
    }
)  # fmt: skip

# Clinical and administrative words: a column named with them (and nothing above) is not PHI.
CLINICAL = frozenset(
    {
        "hemoglobin", "hgb", "hb", "glucose", "glu", "creatinine", "creat", "cr", "sodium", "na",
        "potassium", "bun", "wbc", "rbc", "plt", "platelets", "inr", "alt", "ast", "bilirubin", "albumin",
        "lactate", "troponin", "bnp", "a1c", "hba1c", "cholesterol", "ldl", "hdl", "bp", "sbp", "dbp",
        "systolic", "diastolic", "hr", "pulse", "heart", "rate", "temp", "temperature", "resp", "rr",
        "spo2", "o2", "sat", "bmi", "weight", "wt", "height", "ht", "los", "stay", "sex", "gender", "race",
        "ethnicity", "diagnosis", "dx", "icd", "icd10", "icd9", "cpt", "hcpcs", "drg", "loinc", "ndc",
        "snomed", "rxnorm", "rxcui", "procedure", "proc", "code", "cd", "result", "results", "value", "val",
        "units", "unit", "uom", "ref", "abnormal", "lab", "test", "med", "drug", "dose", "route", "freq",
        "frequency", "amt", "amount", "charge", "charges", "cost", "costs", "paid", "allowed", "billed",
        "readmit", "readmitted", "readmission", "mortality", "death", "outcome", "score", "severity",
        "acuity", "triage", "disposition", "payer", "payor", "class", "type", "status", "count", "qty",
        "quantity", "days", "hours", "minutes", "icu", "smoker", "smoking", "pain", "allergy", "vital",
        "vitals", "specimen", "organism", "culture", "modifier", "pos", "revenue", "rev", "copay",
        "deductible", "diagnoses", "principal", "secondary", "primary", "admit", "discharge", "ed", "flag",
        "label", "target", "component", "panel", "marital", "language", "religion", "insurance",
        "concept", "vocabulary", "domain", "operator", "range", "low", "high", "normal", "interpretation",
        "refills", "refill", "supply", "supplied", "dispensed", "dispenses", "dispense", "strength",
        "form", "ingredient", "substance", "concentration", "volume", "infusion", "condition", "problem",
        "stage", "grade", "laterality", "anatomic", "body",
        "modality", "series", "instance", "sop", "measurement", "observation", "finding", "episode",
        "income", "expenses", "expense", "coverage", "covered", "utilization", "payment", "payments",
        "balance", "outstanding", "copayment", "coinsurance", "reimbursement", "price", "fee",
        "duration", "length", "interval", "specialty",
        "speciality", "description", "desc", "careunit", "service", "transfer", "eventtype",
        "category", "priority", "mdc", "apr", "comorbidity", "elixhauser", "charlson",
        "sofa", "apache", "gcs", "saps", "oasis", "fio2", "peep", "ventilation", "dialysis", "urine",
        "output", "input", "intake", "fluid", "blood", "product", "transfusion", "vaccine", "cvx",
        "manufacturer", "immunization", "tobacco", "alcohol", "hispanic",
        "biobank", "ordinal", "numeric", "nval", "valtype", "valueflag", "confidence", "quality",
        "expire", "expired", "itemid", "spec",
        "discharged", "deceased", "alive", "living", "comorbidities", "enrollment",
        "basis", "chart", "raw", "source", "qualifier",
        "admitting", "total", "base", "dispensing", "prescribing",
        "pro", "item", "response", "question", "answer", "survey", "abn", "norm",
        "reason", "medication", "medications", "dispensation", "transport", "arrival", "rhythm", "side",
        "abbreviation", "ownership", "reaction", "original", "months", "mos", "mons", "weeks", "wks", "tot",
        "sum", "avg", "mean", "min", "max", "px", "pdx", "ppx", "gsn", "cause", "offset", "modifiers", "term",
        "temporal", "schedule", "measure", "encounters", "visits", "procedures", "admissions", "claims",
        "transfers", "adjustments", "immunizations", "conditions", "customers", "patients", "members",
        "warning", "warnings", "alert", "alerts", "healthcare", "health", "admitted", "integer", "decimal",
        "comparison", "sliding", "scale", "sched", "disp", "isolate", "formulary", "verification",
        # words that would otherwise split into vocabulary words ("dos" + "age")
        "dosage", "percentage", "package", "birthweight", "clearance", "storage", "passage",
    }
)  # fmt: skip

# Clinical measurements named after birth (not a date of birth).
BIRTH_MEASURES = frozenset(
    {"weight", "wt", "order", "plurality", "length", "gestational", "ga", "control", "defect", "defects",
     "multiple"}
)  # fmt: skip

# Words of the data pipeline: a date named with one dates the record's handling, not the person's care.
# PIPELINE words name an operation on the data ("refresh_encounter_date": when the table was refreshed);
# the other METADATA words ("valid", "version") only where the name names nothing of a person's.
PIPELINE = frozenset(
    {
        "upload", "uploaded", "import", "imported", "download", "downloaded", "refresh", "refreshed", "etl",
        "ingest", "ingested", "sync", "synced",
    }
)  # fmt: skip
# Things of the data, not of a person: with one of them, a release date is the data's release.
DATA_THINGS = frozenset(
    {"source", "cdm", "data", "dataset", "database", "db", "schema", "table", "file", "vocabulary",
     "software", "package", "etl", "model"}
)  # fmt: skip
METADATA = PIPELINE | frozenset(
    {"version", "valid", "invalid", "extract", "extraction", "sourcesystem", "provenance", "metadata",
     "documentation"}
)  # fmt: skip
# Words that name a key on their own ("ENCOUNTER", "DRIVERS"): the column holds that thing's identifier.
ENTITY_ALONE = frozenset(
    {
        "encounter", "enc", "encntr", "visit", "claim", "clm", "account", "acct", "drivers", "driver",
        "passport", "license", "licence", "specimen", "accession", "hadm", "subscriber", "member", "patient",
        "pt", "person", "subject", "beneficiary", "bene", "guarantor", "organization", "organisation", "org",
        "provider", "prov", "employer", "facility", "caresite",
    }
)  # fmt: skip

__all__ = [
    "BIRTH_MEASURES",
    "CLINICAL",
    "DATA_THINGS",
    "DESCRIPTORS",
    "ENTITY_ALONE",
    "METADATA",
    "NOT_PEOPLE",
    "PIPELINE",
    "SPELLINGS",
]
