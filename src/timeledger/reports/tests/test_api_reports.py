"""``/api/reports/<name>/``: JSON, the three exports parsed back, errors, roles, tenancy."""

import csv
import io
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from timeledger.reports.exports import spreadsheet_cell
from timeledger.reports.registry import REPORTS
from timeledger.reports.tests.fixtures import World

Q = "?date_from=2026-10-01&date_to=2026-11-30"


@pytest.fixture
def world(org, owner, manager, alice, accountant, client_):
    return World(org, owner, manager, alice, accountant, client_)


def test_every_report_answers_json(world, api):
    c = api(world.owner)
    for name in REPORTS:
        r = c.get(f"/api/reports/{name}/{Q}")
        assert r.status_code == 200, (name, r.content[:300])
        body = r.json()
        assert body["report"] == name and isinstance(body["rows"], list)
        assert [col["key"] for col in body["columns"]]


def test_time_json_rows_and_drill_link(world, api):
    r = api(world.owner).get(f"/api/reports/time/{Q}&group=project").json()
    web = next(x for x in r["rows"] if x["group"].startswith("WEB"))
    assert (web["hours"], web["amount"], web["currency"]) == ("11.50", "950.00", "EUR")
    assert (
        "/reports/entries/?" in web["entries_url"]
        and f"project={world.web.pk}" in web["entries_url"]
    )
    assert len(r["chart"]["series"]) == 2


def test_csv_xlsx_pdf_exports(world, api):
    c = api(world.owner)
    text = c.get(f"/api/reports/profitability/{Q}&format=csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Project", "Hours"]
    web = next(r for r in rows if r[0].startswith("WEB"))
    assert web[rows[0].index("Revenue")] == "1250.00"

    r = c.get(f"/api/reports/profitability/{Q}&format=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [cell.value for cell in ws[1]]
    web = next(row for row in ws.iter_rows(min_row=2, values_only=True) if row[0].startswith("WEB"))
    assert D(str(web[header.index("Revenue")])) == D("1250.00")

    r = c.get(f"/api/reports/receivables/{Q}&format=pdf")
    assert r["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "Invoices and receivables" in text and "363.00" in text


def test_formula_text_is_neutralised_in_spreadsheets(world, api):
    world.web.project_type = "=HYPERLINK(evil)"
    world.web.save()
    text = api(world.owner).get(f"/api/reports/estimate-accuracy/{Q}&format=csv").content.decode()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=HYPERLINK(evil)" in cells and "=HYPERLINK(evil)" not in cells
    assert spreadsheet_cell(D("-1.50")) == D("-1.50")  # numbers stay numbers


def test_bad_input_is_a_field_error(world, api):
    c = api(world.owner)
    r = c.get("/api/reports/time/?date_from=2026-13-01")
    assert r.status_code == 400 and "date_from" in r.json()["fields"]
    r = c.get("/api/reports/time/?date_from=2026-11-30&date_to=2026-11-01")
    assert r.status_code == 400 and "date_to" in r.json()["fields"]
    r = c.get("/api/reports/time/?format=docx")
    assert r.status_code in (400, 404)
    r = c.get("/api/reports/utilisation/?target=abc")
    assert r.status_code == 400 and "target" in r.json()["fields"]
    r = c.get("/api/reports/time/?page_size=0")
    assert r.status_code == 400 and "page_size" in r.json()["fields"]
    r = c.get(f"/api/reports/time/?project={world.web.pk + 10_000}")
    assert r.status_code == 400 and "project" in r.json()["fields"]


def test_roles_over_the_api(world, api):
    member = api(world.alice)
    assert member.get("/api/reports/profitability/").status_code == 403
    r = member.get(f"/api/reports/time/{Q}").json()
    assert [x["group"] for x in r["rows"]] == ["WEB — Web shop"]
    assert "amount" not in r["rows"][0]
    assert api(world.accountant).get(f"/api/reports/wip/{Q}").status_code == 200


def test_outsider_cannot_name_our_project(world, api, outsider):
    r = api(outsider).get(f"/api/reports/time/?project={world.web.pk}")
    assert r.status_code == 400
    assert api(outsider).get(f"/api/reports/time/{Q}").json()["rows"] == []


QUERY = st.fixed_dictionaries(
    {},
    optional={
        "date_from": st.sampled_from(["2026-11-01", "0001-01-01", "9999-12-31", "x", "2026-02-30"]),
        "date_to": st.sampled_from(["2026-11-30", "0001-01-02", "9999-12-31", ""]),
        "group": st.sampled_from(["day", "week", "month", "task", "nope", ""]),
        "billable": st.sampled_from(["true", "false", "maybe"]),
        "target": st.sampled_from(["75", "NaN", "Infinity", "-1", "1e400", "abc"]),
        "page": st.sampled_from(["1", "0", "-1", "99999999999", "a"]),
        "project": st.sampled_from(["1", "-1", "abc", "99999999999999999999"]),
        "format": st.sampled_from(["csv", "json", "docx"]),
    },
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(sorted(REPORTS)), query=QUERY)
def test_no_query_makes_a_5xx(world, api, name, query):
    r = api(world.owner).get(f"/api/reports/{name}/", query)
    assert r.status_code < 500, (name, query, r.content[:200])
    if 400 <= r.status_code < 500 and r["Content-Type"].startswith("application/json"):
        assert set(r.json()) >= {"error", "message", "fields"}
