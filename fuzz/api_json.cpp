// Fuzz target: the JSON request bodies of the API (src/server/json_body.h, vehicle_request.h,
// disruption_request.h), read as POST /route, POST /plan and POST /plans/{id}/whatif read them,
// without HTTP. A bad body is refused with ApiError (400, 413 or 422 naming the field); nothing
// else may escape. The server's scenario is examples/liechtenstein-exercise.yaml.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_check.h"
#include "scenario/loader.h"
#include "scenario/places.h"
#include "server/api_error.h"
#include "server/disruption_request.h"
#include "server/json_body.h"
#include "server/limits.h"
#include "server/vehicle_request.h"
#include "vehicles/catalogue.h"

namespace {

using namespace milmob;
using Json = nlohmann::json;

struct Served {
  vehicles::Catalogue catalogue = vehicles::Catalogue::load(vehicles::default_catalogue_path());
  scenario::PlaceTable places = scenario::PlaceTable::load_default();
  scenario::Scenario scenario;
  std::vector<std::string> plan_disruptions;  // what the stored plan applied

  Served() {
    auto r = scenario::load_scenario(MILMOB_SOURCE_DIR "/examples/liechtenstein-exercise.yaml", {catalogue, places});
    FUZZ_CHECK(r.ok());
    scenario = std::move(r.scenario);
    if (!scenario.disruptions.empty()) plan_disruptions.push_back(scenario.disruptions.front().name);
  }
};

template <class Step>
void step(Step&& f) {
  try {
    f();
  } catch (const server::ApiError& e) {
    FUZZ_CHECK(e.status() >= 400 && e.status() < 500);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Served served;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Json body;
  try {
    body = server::parse_json_body(text, server::Limits{}.max_json_depth);
  } catch (const server::ApiError& e) {
    FUZZ_CHECK(e.status() >= 400 && e.status() < 500);
    return 0;
  }

  // POST /route
  step([&] { (void)server::point_member(body, "from", "from"); });
  step([&] { (void)server::point_member(body, "to", "to"); });
  step([&] { (void)server::vehicle_from_request(body, served.catalogue, &served.scenario); });
  step([&] { (void)server::vehicle_from_request(body, served.catalogue, nullptr); });
  step([&] { (void)server::number_member(body, "max_snap_m", "max_snap_m"); });
  step([&] { (void)server::bool_member(body, "explain", "explain"); });
  step([&] { (void)server::string_member(body, "vehicle", "vehicle"); });

  // POST /plan: an inline scenario (read as the scenario target reads it), then disruptions
  const scenario::Scenario* s = &served.scenario;
  scenario::LoadResult inline_scenario("scenario_yaml");
  if (const Json* yaml = server::member(body, "scenario_yaml"); yaml != nullptr && yaml->is_string()) {
    inline_scenario = scenario::load_scenario_text(yaml->get<std::string>(), "scenario_yaml", MILMOB_SOURCE_DIR "/examples",
                                                   {served.catalogue, served.places});
    if (inline_scenario.ok()) s = &inline_scenario.scenario;
  }
  if (const Json* d = server::member(body, "disruptions")) {
    step([&] { (void)server::whatif_scenario(*s, {}, *d); });
    // POST /plans/{id}/whatif on the stored plan
    step([&] { (void)server::whatif_scenario(served.scenario, served.plan_disruptions, *d); });
  }
  return 0;
}
