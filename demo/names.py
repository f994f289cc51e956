"""Invented names for the demo data: no real organisation or vendor is meant."""

ONSETS = (
    "b",
    "br",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "kl",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "pl",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "vl",
    "w",
    "z",
    "zw",
)
VOWELS = ("a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "ui", "ou", "ei")
CODAS = ("", "l", "n", "r", "s", "k", "m", "rt", "nd", "st")
PLACE_ENDINGS = (
    "veen",
    "dam",
    "wijk",
    "hoven",
    "meer",
    "broek",
    "horst",
    "zijl",
    "kerk",
    "loo",
    "dorp",
    "wolde",
    "sted",
    "rode",
    "lingen",
)
VENDOR_ENDINGS = ("ix", "ora", "ant", "ello", "ique", "yra", "on", "ava", "ent", "ium")
VENDOR_FORMS = (
    "B.V.",
    "Zorg-IT B.V.",
    "Health Systems B.V.",
    "Software B.V.",
    "Solutions B.V.",
    "Medical IT B.V.",
    "Group N.V.",
)


def _syllable(rng):
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def place_name(rng):
    return (_syllable(rng) + rng.choice(PLACE_ENDINGS)).capitalize()


def vendor_stem(rng):
    return (_syllable(rng) + rng.choice(ONSETS) + rng.choice(VENDOR_ENDINGS)).capitalize()


def vendor_name(rng, stem):
    return f"{stem} {rng.choice(VENDOR_FORMS)}"


def unique(make, used, rng, attempts=200):
    """Draw names from ``make(rng)`` until one is not in ``used``; record it."""
    for _ in range(attempts):
        name = make(rng)
        if name.lower() not in used:
            used.add(name.lower())
            return name
    raise RuntimeError("Ran out of unique demo names; widen the syllable lists.")
