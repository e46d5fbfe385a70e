#include "scenario/yaml_limits.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <limits>
#include <sstream>
#include <vector>

namespace milmob::scenario {

namespace {

constexpr std::uint64_t kOpen = std::numeric_limits<std::uint64_t>::max();  // anchor still being read

struct Refused {
  YamlShapeProblem problem;
};

// Counts nodes per open collection; an alias adds the count of the node its anchor names.
class ShapeCounter : public YAML::EventHandler {
 public:
  explicit ShapeCounter(const Limits& limits) : limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::uint64_t size = anchor < sizes_.size() ? sizes_[anchor] : 1;
    if (size == kOpen)
      throw Refused{{mark.line + 1, mark.column + 1, "an alias refers to a node that contains it (a cycle): not allowed"}};
    add(mark, size);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YAML::anchor_t anchor;
    std::uint64_t nodes;
    YAML::Mark mark;
  };

  void name(YAML::anchor_t anchor, std::uint64_t size) {
    if (anchor == YAML::NullAnchor) return;
    if (sizes_.size() <= anchor) sizes_.resize(anchor + 1, 1);
    sizes_[anchor] = size;
  }
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    name(anchor, 1);
    add(mark, 1);
  }
  // `size` more nodes in the collection being read and in the document.
  void add(const YAML::Mark& mark, std::uint64_t size) {
    if (!stack_.empty()) stack_.back().nodes = std::min(stack_.back().nodes + size, kOpen - 1);
    total_ = std::min(total_ + size, kOpen - 1);
    if (total_ > limits_.max_yaml_nodes)
      throw Refused{{mark.line + 1, mark.column + 1,
                     fmt::format("the document has more than {} YAML nodes once its aliases are expanded (limit "
                                 "--max-yaml-nodes; a scenario has a few thousand)",
                                 limits_.max_yaml_nodes)}};
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_yaml_depth)
      throw Refused{{mark.line + 1, mark.column + 1,
                     fmt::format("nested more than {} levels deep (limit --max-yaml-depth; a scenario needs about 6)",
                                 limits_.max_yaml_depth)}};
    name(anchor, kOpen);
    add(mark, 1);
    stack_.push_back({anchor, 1, mark});
  }
  void close() {
    const Frame f = stack_.back();
    stack_.pop_back();
    name(f.anchor, f.nodes);
    // The collection itself was counted when it opened; its contents now count in its parent.
    if (!stack_.empty()) stack_.back().nodes = std::min(stack_.back().nodes + f.nodes - 1, kOpen - 1);
  }

  const Limits& limits_;
  std::vector<Frame> stack_;
  std::vector<std::uint64_t> sizes_;  // by anchor id: nodes of the anchored node
  std::uint64_t total_ = 0;
};

}  // namespace

std::optional<YamlShapeProblem> check_yaml_shape(const std::string& text, const Limits& limits) {
  std::istringstream in(text);
  ShapeCounter counter(limits);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(counter);  // YAML::Load reads the first document only
  } catch (const Refused& r) {
    return r.problem;
  } catch (const YAML::Exception&) {
    // A syntax error: the parser that builds the document reports it with its position.
  }
  return std::nullopt;
}

}  // namespace milmob::scenario
