"""milmob: military mobility planning on real infrastructure data, from Python.

A thin binding over milmob's C++ library: the same code paths as the ``milmob`` command, with
results as Python objects for pandas and GeoPandas.

    import milmob
    plan = milmob.plan(milmob.Scenario.load("examples/defender-europe.yaml"))
    print(plan.closure, plan.units[0]["arrival"])

See docs/python.md.
"""

import os as _os

from .errors import Error, InputError, NoRouteError, ScenarioError

# The GDAL plugin (GIS layers, country borders) lies next to the compiled module; an installed
# package also carries the shipped data. Settings made by the user win.
_here = _os.path.dirname(_os.path.abspath(__file__))
if _os.path.exists(_os.path.join(_here, "milmob-gdal.so")):
    _os.environ.setdefault("MILMOB_PLUGIN_DIR", _here)
if _os.path.isfile(_os.path.join(_here, "data", "vehicles.yaml")):
    _os.environ.setdefault("MILMOB_DATA", _os.path.join(_here, "data"))

from ._milmob import Network, Plan, Route, Scenario, Sweep, __version__, plan, sweep, vehicles  # noqa: E402

__all__ = [
    "Error",
    "InputError",
    "Network",
    "NoRouteError",
    "Plan",
    "Route",
    "Scenario",
    "ScenarioError",
    "Sweep",
    "__version__",
    "plan",
    "sweep",
    "vehicles",
]
