"""The spreadsheet layout shared by import, export and the downloadable template.

One row per contract line. Rows with the same ``kenmerk`` (the organisation's own
contract reference) form one contract; their contract columns must agree. A contract
without lines is one row with empty line columns."""

from contracts.reference_data import LOCK_IN_CLAUSES

CLAUSE_CODES = [code for code, *_ in LOCK_IN_CLAUSES]
CLAUSE_PREFIX = "clausule_"

CONTRACT_COLUMNS = [
    "kenmerk",
    "leverancier",
    "categorie",
    "producten",
    "startdatum",
    "einddatum",
    "looptijd_maanden",
    "verlengingstermijn_maanden",
    "opzegtermijn_maanden",
    "stilzwijgend_verlengen",
    "status",
]
LINE_COLUMNS = ["regel", "kostensoort", "omschrijving", "bedrag", "betaling", "eenheid", "aantal"]
CLAUSE_COLUMNS = [CLAUSE_PREFIX + code for code in CLAUSE_CODES]
HEADERS = CONTRACT_COLUMNS + LINE_COLUMNS + CLAUSE_COLUMNS
REQUIRED = [
    "kenmerk",
    "leverancier",
    "categorie",
    "startdatum",
    "einddatum",
    "looptijd_maanden",
    "opzegtermijn_maanden",
]
# Columns that belong to the contract (and must agree across its rows).
PER_CONTRACT = CONTRACT_COLUMNS + CLAUSE_COLUMNS
PRODUCT_SEPARATOR = "|"

# Words accepted in cells (lower case, Dutch and English); the first is what export writes.
STATUS_WORDS = {
    "planned": ["gepland", "planned"],
    "active": ["lopend", "actief", "active"],
    "ended": ["afgelopen", "beëindigd", "ended"],
    "terminated": ["voortijdig beëindigd", "opgezegd", "terminated"],
}
COST_TYPE_WORDS = {
    "licence": ["licentie", "licence", "license"],
    "subscription": ["abonnement", "subscription"],
    "implementation": ["implementatie", "implementation"],
    "maintenance": ["onderhoud", "onderhoud en support", "maintenance", "support"],
    "hosting": ["hosting"],
    "training": ["opleiding", "training"],
    "other": ["overig", "other", "anders"],
}
FREQUENCY_WORDS = {
    "yearly": ["jaarlijks", "per jaar", "yearly", "annual"],
    "once": ["eenmalig", "once", "one-off"],
}
UNIT_WORDS = {
    "flat": ["vast", "vast bedrag", "flat", ""],
    "user": ["per gebruiker", "gebruiker", "user", "per user"],
    "fte": ["per fte", "fte"],
    "bed": ["per bed", "bed"],
    "workstation": ["per werkplek", "werkplek", "workstation"],
}
ANSWER_WORDS = {
    "yes": ["ja", "yes", "j"],
    "partly": ["gedeeltelijk", "deels", "partly"],
    "no": ["nee", "no", "n"],
    "unknown": ["onbekend", "unknown", "?"],
}
BOOLEAN_WORDS = {
    True: ["ja", "yes", "j", "true", "1", "waar"],
    False: ["nee", "no", "n", "false", "0", "onwaar", ""],
}


def lookup(words):
    """{accepted word: value} from {value: [words]}."""
    return {word: value for value, accepted in words.items() for word in accepted}


def first_word(words, value):
    return words[value][0]
