#!/usr/bin/python3
"""Counts of an OSM extract made without milmob, to check its import against.

Reads the file with pyosmium (Debian python3-pyosmium) and applies milmob's documented
selection (docs/import.md): roads are highway=motorway..residential and their links, not
area=yes, with two or more nodes; rail is railway=rail. Prints JSON.
usage: independent_counts.py FILE.osm.pbf"""
import json
import math
import sys

import osmium

ROADS = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
         "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link"}
R = 6371008.8  # the mean Earth radius milmob uses


def haversine(a, b):
    la1, la2 = math.radians(a[1]), math.radians(b[1])
    dla, dlo = la2 - la1, math.radians(b[0] - a[0])
    s = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(s)))


class Counter(osmium.SimpleHandler):
    def __init__(self):
        super().__init__()
        self.c = {"road_ways": 0, "rail_ways": 0, "road_km": 0.0, "rail_km": 0.0, "bridges_road_ways": 0}

    def way(self, w):
        t = w.tags
        road = t.get("highway") in ROADS and t.get("area") != "yes"
        rail = t.get("railway") == "rail"
        if not (road or rail) or len(w.nodes) < 2:
            return
        kind = "road" if road else "rail"
        self.c[kind + "_ways"] += 1
        pts = [(n.lon, n.lat) for n in w.nodes if n.location.valid()]
        self.c[kind + "_km"] += sum(haversine(pts[i], pts[i + 1]) for i in range(len(pts) - 1)) / 1000


h = Counter()
h.apply_file(sys.argv[1], locations=True)
print(json.dumps(h.c))
