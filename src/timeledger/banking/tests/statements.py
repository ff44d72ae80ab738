"""Test statements written from the standards: ISO 20022 camt.053.001.08 (the message
definition report's BkToCstmrStmt: GrpHdr, Stmt with Acct, Bal, Ntry with NtryDtls/TxDtls) and
SWIFT MT940 (:20: :25: :28C: :60F: :61: :86: :62F:)."""

from __future__ import annotations

from xml.sax.saxutils import escape

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
ACCOUNT = "NL91ABNA0417164300"


def _tx(amount, *, ustrd=None, ref=None, name="", iban="", e2e="NOTPROVIDED", sign="CRDT"):
    rmt = ""
    if ustrd:
        rmt += f"<Ustrd>{escape(ustrd)}</Ustrd>"
    if ref:
        rmt += (
            "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp>"
            f"<Ref>{ref}</Ref></CdtrRefInf></Strd>"
        )
    return f"""
        <TxDtls>
          <Refs><EndToEndId>{e2e}</EndToEndId></Refs>
          <Amt Ccy="EUR">{amount}</Amt>
          <CdtDbtInd>{sign}</CdtDbtInd>
          <RltdPties>
            <Dbtr><Pty><Nm>{escape(name)}</Nm></Pty></Dbtr>
            <DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct>
          </RltdPties>
          <RmtInf>{rmt}</RmtInf>
        </TxDtls>"""


def camt053(entries: list[dict], *, statement_id="STMT-2026-11-30", day="2026-11-30") -> bytes:
    """``entries``: dicts with ``amount`` (the entry's), ``sign`` (CRDT/DBIT), ``ref`` (bank's)
    and ``txs`` (a list of ``_tx`` keyword dicts; several make a batch entry)."""
    ntries = []
    for n, e in enumerate(entries, start=1):
        details = "".join(_tx(**t) for t in e.get("txs", []))
        ntries.append(f"""
    <Ntry>
      <NtryRef>{n}</NtryRef>
      <Amt Ccy="EUR">{e["amount"]}</Amt>
      <CdtDbtInd>{e.get("sign", "CRDT")}</CdtDbtInd>
      <Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>{day}</Dt></BookgDt>
      <ValDt><Dt>{day}</Dt></ValDt>
      <AcctSvcrRef>{e.get("ref", f"BANKREF{n:04d}")}</AcctSvcrRef>
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
      <NtryDtls>{details}</NtryDtls>
      {f"<AddtlNtryInf>{escape(e['info'])}</AddtlNtryInf>" if e.get("info") else ""}
    </Ntry>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{NS}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-{statement_id}</MsgId><CreDtTm>{day}T18:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>{statement_id}</Id>
      <ElctrncSeqNb>42</ElctrncSeqNb>
      <CreDtTm>{day}T18:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>{ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>
      {"".join(ntries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def mt940(lines: list[tuple[str, str, str]], *, ref="STMT20261201", day="261201") -> bytes:
    """``lines``: (``C``/``D``, amount with decimal comma, :86: text)."""
    out = [f":20:{ref}", f":25:{ACCOUNT}", ":28C:00043/001", f":60F:C{day}EUR1000,00"]
    for n, (mark, amount, info) in enumerate(lines, start=1):
        out.append(f":61:{day}{day[2:]}{mark}{amount}NTRFNONREF//B{day}{n:04d}")
        out.append(f":86:{info}")
    out += [f":62F:C{day}EUR2000,00", "-"]
    return ("\r\n".join(out) + "\r\n").encode()
