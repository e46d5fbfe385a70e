"""Type stub of milmob's compiled part (python/src/*.cpp); docs/python.md has the whole API."""

from __future__ import annotations

import datetime
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

__version__: str

Point = Union[Tuple[float, float], Sequence[float], str]
Row = Dict[str, Any]
PathLike = Union[str, os.PathLike]
# A scenario disruption's name, a disruption file (docs/whatif.md) or a dict in its schema.
Disruption = Union[str, os.PathLike, Mapping[str, Any]]
Disruptions = Union[Disruption, Sequence[Disruption]]

class Route:
    """A route of one vehicle: what ``milmob route --json`` prints, as attributes."""

    @property
    def found(self) -> bool: ...
    @property
    def vehicle(self) -> str: ...
    @property
    def distance_m(self) -> Optional[float]: ...
    @property
    def distance_km(self) -> Optional[float]: ...
    @property
    def duration_s(self) -> Optional[float]: ...
    @property
    def duration(self) -> Optional[datetime.timedelta]: ...
    @property
    def countries(self) -> List[str]: ...
    @property
    def border_crossings(self) -> List[Row]: ...
    @property
    def way_ids(self) -> List[int]: ...
    @property
    def geometry(self) -> Optional[Dict[str, Any]]: ...
    @property
    def detours(self) -> List[Row]: ...
    @property
    def binding_limits(self) -> Optional[List[Row]]: ...
    @property
    def reason(self) -> Optional[str]: ...
    @property
    def unconstrained(self) -> Optional[Row]: ...
    @property
    def __geo_interface__(self) -> Optional[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The route exactly as ``milmob route --json`` prints it."""
    def to_geojson(self) -> Dict[str, Any]:
        """A GeoJSON FeatureCollection: the route and its border crossings."""

class Network:
    """A network file written by ``milmob import``, mapped into memory."""

    def __init__(self, path: PathLike) -> None: ...
    @staticmethod
    def load(path: PathLike) -> Network:
        """Maps the network file at ``path``; raises InputError for a bad file."""
    @property
    def path(self) -> str: ...
    def info(self) -> Dict[str, Any]:
        """The summary ``milmob info --json`` prints."""
    def route(
        self,
        from_: Point,
        to: Point,
        *,
        vehicle: Optional[str] = None,
        limits: Optional[Dict[str, Union[float, bool]]] = None,
        catalogue: Optional[PathLike] = None,
        max_snap_m: float = 1000.0,
        algorithm: str = "ch",
        explain: bool = True,
    ) -> Route:
        """The fastest route for a vehicle (catalogue name) or a set of limits (weight_t,
        axle_load_t, height_m, width_m, mlc, tracked, speed_kmh). Raises InputError (a
        ValueError) for bad input, NoRouteError when no route exists."""

def vehicles(catalogue: Optional[PathLike] = None) -> List[str]:
    """Names of the vehicles of the catalogue."""

class Scenario:
    """A scenario file, loaded and checked; its network is built at the first plan."""

    @staticmethod
    def load(path: PathLike, *, catalogue: Optional[PathLike] = None, places: Optional[PathLike] = None) -> Scenario:
        """Loads and checks a scenario; raises ScenarioError with every diagnostic."""
    @property
    def file(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def c_day(self) -> datetime.date: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def units(self) -> List[Row]: ...
    @property
    def disruptions(self) -> List[Row]: ...
    @property
    def warnings(self) -> List[Row]: ...
    @property
    def network_built(self) -> bool: ...
    def plan(self, disruptions: Disruptions = ..., *, improve: int = 0, progress: bool = False) -> Plan:
        """The same as ``milmob.plan(self, disruptions, improve=improve, progress=progress)``."""

class Plan:
    """A movement plan, as ``milmob plan`` makes it."""

    @property
    def scenario(self) -> Scenario: ...
    @property
    def closure(self) -> str: ...
    @property
    def closure_min(self) -> float: ...
    @property
    def closure_h(self) -> float: ...
    @property
    def all_feasible(self) -> bool: ...
    @property
    def disruptions(self) -> List[str]: ...
    @property
    def notes(self) -> List[str]: ...
    @property
    def units(self) -> List[Row]: ...
    @property
    def legs(self) -> List[Row]: ...
    @property
    def march_tables(self) -> List[Row]: ...
    @property
    def bookings(self) -> List[Row]: ...
    @property
    def delays(self) -> List[Row]: ...
    @property
    def explanations(self) -> List[Row]: ...
    @property
    def __geo_interface__(self) -> Dict[str, Any]: ...
    def to_records(self, table: str = "units") -> List[Row]:
        """"units", "legs", "march_tables", "bookings" or "delays" as a list of dicts."""
    def to_json(self) -> str:
        """plan.json as ``milmob plan`` writes it."""
    def to_dict(self) -> Dict[str, Any]: ...
    def to_geojson(self) -> Dict[str, Any]: ...
    def text(self) -> str: ...
    def whatif(self, disruptions: Disruptions, *, improve: Optional[int] = None, progress: bool = False) -> Plan:
        """The scenario planned again with these disruptions added (names, files, dicts);
        improve: re-insertion re-plans (None: this plan's)."""
    def compare(self, other: Plan) -> Dict[str, Any]:
        """Closure and per-unit arrival differences from this plan to ``other``."""

def plan(scenario: Scenario, disruptions: Disruptions = ..., *, improve: int = 0, progress: bool = False) -> Plan:
    """Plans the scenario's deployment (road, HET, rail, sea, air), as ``milmob plan`` does
    (``--improve N``: improve)."""

class Sweep:
    """A Monte Carlo sweep, as ``milmob sweep`` runs it; to_dict() is its --json document."""

    @property
    def scenario(self) -> Scenario: ...
    @property
    def runs(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def threads(self) -> int: ...
    @property
    def planned_closure(self) -> str: ...
    @property
    def p10(self) -> str: ...
    @property
    def p50(self) -> str: ...
    @property
    def p90(self) -> str: ...
    @property
    def p10_min(self) -> Optional[float]: ...
    @property
    def p50_min(self) -> Optional[float]: ...
    @property
    def p90_min(self) -> Optional[float]: ...
    @property
    def closure(self) -> Dict[str, Any]: ...
    @property
    def units(self) -> List[Row]: ...
    @property
    def disruptions(self) -> List[Row]: ...
    @property
    def causes(self) -> List[Row]: ...
    @property
    def summary(self) -> Dict[str, Any]: ...
    @property
    def plans_made(self) -> int: ...
    @property
    def seconds(self) -> float: ...
    def to_records(self, table: str = "units") -> List[Row]:
        """"units", "disruptions", "causes" or "runs" as a list of dicts."""
    def to_dict(self) -> Dict[str, Any]:
        """What ``milmob sweep --json`` prints."""
    def to_json(self) -> str:
        """The line ``milmob sweep --json`` prints (without its newline)."""
    def text(self) -> str:
        """The summary the command prints without --json."""

def sweep(
    scenario: Scenario,
    runs: int = 1000,
    seed: int = 1,
    *,
    threads: int = 0,
    model: Optional[PathLike] = None,
    csv: Optional[PathLike] = None,
    progress: bool = False,
) -> Sweep:
    """A Monte Carlo sweep of the scenario, as ``milmob sweep SCENARIO --runs N --seed S``."""
