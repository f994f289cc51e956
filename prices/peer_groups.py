"""Fixed peer-group dimensions: no free-form filters that could carve a cell around one
organisation. Size bands are fixed per sector, by beds (hospitals) or FTE (others)."""

import numpy as np
import pandas as pd

from portal.choices import Sector

# sector -> (size column, upper bound of "small", upper bound of "medium")
SIZE_BANDS = {
    Sector.ACADEMIC_HOSPITAL: ("beds", 700, 1000),
    Sector.TOP_CLINICAL_HOSPITAL: ("beds", 400, 700),
    Sector.GENERAL_HOSPITAL: ("beds", 250, 450),
    Sector.MENTAL_HEALTH: ("fte", 500, 1500),
    Sector.ELDERLY_CARE: ("fte", 300, 1000),
    Sector.DISABILITY_CARE: ("fte", 300, 1000),
    Sector.PRIMARY_CARE: ("fte", 10, 30),
    Sector.OTHER: ("fte", 100, 500),
}


def size_bands(frame: pd.DataFrame) -> pd.Series:
    """ "small", "medium" or "large" per row of (sector, fte, beds); None without the
    figure the sector is banded by."""
    bands = pd.Series(None, index=frame.index, dtype="object")
    for sector, (column, small, medium) in SIZE_BANDS.items():
        rows = frame["sector"].eq(sector)
        size = pd.to_numeric(frame.loc[rows, column], errors="coerce").astype("float64")
        banded = np.select(
            [size < small, size < medium, size >= medium], ["small", "medium", "large"], default=""
        )
        bands.loc[rows] = [band or None for band in banded]
    return bands


# The four CBS parts of the country ("landsdelen"): a region keeps a peer group larger
# than a single province would.
REGIONS = {
    "noord": ("GR", "FR", "DR"),
    "oost": ("OV", "GE", "FL"),
    "west": ("UT", "NH", "ZH", "ZE"),
    "zuid": ("NB", "LI"),
}
REGION_LABELS = {
    "noord": "Noord-Nederland",
    "oost": "Oost-Nederland",
    "west": "West-Nederland",
    "zuid": "Zuid-Nederland",
}
REGION_OF_PROVINCE = {p: region for region, provinces in REGIONS.items() for p in provinces}
SIZE_BAND_CHOICES = ("small", "medium", "large")
