class SpreadsheetFormat:
    """`csv` or `xlsx` in a URL."""

    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
