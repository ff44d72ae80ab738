"""The kinds of line the engine bills, one module each (interface: ``engine.base.Strategy``).

The order is the order of the lines on a draft: time, expenses, milestone slices, change orders,
fixed-fee instalments, retainer fee and close, and last the carried-forward credits (they ride on a draft
that bills something, so they see the others' lines). A new billing model is a new module here.
"""

from timeledger.billing.engine.strategies.carry_forwards import CARRY_FORWARDS
from timeledger.billing.engine.strategies.change_orders import CHANGE_ORDERS
from timeledger.billing.engine.strategies.expenses import EXPENSES
from timeledger.billing.engine.strategies.instalments import INSTALMENTS
from timeledger.billing.engine.strategies.milestones import MILESTONES
from timeledger.billing.engine.strategies.retainers import RETAINERS
from timeledger.billing.engine.strategies.time import TIME

STRATEGIES = (TIME, EXPENSES, MILESTONES, CHANGE_ORDERS, INSTALMENTS, RETAINERS, CARRY_FORWARDS)

__all__ = ["STRATEGIES"]
