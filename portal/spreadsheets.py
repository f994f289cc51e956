"""Tables as downloads: Dutch Excel CSV (semicolons, UTF-8 with BOM) or XLSX."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def table_csv(headers, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def table_xlsx(headers, rows, *, sheet_name):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_name)[:31])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append(
            [value if isinstance(value, int | float) else _csv_text(value) for value in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_download(headers, rows, *, fmt, filename, sheet_name="Data"):
    if fmt == "csv":
        data = table_csv(headers, rows)
    else:
        data = table_xlsx(headers, rows, sheet_name=sheet_name)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
