"""``python -m timeledger.bench.claim DATABASE_URL``: the billing claim's variants (issue 19).

On a database billed by ``python -m timeledger.bench medium`` (``BENCH_DB``): the billed entries'
``(entry, line)`` pairs are saved, unclaimed once (committed, vacuumed), then each variant of the
claim replays them in its own transaction — timed, rolled back, ``VACUUM ANALYZE`` between, best of
``REPEAT`` (default 3): the UPDATE as billing does it with its deferred per-row FK check; the FK
dropped and one set-based check; the ``invoice_line_id`` index dropped; an insert-only claim
table with its keys. The billed state is restored at the end. Prints each variant and one JSON
line (BENCHMARKS.md, "Billing claim")."""

import json
import os
import sys
import time

import psycopg


def main() -> int:
    url = sys.argv[1]
    REPEAT = int(os.environ.get("REPEAT", "3"))
    conn = psycopg.connect(url, autocommit=True)
    x = conn.execute

    def load():
        return [round(v, 2) for v in os.getloadavg()]

    out = {"load_start": load()}
    idx = x(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename='timesheets_timeentry'"
    ).fetchall()
    out["indexes"] = [i[0] for i in idx]
    out["indexes_with_line"] = [i[0] for i in idx if "invoice_line_id" in i[1]]
    out["indexes_with_status"] = [i[0] for i in idx if "status" in i[1]]
    fks = x(
        "SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE conrelid='timesheets_timeentry'::regclass AND contype='f' AND pg_get_constraintdef(oid) LIKE '%%invoice_line_id%%'"
    ).fetchall()
    out["line_fk"] = fks
    # saved claims; then unclaim once, committed, vacuumed
    x("DROP TABLE IF EXISTS bench_claim_saved")
    x(
        "CREATE TABLE bench_claim_saved AS SELECT id, invoice_line_id AS line_id FROM timesheets_timeentry WHERE invoice_line_id IS NOT NULL"
    )
    x("ALTER TABLE bench_claim_saved ADD PRIMARY KEY (id)")
    n = x("SELECT count(*) FROM bench_claim_saved").fetchone()[0]
    out["rows"] = n
    if n == 0:
        sys.exit("no billed rows")
    x(
        "UPDATE timesheets_timeentry e SET invoice_line_id = NULL, status = 'approved' FROM bench_claim_saved s WHERE e.id = s.id"
    )
    x("VACUUM ANALYZE timesheets_timeentry")
    x("ANALYZE bench_claim_saved")
    CLAIM = (
        "UPDATE timesheets_timeentry e SET invoice_line_id = s.line_id, status = 'invoiced', updated_at = now()"
        " FROM bench_claim_saved s WHERE e.id = s.id AND e.invoice_line_id IS NULL"
    )
    fkname = fks[0][0] if fks else None

    def timed(stmts):
        res = []
        with conn.transaction(force_rollback=True):
            for s in stmts:
                t0 = time.perf_counter()
                x(s)
                res.append(time.perf_counter() - t0)
        x("VACUUM ANALYZE timesheets_timeentry")
        return res

    def best(name, stmts, labels):
        runs = [timed(stmts) for _ in range(REPEAT)]
        b = min(runs, key=sum)
        out[name] = {label: round(v, 3) for label, v in zip(labels, b, strict=True)} | {
            "load": load()
        }
        print(name, out[name], flush=True)

    # V1: as billing — UPDATE, then the deferred FK check (fired now instead of at COMMIT)
    best(
        "v1_update_then_deferred_fk",
        [CLAIM, "SET CONSTRAINTS ALL IMMEDIATE"],
        ["update_s", "fk_check_s"],
    )
    # V2: FK dropped (in the transaction) + one set-based check of the same rows
    if fkname:
        best(
            "v2_no_fk_set_based_check",
            [
                f'ALTER TABLE timesheets_timeentry DROP CONSTRAINT "{fkname}"',
                CLAIM,
                "SELECT count(*) FROM bench_claim_saved s LEFT JOIN billing_invoiceline l ON l.id = s.line_id WHERE l.id IS NULL",
            ],
            ["drop_s", "update_s", "set_check_s"],
        )
    # V3: the indexes holding invoice_line_id dropped (in the transaction): fewer index entries per row
    drops = [f'DROP INDEX "{i}"' for i in out["indexes_with_line"]]
    if drops:
        best(
            "v3_without_line_indexes",
            drops + [CLAIM, "SET CONSTRAINTS ALL IMMEDIATE"],
            [f"drop{i}_s" for i in range(len(drops))] + ["update_s", "fk_check_s"],
        )
    # V4: insert-only claim table (logged, PK, FKs checked immediately)
    x("DROP TABLE IF EXISTS bench_claim_table")
    x(
        "CREATE TABLE bench_claim_table (entry_id bigint PRIMARY KEY REFERENCES timesheets_timeentry(id), line_id bigint NOT NULL REFERENCES billing_invoiceline(id))"
    )
    best(
        "v4_insert_claim_table",
        ["INSERT INTO bench_claim_table SELECT id, line_id FROM bench_claim_saved"],
        ["insert_s"],
    )
    x("DROP TABLE bench_claim_table")
    # restore the billed state
    x(
        "UPDATE timesheets_timeentry e SET invoice_line_id = s.line_id, status = 'invoiced' FROM bench_claim_saved s WHERE e.id = s.id"
    )
    x("DROP TABLE bench_claim_saved")
    x("VACUUM ANALYZE timesheets_timeentry")
    out["load_end"] = load()
    print(json.dumps(out, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
