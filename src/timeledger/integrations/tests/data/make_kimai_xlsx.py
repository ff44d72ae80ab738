"""Writes ``kimai_export.xlsx``: the rows of ``kimai_export.csv`` as Kimai's XLSX export holds
them (English headers, typed date and time cells, durations as ``[hh]:mm`` day fractions, one of
them as the formula ``=seconds/86400`` that older Kimai versions wrote).

Run ``python make_kimai_xlsx.py`` in this folder; the workbook is committed next to it.
"""

import datetime as dt

from openpyxl import Workbook

# fmt: off
HEADERS = [
    "Date", "Begin", "End", "Duration", "Currency", "Price", "Hourly price", "Fixed price",
    "Name", "User", "Email", "Customer", "Project", "Activity", "Description", "Exported",
    "Billable", "Tags",
]
D = dt.datetime
ROWS = [
    (D(2026, 10, 19, 9, 0), D(2026, 10, 19, 12, 30), 12600, 420, 120, "Anna Schmidt", "anna",
     "anna@example.com", "Acme Retail", "Website", "Design", "Homepage wireframes", "No", "Yes"),
    (D(2026, 10, 19, 13, 0), D(2026, 10, 19, 14, 15), 4500, 150, 120, "Anna Schmidt", "anna",
     "anna@example.com", "Acme Retail", "Website", "Design", None, "Yes", "Yes"),
    (D(2026, 10, 20, 22, 30), D(2026, 10, 21, 1, 0), 9000, 300, 120, "Ben Ott", "ben",
     "ben@example.com", "Acme Retail", "Website", "Development", "Release night", "No", "Yes"),
    (D(2026, 10, 25, 1, 30), D(2026, 10, 25, 3, 30), 10800, 360, 120, "Ben Ott", "ben",
     "ben@example.com", "Acme Retail", "Website", "Development", "Summer time ends", "No", "Yes"),
    (D(2026, 10, 25, 2, 10), D(2026, 10, 25, 2, 50), 6000, 150, 90, "Anna Schmidt", "anna",
     "anna@example.com", "Globex", "Data platform", "On-call", "The repeated hour", "No", "Yes"),
    (D(2026, 10, 22, 16, 0), D(2026, 10, 22, 16, 45), 2700, 0, 0, "Ben Ott", "ben",
     "ben@example.com", "Own company", "Internal", None, "=1+2", "No", "No"),
]
# fmt: on

book = Workbook()
sheet = book.active
sheet.append(HEADERS)
for n, row in enumerate(ROWS, start=2):
    begin, end, secs, price, hourly, name, user, email, cust, proj, act, desc, exp, bill = row
    sheet.append(
        [
            begin.date(),
            begin,
            end,
            None,
            "EUR",
            price,
            hourly,
            None,
            name,
            user,
            email,
            cust,
            proj,
            act,
            desc,
            exp,
            bill,
            None,
        ]  # fmt: skip
    )
    duration = sheet.cell(row=n, column=4)
    duration.value = f"={secs}/86400" if n == 2 else secs / 86400
    duration.number_format = "[hh]:mm"
    sheet.cell(row=n, column=1).number_format = "yyyy-mm-dd"
    sheet.cell(row=n, column=2).number_format = "hh:mm"
    sheet.cell(row=n, column=3).number_format = "hh:mm"
# The description "=1+2" must stay text: write it as a string cell, as Kimai does.
sheet.cell(row=7, column=15).data_type = "s"
book.save("kimai_export.xlsx")
