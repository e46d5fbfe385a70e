#pragma once
// Turns GIS lines into nodes and edges, and GIS points into places, of a NetworkBuilder.
// Lines meet where their ends coincide: a GIS layer has no shared node ids as OSM has.
#include <cstdint>

#include "gis/features.h"
#include "network/builder.h"

namespace milmob::gis {

struct LineNetworkOptions {
  double node_tolerance_m = 1.0;   // line ends closer than this become one node, whatever their mode
  bool split_at_vertices = false;  // every vertex a node (for layers drawn vertex to vertex)
};

struct LineNetworkReport {
  std::uint64_t nodes = 0, edges = 0;  // added (directed edges)
  std::uint64_t merged_ends = 0;       // line ends that joined a node already there
  std::uint64_t places = 0;
};

// Adds every line after the nodes already in the builder: each line end becomes the nearest
// node made from an earlier GIS line end within the tolerance, or a new node. Nodes that were
// in the builder before (an OSM import) are never merged with; that is stitching's job
// (network/stitch.h). A line gives one edge per part (one per segment with split_at_vertices),
// both directions unless oneway, its interior vertices as shape (its ends moved onto the nodes).
// The length is the geodesic length of the line's geometry, scaled so that the edges of a
// feature add up to its length_m if given. A piece whose ends fall on one node and that has no
// vertex between them is dropped: it is a point, not a road.
// Deterministic: the result depends only on the order of the features.
LineNetworkReport add_gis_features(const GisFeatures& features, const LineNetworkOptions& options,
                                   NetworkBuilder& builder);

}  // namespace milmob::gis
