"""Analytics over coded events: escalation per actor pair (`escalation`)."""
from sitroom.analytics.escalation import GOLDSTEIN_LIKE, escalations, pair_series

__all__ = ["GOLDSTEIN_LIKE", "escalations", "pair_series"]
