import pandas as pd

from prices.peer_groups import size_bands


def test_bands_are_fixed_per_sector():
    frame = pd.DataFrame(
        [
            ("general_hospital", 2000, 200),  # beds decide for hospitals
            ("general_hospital", 100, 300),
            ("general_hospital", 100, 450),
            ("elderly_care", 299, None),  # FTE decides elsewhere
            ("elderly_care", 1000, None),
            ("primary_care", 12, None),
            ("general_hospital", 3000, None),  # no beds known: no band
        ],
        columns=["sector", "fte", "beds"],
    )
    assert size_bands(frame).tolist() == [
        "small",
        "medium",
        "large",
        "small",
        "large",
        "medium",
        None,
    ]
