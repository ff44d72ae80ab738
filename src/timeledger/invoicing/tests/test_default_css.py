"""The default invoice stylesheet: WeasyPrint reads it without a warning (it logged "Expected a
media type" on every PDF while the preview's narrow-screen rules were one media query with a
width feature), and Chromium still applies those rules to the HTML preview on a phone."""

import logging

import weasyprint

from timeledger.invoicing import rendering

HTML = "<html><head><style>{css}</style></head><body><p>x</p></body></html>"


def test_weasyprint_reads_the_default_css_without_warnings(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = weasyprint.HTML(string=HTML.format(css=rendering.default_css())).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_the_preview_narrows_on_a_phone(browser):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.set_content(HTML.format(css=rendering.default_css()))
    narrow = page.evaluate("getComputedStyle(document.body).fontSize")
    page.set_viewport_size({"width": 1280, "height": 800})
    wide = page.evaluate("getComputedStyle(document.body).fontSize")
    page.close()
    assert narrow == "12px" and wide != narrow  # 9pt under 640 px
