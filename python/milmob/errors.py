"""The exceptions of milmob, raised by its C++ part (python/src/errors.cpp).

They mirror the command's exit codes: InputError is bad input (exit 2), NoRouteError is no
route (exit 3); an internal error stays a RuntimeError (exit 1). An infeasible unit in a plan is
a result, not an exception (see Plan.all_feasible).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional


class Error(Exception):
    """Base class of milmob's exceptions."""


class InputError(Error, ValueError):
    """Bad input: a file, name or value milmob cannot use.

    The message names where (file, line, field or parameter) and what was expected, e.g.
    ``vehicle: unknown vehicle 'Leopard 9'; known: ...``.
    """


class ScenarioError(InputError):
    """A scenario file with errors, raised by Scenario.load.

    Attributes:
        file, line, column, field: where the first error is (field is its path, such as
            ``units[1].equipment[0].type``; line and column are 1-based, 0 when unknown).
        diagnostics: every error and warning, in file order, as ``milmob check --json`` lists
            them: dicts with severity, file, line, column, path, message.
    """

    def __init__(self, message: str, diagnostics: List[Dict[str, Any]]):
        super().__init__(message)
        self.diagnostics: List[Dict[str, Any]] = list(diagnostics)
        first = next((d for d in self.diagnostics if d.get("severity") == "error"), {})
        self.file: Optional[str] = first.get("file")
        self.line: Optional[int] = first.get("line")
        self.column: Optional[int] = first.get("column")
        self.field: Optional[str] = first.get("path")

    @property
    def errors(self) -> List[Dict[str, Any]]:
        """The diagnostics that are errors."""
        return [d for d in self.diagnostics if d.get("severity") == "error"]


class NoRouteError(Error):
    """No route exists for the vehicle between the two points.

    Attributes:
        route: the Route (found is False) with reason and binding_limits, the limits that cut
            the vehicle off.
    """

    def __init__(self, message: str, route: Any):
        super().__init__(message)
        self.route = route
