#pragma once
// Joins two networks held in one builder: a strategic layer (a GIS layer of main corridors) and a
// detailed region (an OSM extract). They share no node ids, so where they meet they are
// connected by short road edges, "stitches" (docs/import.md, "Stitching").
#include <cstdint>

#include "network/builder.h"

namespace milmob {

// Nodes [first_node, end_node) and edges [first_edge, end_edge) of a builder: what one import
// added.
struct BuilderPart {
  NodeId first_node = 0, end_node = 0;
  EdgeId first_edge = 0, end_edge = 0;
};

struct StitchReport {
  std::uint64_t stitched_nodes = 0;  // strategic nodes joined to the detailed region
  std::uint64_t edges = 0;           // directed stitch edges added
  double longest_m = 0;
};

// Every strategic road node inside the bounding box of the detailed region's road nodes, or
// within radius_m of one of them, gets a pair of road edges to its nearest detailed road node:
// length the great-circle distance, class and speed of the strategic node's highest-class road
// edge, no limits, name "stitch", a straight shape. A road node is an end of a road edge.
StitchReport stitch(NetworkBuilder& builder, const BuilderPart& detailed, const BuilderPart& strategic,
                    double radius_m);

}  // namespace milmob
