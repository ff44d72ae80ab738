"""The billing engine: runs (``runs.run_billing``), previews (dry runs), final invoices (runs of
kind final), one strategy module per kind of line (``strategies``) and the SQL they use."""

from timeledger.billing.engine.runs import ClaimConflict, RunResult, preview, run_billing
from timeledger.billing.engine.strategies import carry_forwards

__all__ = ["ClaimConflict", "RunResult", "carry_forwards", "preview", "run_billing"]
