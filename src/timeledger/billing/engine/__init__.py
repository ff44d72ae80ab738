"""The billing engine: runs (``runs.run_billing``), previews (dry runs) and the SQL they use."""

from timeledger.billing.engine.runs import ClaimConflict, RunResult, preview, run_billing

__all__ = ["ClaimConflict", "RunResult", "preview", "run_billing"]
