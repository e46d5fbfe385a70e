#!/usr/bin/env python3
"""Builds the strategic corridor layer data/strategic/europe.geojson from data/strategic/links.yaml.

links.yaml is the human-authored source of truth (schema at its top). Every link joins two named
places; a name resolves as milmob's PlaceTable does (src/scenario/places.h): the curated
data/places.yaml first (names and aliases), then Natural Earth's populated places (name,
nameascii) and ports (name), compared without case and Latin accents. The output is one GeoJSON
FeatureCollection: a Point per place used and a two-point LineString per link, written
deterministically (sorted keys, 6-decimal coordinates, points by name, links in file order).

    python3 tools/build_strategic.py            # writes data/strategic/europe.geojson, prints a summary
    python3 tools/build_strategic.py --check    # exit 1 if the shipped GeoJSON is not what links.yaml gives

Exit codes: 0 ok, 1 --check found a stale file, 2 bad input (every problem is printed as
file:line: field: what was expected).
"""
import argparse
import difflib
import heapq
import json
import math
import os
import sys
import tempfile

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    sys.exit("build_strategic.py needs PyYAML: apt-get install python3-yaml (scripts/install-deps lists it)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

MODES = ("road", "rail", "sea", "transfer")
ROAD_CLASSES = ("motorway", "trunk", "primary", "secondary")
RAIL_CLASSES = ("rail_main",)
GAUGES = (1435, 1520)
# The nine TEN-T core network corridors of Regulation (EU) 1316/2013 (the 2024 revision regroups
# them into European Transport Corridors; the layer keeps the 2013 names, which sources use).
CORRIDORS = (
    "Atlantic", "Baltic–Adriatic", "Mediterranean", "North Sea–Baltic", "North Sea–Mediterranean",
    "Orient/East-Med", "Rhine–Alpine", "Rhine–Danube", "Scandinavian–Mediterranean",
)
# places.yaml kind -> GeoJSON place_kind (docs/import.md, "Places"); a city gets a point only
# where rail touches it (a rail station), else none.
PLACE_KIND = {
    "garrison": "military",
    "assembly_area": "military",
    "railhead": "loading_ramp",
    "transshipment": "rail_yard",
    "border_crossing": "border_control",
    "port": "port",
    "airfield": "airfield",
}
LINK_KEYS = {
    "from", "to", "mode", "name", "corridor", "road_class", "mlc_wheeled", "mlc_tracked", "max_weight_t",
    "gauge_mm", "electrified", "distance_km", "distance_source", "detour", "speed_kmh", "source", "note",
}
TOP_KEYS = {"defaults", "sources", "checks", "links"}
CHECK_KEYS = {"from", "to", "mode", "gauge_mm", "min_km", "max_km", "source", "note"}


# --- Names ---------------------------------------------------------------------------------------

# The same folding as src/scenario/places.cpp (kFolds): Latin-1 Supplement and Latin Extended-A
# to ASCII, plus the Romanian comma-below letters; case folded for ASCII only.
_FOLDS = [
    (0xC0, 0xC5, "a"), (0xC6, 0xC6, "ae"), (0xC7, 0xC7, "c"), (0xC8, 0xCB, "e"), (0xCC, 0xCF, "i"),
    (0xD0, 0xD0, "d"), (0xD1, 0xD1, "n"), (0xD2, 0xD6, "o"), (0xD8, 0xD8, "o"), (0xD9, 0xDC, "u"),
    (0xDD, 0xDD, "y"), (0xDE, 0xDE, "th"), (0xDF, 0xDF, "ss"), (0xE0, 0xE5, "a"), (0xE6, 0xE6, "ae"),
    (0xE7, 0xE7, "c"), (0xE8, 0xEB, "e"), (0xEC, 0xEF, "i"), (0xF0, 0xF0, "d"), (0xF1, 0xF1, "n"),
    (0xF2, 0xF6, "o"), (0xF8, 0xF8, "o"), (0xF9, 0xFC, "u"), (0xFD, 0xFD, "y"), (0xFE, 0xFE, "th"),
    (0xFF, 0xFF, "y"), (0x100, 0x105, "a"), (0x106, 0x10D, "c"), (0x10E, 0x111, "d"), (0x112, 0x11B, "e"),
    (0x11C, 0x123, "g"), (0x124, 0x127, "h"), (0x128, 0x131, "i"), (0x132, 0x133, "ij"), (0x134, 0x135, "j"),
    (0x136, 0x138, "k"), (0x139, 0x142, "l"), (0x143, 0x14B, "n"), (0x14C, 0x151, "o"), (0x152, 0x153, "oe"),
    (0x154, 0x159, "r"), (0x15A, 0x161, "s"), (0x162, 0x167, "t"), (0x168, 0x173, "u"), (0x174, 0x175, "w"),
    (0x176, 0x178, "y"), (0x179, 0x17E, "z"),
]


def fold_char(c):
    cp = ord(c)
    if 0x218 <= cp <= 0x21B:
        return "s" if cp < 0x21A else "t"
    for first, last, ascii_ in _FOLDS:
        if first <= cp <= last:
            return ascii_
    return c.lower() if cp < 0x80 else c


def fold_name(name):
    return "".join(fold_char(c) for c in name.strip())


# --- YAML with line numbers ----------------------------------------------------------------------

class LinedDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""
    line = 0
    key_lines = None


class LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = LinedDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class Problems:
    """Collects every input problem, to report them all at once."""

    def __init__(self):
        self.items = []

    def add(self, path, line, field, what):
        rel = os.path.relpath(path, ROOT) if os.path.isabs(path) else path
        self.items.append(f"{rel}:{line}: {field}: {what}")

    def exit_if_any(self):
        if self.items:
            for item in self.items:
                print(item, file=sys.stderr)
            print(f"build_strategic.py: {len(self.items)} problem(s); nothing written", file=sys.stderr)
            sys.exit(2)


def load_yaml(path, problems, what):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=LineLoader)
    except OSError as e:
        problems.add(path, 0, what, f"cannot read: {e.strerror}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problems.add(path, mark.line + 1 if mark else 0, what, f"not valid YAML: {getattr(e, 'problem', e)}")
    problems.exit_if_any()
    return None


# --- Places --------------------------------------------------------------------------------------

class Place:
    __slots__ = ("name", "kind", "country", "lon", "lat", "origin")

    def __init__(self, name, kind, country, lon, lat, origin):
        self.name, self.kind, self.country, self.lon, self.lat, self.origin = name, kind, country, lon, lat, origin


class PlaceTable:
    """Curated places first, then Natural Earth places, then ports: the first match wins."""

    def __init__(self):
        self.index = {}      # folded name or alias -> Place (first claim wins)
        self.spelling = {}   # folded name or alias -> its first spelling, for suggestions

    def add(self, place, spellings):
        for s in spellings:
            key = fold_name(s)
            if key and key not in self.index:
                self.index[key] = place
                self.spelling[key] = s

    def find(self, name):
        return self.index.get(fold_name(name))

    def suggest(self, name):
        keys = difflib.get_close_matches(fold_name(name), list(self.index), n=3, cutoff=0.75)
        return [repr(self.spelling[k]) for k in keys]


def load_places(curated, ne_places, ne_ports, problems):
    table = PlaceTable()
    doc = load_yaml(curated, problems, "places")
    entries = doc.get("places") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        problems.add(curated, 1, "places", "expected a list of places")
        problems.exit_if_any()
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not all(k in e for k in ("name", "kind", "country", "lon", "lat")):
            problems.add(curated, getattr(e, "line", 0), f"places[{i}]", "expected name, kind, country, lon, lat")
            continue
        p = Place(e["name"], e["kind"], e["country"], float(e["lon"]), float(e["lat"]), "curated")
        table.add(p, [e["name"]] + list(e.get("aliases") or []))
    for path, origin in ((ne_places, "naturalearth-places"), (ne_ports, "naturalearth-ports")):
        try:
            with open(path, encoding="utf-8") as f:
                layer = json.load(f)
        except (OSError, ValueError) as e:
            problems.add(path, 0, "features", f"cannot read the Natural Earth layer: {e}")
            continue
        for i, feat in enumerate(layer.get("features", [])):
            props = feat.get("properties") or {}
            coords = (feat.get("geometry") or {}).get("coordinates") or []
            name = props.get("name")
            if not name or len(coords) < 2:
                continue
            if origin == "naturalearth-places":
                p = Place(name, "city", props.get("adm0_a3") or "", coords[0], coords[1], origin)
                table.add(p, [name, props.get("nameascii") or name])
            else:
                p = Place(name, "port", "", coords[0], coords[1], origin)
                table.add(p, [name])
    problems.exit_if_any()
    return table


# --- Countries (for the summary and for ports, which Natural Earth gives no country) -------------

def _ring_contains(ring, lon, lat):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


class Countries:
    def __init__(self, path):
        self.polys = []  # (code, [polygon rings])
        with open(path, encoding="utf-8") as f:
            layer = json.load(f)
        for feat in layer["features"]:
            code = feat["properties"]["ADM0_A3"]
            geom = feat["geometry"]
            polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            self.polys.append((code, polygons))

    def at(self, lon, lat):
        for code, polygons in self.polys:
            for rings in polygons:
                if _ring_contains(rings[0], lon, lat) and not any(_ring_contains(h, lon, lat) for h in rings[1:]):
                    return code
        # On the coast or a coarse border: the country of the nearest outline within 10 km
        # (distance to each edge in a local equirectangular projection, good to metres here).
        kx = 111.32 * math.cos(math.radians(lat))
        best, best_km = "", 10.0
        for code, polygons in self.polys:
            for rings in polygons:
                ring = rings[0]
                for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                    ax, ay = (x1 - lon) * kx, (y1 - lat) * 110.57
                    bx, by = (x2 - lon) * kx, (y2 - lat) * 110.57
                    dx, dy = bx - ax, by - ay
                    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
                    d = math.hypot(ax + t * dx, ay + t * dy)
                    if d < best_km:
                        best, best_km = code, d
        return best


def great_circle_km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


# --- Links ---------------------------------------------------------------------------------------

def is_url(v):
    return isinstance(v, str) and (v.startswith("https://") or v.startswith("http://")) and " " not in v


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def read_defaults(doc, path, problems):
    d = doc.get("defaults")
    line = doc.key_lines.get("defaults", 1) if isinstance(doc, LinedDict) else 1
    if not isinstance(d, dict):
        problems.add(path, line, "defaults", "expected a mapping with detour, speed_kmh and mlc")
        return None
    need = {
        "detour": MODES,
        "speed_kmh": ROAD_CLASSES + RAIL_CLASSES + ("sea", "transfer"),
        "mlc": ROAD_CLASSES,
    }
    for key, members in need.items():
        table = d.get(key)
        if not isinstance(table, dict):
            problems.add(path, getattr(d, "key_lines", {}).get(key, line), f"defaults.{key}", "expected a mapping")
            continue
        for m in members:
            if not is_number(table.get(m)) or table[m] <= 0:
                problems.add(path, getattr(table, "line", line), f"defaults.{key}.{m}", "expected a positive number")
    return d


def check_link(i, link, path, places, defaults, problems):
    """Returns a dict of the link's resolved values, or None (problems recorded)."""
    where = f"links[{i}]"
    if not isinstance(link, LinedDict):
        problems.add(path, 0, where, "expected a mapping")
        return None
    line = link.line

    def bad(field, what):
        problems.add(path, link.key_lines.get(field, line), f"{where}.{field}", what)

    known = True  # an unknown key is reported, and the rest of the link still checked
    for key in link:
        if key not in LINK_KEYS:
            bad(key, f"unknown key (expected one of {', '.join(sorted(LINK_KEYS))})")
            known = False
    for key in ("from", "to", "mode", "name", "source"):
        if key not in link:
            bad(key, "required")
            return None

    mode = link["mode"]
    if mode not in MODES:
        bad("mode", f"expected one of {', '.join(MODES)}, got {mode!r}")
        return None
    ok = True
    ends = []
    for key in ("from", "to"):
        name = link[key]
        place = places.find(name) if isinstance(name, str) else None
        if place is None:
            hint = places.suggest(name) if isinstance(name, str) else []
            bad(key, f"unknown place {name!r}" + (f" (did you mean {', '.join(hint)}?)" if hint else
                                                 " (add it to data/places.yaml)"))
            ok = False
        ends.append(place)
    if not ok:
        return None
    if ends[0] is ends[1]:
        bad("to", f"the link starts and ends at the same place {ends[0].name!r}")
        return None
    for key in ("name",):
        if not isinstance(link[key], str) or not link[key].strip():
            bad(key, "expected a non-empty text")
            ok = False
    if not is_url(link["source"]):
        bad("source", "expected a public http(s) URL")
        ok = False
    corridor = link.get("corridor")
    if corridor is not None and corridor not in CORRIDORS:
        bad("corridor", f"expected a TEN-T core network corridor ({', '.join(CORRIDORS)}), got {corridor!r}")
        ok = False

    road_class = link.get("road_class")
    if mode == "road":
        if road_class not in ROAD_CLASSES:
            bad("road_class", f"expected one of {', '.join(ROAD_CLASSES)} for a road, got {road_class!r}")
            ok = False
    elif mode == "rail":
        if road_class is None:
            road_class = "rail_main"
        if road_class not in RAIL_CLASSES:
            bad("road_class", f"expected rail_main for rail, got {road_class!r}")
            ok = False
    elif road_class is not None:
        bad("road_class", f"a {mode} link has no road class; leave the key out")
        ok = False

    gauge = link.get("gauge_mm")
    electrified = link.get("electrified")
    if mode == "rail":
        if gauge not in GAUGES:
            bad("gauge_mm", f"expected one of {', '.join(map(str, GAUGES))} for rail, got {gauge!r}")
            ok = False
        if electrified is not None and not isinstance(electrified, bool):
            bad("electrified", "expected true or false (leave it out where unknown)")
            ok = False
    else:
        for key in ("gauge_mm", "electrified"):
            if key in link:
                bad(key, f"only rail links have {key}")
                ok = False

    assumed = []
    mlc = {}
    for key in ("mlc_wheeled", "mlc_tracked"):
        v = link.get(key)
        if v is not None and (mode != "road" or not is_number(v) or not 0 < v <= 200):
            bad(key, "expected an MLC between 1 and 200, on road links only")
            ok = False
        mlc[key] = v
    max_weight = link.get("max_weight_t")
    if max_weight is not None and (not is_number(max_weight) or not 0 < max_weight <= 1000):
        bad("max_weight_t", "expected a weight in tonnes between 0 and 1000")
        ok = False
    speed = link.get("speed_kmh")
    if speed is not None and (not is_number(speed) or not 0 < speed <= 300):
        bad("speed_kmh", "expected a speed in km/h between 0 and 300")
        ok = False
    if not ok or not known:
        return None

    gc_km = great_circle_km(ends[0].lon, ends[0].lat, ends[1].lon, ends[1].lat)
    if gc_km < 0.05:
        bad("to", f"{ends[0].name!r} and {ends[1].name!r} are at the same coordinates")
        return None
    if "distance_km" in link or "distance_source" in link:
        km = link.get("distance_km")
        if not is_number(km):
            bad("distance_km", "expected a number with distance_source, or neither (detour factor)")
            return None
        if not is_url(link.get("distance_source")):
            bad("distance_source", "expected the public URL that gives distance_km")
            return None
        if "detour" in link:
            bad("detour", "give either distance_km or detour, not both")
            return None
        if km < gc_km * 0.98:
            bad("distance_km", f"{km} km is shorter than the great-circle distance {gc_km:.1f} km")
            return None
        if km > gc_km * 3:
            bad("distance_km", f"{km} km is more than 3x the great-circle distance {gc_km:.1f} km")
            return None
        length_km = float(km)
        cited = True
    else:
        cited = False
        factor = link.get("detour", defaults["detour"][mode])
        if "detour" in link:
            if not is_number(factor) or not 1.0 <= factor <= 3.0:
                bad("detour", "expected a factor between 1.0 and 3.0")
                return None
            if not link.get("note"):
                bad("note", "a link with its own detour factor says why in a note")
                return None
            assumed.append(f"length = great-circle x {factor:g} (detour factor of this link, see note)")
        else:
            assumed.append(f"length = great-circle x {factor:g} ({mode} detour factor)")
        length_km = gc_km * factor

    if mode == "road":
        for key in ("mlc_wheeled", "mlc_tracked"):
            if mlc[key] is None:
                mlc[key] = defaults["mlc"][road_class]
        if link.get("mlc_wheeled") is None or link.get("mlc_tracked") is None:
            assumed.append(f"MLC {defaults['mlc'][road_class]} from the {road_class} default bridge table (DOMAIN.md)")
        else:
            assumed.append(f"MLC {mlc['mlc_wheeled']:g}/{mlc['mlc_tracked']:g} set for this link, not the {road_class} default")
    speed_key = road_class if mode in ("road", "rail") else mode
    if speed is None:
        speed = defaults["speed_kmh"][speed_key]
        assumed.append(f"speed {speed:g} km/h {speed_key} default")
    if mode == "rail" and electrified is None:
        assumed.append("electrification unknown")
    note = link.get("note")
    if note is not None:
        if not isinstance(note, str) or not note.strip():
            bad("note", "expected a text")
            return None
        assumed.append(f"note: {note.strip()}")

    return {
        "from": ends[0], "to": ends[1], "mode": mode, "name": link["name"].strip(), "corridor": corridor,
        "road_class": road_class, "speed_kmh": speed, "length_km": length_km, "gc_km": gc_km,
        "mlc_wheeled": mlc["mlc_wheeled"], "mlc_tracked": mlc["mlc_tracked"], "max_weight_t": max_weight,
        "gauge_mm": gauge if mode == "rail" else None, "electrified": electrified if mode == "rail" else None,
        "source": link["source"], "assumption": "; ".join(assumed), "line": line, "index": i, "cited": cited,
    }


def link_id(link):
    a, b = fold_name(link["from"].name), fold_name(link["to"].name)
    slug = lambda s: "".join(c if c.isalnum() else "-" for c in s).strip("-")
    gauge = f"-{link['gauge_mm']}" if link["mode"] == "rail" else ""
    return f"{link['mode']}{gauge}:{slug(a)}--{slug(b)}"


# --- Graph checks --------------------------------------------------------------------------------

class Graph:
    def __init__(self, links):
        self.adj = {}
        for k in links:
            a, b = k["from"].name, k["to"].name
            self.adj.setdefault(a, []).append((b, k["length_km"]))
            self.adj.setdefault(b, []).append((a, k["length_km"]))

    def components(self):
        seen, comps = set(), []
        for start in sorted(self.adj):
            if start in seen:
                continue
            stack, comp = [start], []
            seen.add(start)
            while stack:
                n = stack.pop()
                comp.append(n)
                for m, _ in self.adj[n]:
                    if m not in seen:
                        seen.add(m)
                        stack.append(m)
            comps.append(sorted(comp, key=lambda n: (fold_name(n), n)))
        return sorted(comps, key=lambda c: (-len(c), c))

    def shortest_km(self, a, b):
        dist, heap = {a: 0.0}, [(0.0, a)]
        while heap:
            d, n = heapq.heappop(heap)
            if n == b:
                return d
            if d > dist.get(n, math.inf):
                continue
            for m, w in self.adj.get(n, []):
                if d + w < dist.get(m, math.inf):
                    dist[m] = d + w
                    heapq.heappush(heap, (d + w, m))
        return None


def mode_links(links, mode, gauge=None):
    return [k for k in links if k["mode"] == mode and (gauge is None or k["gauge_mm"] == gauge)]


def run_checks(doc, path, links, places, problems):
    """Distance checks declared in links.yaml: the shortest path on the layer must fall in range."""
    results = []
    for i, c in enumerate(doc.get("checks") or []):
        where = f"checks[{i}]"
        line = getattr(c, "line", 0)
        unknown = [k for k in c if k not in CHECK_KEYS]
        missing = [k for k in ("from", "to", "mode", "min_km", "max_km") if k not in c]
        if unknown or missing or not (c.get("source") or c.get("note")):
            what = (f"unknown key(s) {', '.join(unknown)}" if unknown else
                    f"missing {', '.join(missing)}" if missing else "a check says where its range comes from (source or note)")
            problems.add(path, line, where, f"{what}; expected {', '.join(sorted(CHECK_KEYS))}")
            continue
        a, b = places.find(c["from"]), places.find(c["to"])
        if a is None or b is None:
            problems.add(path, line, where, f"unknown place {c['from'] if a is None else c['to']!r}")
            continue
        km = Graph(mode_links(links, c["mode"], c.get("gauge_mm"))).shortest_km(a.name, b.name)
        label = f"{a.name} -> {b.name} by {c['mode']}" + (f" ({c['gauge_mm']} mm)" if c.get("gauge_mm") else "")
        if km is None:
            problems.add(path, line, where, f"{label}: no path on the layer")
            continue
        if not c["min_km"] <= km <= c["max_km"]:
            problems.add(path, line, where, f"{label}: {km:.0f} km, expected {c['min_km']}-{c['max_km']} km")
        results.append((label, km, c["min_km"], c["max_km"]))
    return results


# --- Output --------------------------------------------------------------------------------------

def point_kind(place, rail_places):
    if place.kind == "city":
        return "rail_station" if place.name in rail_places else None
    return PLACE_KIND.get(place.kind)


def features(links):
    rail_places = {k[e].name for k in links if k["mode"] == "rail" for e in ("from", "to")}
    used = {}
    for k in links:
        for e in ("from", "to"):
            used[k[e].name] = k[e]
    points = []
    for name in sorted(used, key=lambda n: (fold_name(n), n)):
        place = used[name]
        kind = point_kind(place, rail_places)
        if kind is None:
            continue
        points.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
            "properties": {"name": place.name, "place_kind": kind},
        })
    lines = []
    for k in links:
        a, b = k["from"], k["to"]
        lines.append({
            "type": "Feature",
            "geometry": {"type": "LineString",
                         "coordinates": [[round(a.lon, 6), round(a.lat, 6)], [round(b.lon, 6), round(b.lat, 6)]]},
            "properties": {
                "id": k["id"], "from": a.name, "to": b.name, "mode": k["mode"], "name": k["name"],
                "corridor": k["corridor"], "road_class": k["road_class"], "speed_kmh": k["speed_kmh"],
                "length_m": int(round(k["length_km"] * 1000)), "oneway": False,
                "mlc_wheeled": k["mlc_wheeled"], "mlc_tracked": k["mlc_tracked"], "max_weight_t": k["max_weight_t"],
                "gauge_mm": k["gauge_mm"], "electrified": k["electrified"], "source": k["source"],
                "assumption": k["assumption"],
            },
        })
    return points, lines


