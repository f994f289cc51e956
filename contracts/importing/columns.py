"""The spreadsheet layout shared by import, export and the downloadable template.

One row per contract line. Rows with the same ``kenmerk`` (the organisation's own
contract reference) form one contract; their contract columns must agree. A contract
without lines is one row with empty line columns."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from contracts.importing import parsers
from contracts.reference_data import LOCK_IN_CLAUSES

CLAUSE_CODES = [code for code, *_ in LOCK_IN_CLAUSES]
CLAUSE_PREFIX = "clausule_"
PRODUCT_SEPARATOR = "|"

# Words accepted in cells (Dutch and English; compared ignoring case and accents, see
# parsers.words); the first is what export writes.
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


@dataclass(frozen=True)
class Column:
    """One column: its header, the draft field it fills and the parser that reads it
    (see ``parsers``). A required column is read even when empty, so its parser refuses
    an empty cell with its own message (and a required contract column must be in the
    file); an optional column's empty cell has the value ``empty``."""

    name: str
    field: str
    parse: Callable
    required: bool = False
    empty: object = None


CLAUSE_PARSER = parsers.words(lookup(ANSWER_WORDS), "ja / gedeeltelijk / nee / onbekend")

# In the order of the file's columns, which is also the order problems are reported in.
# An empty status is derived from the dates (validate.py).
CONTRACT_TABLE = [
    Column("kenmerk", "reference", parsers.reference, required=True),
    Column("leverancier", "vendor", parsers.vendor, required=True),
    Column("categorie", "category", parsers.category, required=True),
    Column("producten", "products", parsers.products(PRODUCT_SEPARATOR), empty=()),
    Column("startdatum", "start_date", parsers.calendar_date, required=True),
    Column("einddatum", "end_date", parsers.calendar_date, required=True),
    Column("looptijd_maanden", "initial_term_months", parsers.term_months, required=True),
    Column("verlengingstermijn_maanden", "renewal_term_months", parsers.months),
    Column("opzegtermijn_maanden", "notice_period_months", parsers.months, required=True),
    Column(
        "stilzwijgend_verlengen",
        "auto_renewal",
        parsers.words(lookup(BOOLEAN_WORDS), "ja / nee"),
        empty=False,
    ),
    Column(
        "status",
        "status",
        parsers.words(lookup(STATUS_WORDS), "gepland / lopend / afgelopen / voortijdig beëindigd"),
    ),
]
# A row has a line when it fills in any of the required line columns.
LINE_TABLE = [
    Column("regel", "number", parsers.line_number, required=True),
    Column(
        "kostensoort",
        "cost_type",
        parsers.words(
            lookup(COST_TYPE_WORDS),
            "licentie / abonnement / implementatie / onderhoud / hosting / opleiding / overig",
        ),
        required=True,
    ),
    Column("omschrijving", "description", parsers.text, empty=""),
    Column("bedrag", "amount", parsers.amount, required=True),
    Column(
        "betaling",
        "frequency",
        parsers.words(lookup(FREQUENCY_WORDS), "jaarlijks / eenmalig"),
        empty="yearly",
    ),
    Column(
        "eenheid",
        "unit",
        parsers.words(
            lookup(UNIT_WORDS), "vast / per gebruiker / per fte / per bed / per werkplek"
        ),
        empty="flat",
    ),
    Column("aantal", "quantity", parsers.quantity, empty=Decimal(1)),
]
CLAUSE_TABLE = [Column(CLAUSE_PREFIX + code, code, CLAUSE_PARSER) for code in CLAUSE_CODES]

CONTRACT_COLUMNS = [column.name for column in CONTRACT_TABLE]
LINE_COLUMNS = [column.name for column in LINE_TABLE]
CLAUSE_COLUMNS = [column.name for column in CLAUSE_TABLE]
HEADERS = CONTRACT_COLUMNS + LINE_COLUMNS + CLAUSE_COLUMNS
# The columns a file must have: a file may hold contracts without lines.
REQUIRED = [column.name for column in CONTRACT_TABLE if column.required]
# Columns that belong to the contract (and must agree across its rows).
PER_CONTRACT = CONTRACT_COLUMNS + CLAUSE_COLUMNS
