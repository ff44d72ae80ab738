"""Signals of the approvals app, for the apps below it in the layout."""

from django.dispatch import Signal

# Sent inside the transaction of every submit, approve, reject and reopen of time
# (``scope=``, ``by=``, ``action=``, ``note=``, ``override_reason=``): the expenses app moves
# the expenses of the same member-week or project with it.
time_transitioned = Signal()
