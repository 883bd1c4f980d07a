"""`newcourse.rulebook`: the rulebook's parameters, their kinds of value and their limits.

Every number the software enforces (the recall threshold, terms and term limits, quorums,
majorities, notice periods, ...) is a parameter set in the organisation's rulebook, a
:mod:`newcourse.documents` document whose tagged runs are its parameters::

    7.1 A recall opens when {recall.threshold = 20% [10%..50%]} of the members sign it.

The ``[10%..50%]`` lets a body's standing orders set the parameter within those limits.
:data:`CATALOGUE` lists every parameter; a rulebook must set each of them and no other.
No Django.

    rulebook = parse_rulebook(model_text("trade-union", "en"))
    threshold = in_force(rulebook, branch_standing_orders)["recall.threshold"]

Every error is a :class:`RulebookError` with the clause and the reason.
"""

from ._catalogue import CATALOGUE, Parameter
from ._errors import RulebookError, StandingOrderError
from ._models import MODEL_KEYS, MODEL_LANGUAGES, MODELS, ModelRulebook, model_text
from ._rulebook import (
    ParameterChange,
    Rulebook,
    Setting,
    StandingOrders,
    in_force,
    parameter_changes,
    parse_rulebook,
    parse_standing_orders,
    set_parameter,
    standing_orders_in_force,
)
from ._values import (
    KINDS,
    SANCTION_GRADES,
    SIMPLE,
    Kind,
    Majority,
    Money,
    Sanctions,
    Value,
    format_value,
    json_value,
    parse_value,
)

__all__ = [
    "CATALOGUE",
    "KINDS",
    "MODELS",
    "MODEL_KEYS",
    "MODEL_LANGUAGES",
    "SANCTION_GRADES",
    "SIMPLE",
    "Kind",
    "Majority",
    "ModelRulebook",
    "Money",
    "Parameter",
    "ParameterChange",
    "Rulebook",
    "RulebookError",
    "Sanctions",
    "Setting",
    "StandingOrderError",
    "StandingOrders",
    "Value",
    "format_value",
    "in_force",
    "json_value",
    "model_text",
    "parameter_changes",
    "parse_rulebook",
    "parse_standing_orders",
    "parse_value",
    "set_parameter",
    "standing_orders_in_force",
]