def render(points, lines):
    dump = lambda f: json.dumps(f, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    body = ",\n".join(dump(f) for f in points + lines)
    return ('{"type":"FeatureCollection","name":"milmob_strategic_europe",\n"features":[\n' + body + "\n]}\n")


def write_atomic(path, text):
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=".europe.", suffix=".tmp", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; the layer is not
    os.replace(tmp, path)


# --- Main ----------------------------------------------------------------------------------------

def main():
    data = os.path.join(ROOT, "data")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--links", default=os.path.join(data, "strategic", "links.yaml"))
    ap.add_argument("--places", default=os.path.join(data, "places.yaml"))
    ap.add_argument("--ne-places", default=os.path.join(data, "naturalearth", "ne_10m_populated_places_europe.geojson"))
    ap.add_argument("--ne-ports", default=os.path.join(data, "naturalearth", "ne_10m_ports_europe.geojson"))
    ap.add_argument("--countries", default=os.path.join(data, "naturalearth", "ne_50m_admin_0_countries_europe.geojson"))
    ap.add_argument("-o", "--out", default=os.path.join(data, "strategic", "europe.geojson"))
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if --out differs from what links.yaml gives")
    args = ap.parse_args()

    problems = Problems()
    places = load_places(args.places, args.ne_places, args.ne_ports, problems)
    doc = load_yaml(args.links, problems, "links")
    if not isinstance(doc, LinedDict):
        problems.add(args.links, 1, "links", "expected a mapping with defaults, sources, checks and links")
        problems.exit_if_any()
    for key in doc:
        if key not in TOP_KEYS:
            problems.add(args.links, doc.key_lines[key], key, f"unknown key (expected {', '.join(sorted(TOP_KEYS))})")
    defaults = read_defaults(doc, args.links, problems)
    raw = doc.get("links")
    if not isinstance(raw, list) or not raw:
        problems.add(args.links, doc.key_lines.get("links", 1), "links", "expected a non-empty list of links")
    problems.exit_if_any()

    links, seen = [], {}
    for i, entry in enumerate(raw):
        k = check_link(i, entry, args.links, places, defaults, problems)
        if k is None:
            continue
        k["id"] = link_id(k)
        # A link is undirected: A-B and B-A of the same mode (and gauge) are the same link.
        key = (k["mode"], k["gauge_mm"], frozenset((k["from"].name, k["to"].name)))
        if key in seen:
            problems.add(args.links, k["line"], f"links[{i}]",
                         f"duplicate of links[{seen[key]['index']}] (line {seen[key]['line']}): same places, mode and gauge")
            continue
        seen[key] = k
        links.append(k)
    problems.exit_if_any()

    # Connectivity: one road network; each gauge one rail network; the gauges meet at Šeštokai.
    road_comps = Graph(mode_links(links, "road")).components()
    if len(road_comps) > 1:
        small = "; ".join(", ".join(c) for c in road_comps[1:])
        problems.add(args.links, 1, "links", f"the road links form {len(road_comps)} components; cut off: {small}")
    gauge_comps = {g: Graph(mode_links(links, "rail", g)).components() for g in GAUGES}
    for g, comps in gauge_comps.items():
        if len(comps) > 1:
            small = "; ".join(", ".join(c) for c in comps[1:])
            problems.add(args.links, 1, "links", f"the {g} mm rail links form {len(comps)} components; cut off: {small}")
    break_place = places.find("Šeštokai")
    if break_place is None or not all(comps and break_place.name in comps[0] for comps in gauge_comps.values()):
        problems.add(args.links, 1, "links", "the 1435 mm and 1520 mm rail networks must both reach Šeštokai")

    # Every curated place in the covered countries (except plain cities) must be reachable by road.
    countries = Countries(args.countries)
    country_of = lambda p: p.country or countries.at(p.lon, p.lat)
    covered = {country_of(k[e]) for k in links for e in ("from", "to")}
    road_places = {k[e].name for k in links if k["mode"] == "road" for e in ("from", "to")}
    curated = {id(p): p for p in places.index.values() if p.origin == "curated"}
    missing = sorted(p.name for p in curated.values()
                     if p.kind != "city" and p.country in covered and p.name not in road_places)
    if missing:
        problems.add(args.places, 1, "places", f"curated places in covered countries without a road link: {', '.join(missing)}")
    checks = run_checks(doc, args.links, links, places, problems)
    problems.exit_if_any()

    points, lines = features(links)
    text = render(points, lines)
    if args.check:
        try:
            with open(args.out, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = None
        if current != text:
            print(f"{os.path.relpath(args.out, ROOT)} is stale: run python3 tools/build_strategic.py", file=sys.stderr)
            return 1
    else:
        write_atomic(args.out, text)

    # Summary.
    out = []
    out.append(f"{os.path.relpath(args.out, ROOT)}: {len(lines)} links, {len(points)} place points, "
               f"{len(text.encode('utf-8')) / 1024:.0f} KiB")
    for mode in MODES:
        ks = mode_links(links, mode)
        if not ks:
            continue
        km = sum(k["length_km"] for k in ks)
        cited = sum(1 for k in ks if k["cited"])
        out.append(f"  {mode:8s} {len(ks):4d} links {km:9.0f} km  ({cited} with a cited distance)")
        if mode == "rail":
            for g in GAUGES:
                kg = mode_links(links, "rail", g)
                out.append(f"    {g} mm {len(kg):4d} links {sum(k['length_km'] for k in kg):9.0f} km  "
                           f"{len(gauge_comps[g])} component(s)")
    per_country = {}
    for k in links:
        for c in {country_of(k["from"]), country_of(k["to"])}:
            per_country[c] = per_country.get(c, 0) + 1
    out.append("  countries touched (links with an end there): " +
               ", ".join(f"{c} {n}" for c, n in sorted(per_country.items())))
    comps = {m: Graph(mode_links(links, m)).components() for m in MODES if mode_links(links, m)}
    out.append("  connected components: " + ", ".join(f"{m} {len(c)}" for m, c in comps.items()) +
               f" (rail: 1435 mm and 1520 mm meet at {break_place.name})")
    for m, c in comps.items():
        if len(c) > 1:
            out.append(f"    {m} pieces apart from the largest: " + "; ".join(", ".join(p) for p in c[1:]))
    for label, km, lo, hi in checks:
        out.append(f"  check {label}: {km:.0f} km (expected {lo}-{hi})")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
