from django.urls import register_converter


class SpreadsheetFormat:
    """`csv` or `xlsx` in a URL."""

    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# Registered when this module is first imported: the URL modules that use <sheet:...>
# import it (Django refuses a route with an unknown converter).
register_converter(SpreadsheetFormat, "sheet")
