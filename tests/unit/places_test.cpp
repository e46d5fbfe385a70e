// The scenario module's place table: the shipped data, name folding, suggestions and the
// curated loader's errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.h"
#include "scenario/places.h"

namespace ms = milmob::scenario;

namespace {

const std::string kData = MILMOB_DATA_DIR;
const std::string kPlacesYaml = kData + "/places.yaml";
const std::string kNePlaces = kData + "/naturalearth/ne_10m_populated_places_europe.geojson";
const std::string kNePorts = kData + "/naturalearth/ne_10m_ports_europe.geojson";

struct Box {
  double lon_min, lon_max, lat_min, lat_max;
  bool contains(const milmob::geo::LonLat& p) const {
    return p.lon >= lon_min && p.lon <= lon_max && p.lat >= lat_min && p.lat <= lat_max;
  }
};
// Rough national bounding boxes, generous by a few tenths of a degree.
constexpr Box kLithuania{20.9, 26.9, 53.8, 56.5};
constexpr Box kNetherlands{3.3, 7.3, 50.7, 53.6};
constexpr Box kPoland{14.1, 24.2, 49.0, 54.9};

const ms::PlaceTable& shipped() {
  static const ms::PlaceTable table = ms::PlaceTable::load(kPlacesYaml, kNePlaces, kNePorts);
  return table;
}

// --- shipped data ------------------------------------------------------------------------------

TEST(ShippedPlaces, LoadWithEveryCuratedEntrySourced) {
  const auto& table = shipped();
  EXPECT_GT(table.size(), 1149u + 366u);  // both Natural Earth layers and the curated list
  std::size_t curated = 0;
  for (const auto& p : table.all()) {
    if (p.origin != "curated") continue;
    ++curated;
    SCOPED_TRACE(p.name);
    EXPECT_EQ(p.source.rfind("http", 0), 0u);
    EXPECT_EQ(p.country.size(), 3u);
    EXPECT_TRUE(milmob::geo::is_valid(p.where));
    // Everything curated lies in Europe west of the Urals.
    EXPECT_TRUE((Box{-10, 32, 45, 61}.contains(p.where)));
  }
  EXPECT_GE(curated, 25u);
}

TEST(ShippedPlaces, DefaultLoadIsTheShippedData) {
  EXPECT_EQ(ms::PlaceTable::load_default().size(), shipped().size());
}

TEST(ShippedPlaces, FindsCuratedNamesIgnoringCaseAndAccents) {
  const auto& table = shipped();
  for (const char* name : {"Rukla", "rukla", "RUKLA", "  Rukla "}) {
    SCOPED_TRACE(name);
    const ms::Place* p = table.find(name);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->name, "Rukla");
    EXPECT_EQ(p->origin, "curated");
    EXPECT_EQ(p->kind, "garrison");
    EXPECT_TRUE(kLithuania.contains(p->where));
  }
  const ms::Place* klaipeda = table.find("Klaipeda");
  ASSERT_NE(klaipeda, nullptr);
  EXPECT_EQ(klaipeda->name, "Klaipėda");
  EXPECT_EQ(klaipeda->origin, "curated");  // wins over Natural Earth's city and port
  EXPECT_TRUE(kLithuania.contains(klaipeda->where));
  EXPECT_EQ(table.find("SESTOKAI"), table.find("Šeštokai"));
  EXPECT_EQ(table.find("Adazi"), table.find("Ādaži"));
}

TEST(ShippedPlaces, FindsAliases) {
  const auto& table = shipped();
  const ms::Place* herkus = table.find("camp herkus");
  ASSERT_NE(herkus, nullptr);
  EXPECT_EQ(herkus->name, "Pabradė");
  EXPECT_TRUE(kLithuania.contains(herkus->where));
  const ms::Place* flushing = table.find("Flushing");
  ASSERT_NE(flushing, nullptr);
  EXPECT_EQ(flushing->name, "Vlissingen");
}

TEST(ShippedPlaces, FiltersByKind) {
  const auto& table = shipped();
  const ms::Place* port = table.find("Vlissingen", "port");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->kind, "port");
  EXPECT_TRUE(kNetherlands.contains(port->where));
  EXPECT_EQ(table.find("Rukla", "port"), nullptr);
  // A Natural Earth port where the curated entry is of another kind, or absent.
  const ms::Place* szczecin = table.find("Szczecin", "port");
  ASSERT_NE(szczecin, nullptr);
  EXPECT_EQ(szczecin->origin, "naturalearth-ports");
  EXPECT_TRUE(kPoland.contains(szczecin->where));
  const ms::Place* city = table.find("Szczecin", "city");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->origin, "naturalearth-places");
}

TEST(ShippedPlaces, FindsNaturalEarthCities) {
  const auto& table = shipped();
  const ms::Place* vilnius = table.find("Vilnius");
  ASSERT_NE(vilnius, nullptr);
  EXPECT_EQ(vilnius->origin, "naturalearth-places");
  EXPECT_EQ(vilnius->kind, "city");
  EXPECT_EQ(vilnius->country, "LTU");
  EXPECT_TRUE(kLithuania.contains(vilnius->where));
  const ms::Place* warsaw = table.find("warsaw");
  ASSERT_NE(warsaw, nullptr);
  EXPECT_EQ(warsaw->country, "POL");
  EXPECT_TRUE(kPoland.contains(warsaw->where));
  // Natural Earth's accented name and its ASCII name both resolve.
  ASSERT_NE(table.find("Šiauliai"), nullptr);
  EXPECT_EQ(table.find("Siauliai"), table.find("Šiauliai"));
}

TEST(ShippedPlaces, UnknownNameIsNullAndGetsSuggestions) {
  const auto& table = shipped();
  EXPECT_EQ(table.find("Vilnus"), nullptr);
  const auto suggestions = table.suggest("Vilnus");
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions.front(), "Vilnius");
  EXPECT_LE(suggestions.size(), 3u);
  EXPECT_LE(table.suggest("Vilnus", 1).size(), 1u);
  const auto accented = table.suggest("Klaipda");  // compared folded, shown as spelt
  ASSERT_FALSE(accented.empty());
  EXPECT_EQ(accented.front(), "Klaipėda");
  EXPECT_TRUE(table.suggest("Xqzwvtkjh").empty());  // nothing close: no silly guesses
}

TEST(Fold, FoldsCaseAndCommonLatinDiacritics) {
  EXPECT_EQ(ms::fold_name("Klaipėda"), "klaipeda");
  EXPECT_EQ(ms::fold_name("ŠEŠTOKAI"), "sestokai");
  EXPECT_EQ(ms::fold_name("Gdańsk"), "gdansk");
  EXPECT_EQ(ms::fold_name("Łódź"), "lodz");
  EXPECT_EQ(ms::fold_name("Münster"), "munster");
  EXPECT_EQ(ms::fold_name("Grafenwöhr"), "grafenwohr");
  EXPECT_EQ(ms::fold_name("Ādaži"), "adazi");
  EXPECT_EQ(ms::fold_name("Straße"), "strasse");
  EXPECT_EQ(ms::fold_name("Pärnu"), "parnu");
  EXPECT_EQ(ms::fold_name("Constanța"), "constanta");
  EXPECT_EQ(ms::fold_name("Москва"), "Москва");  // outside the Latin tables: unchanged
}

// --- curated file errors -------------------------------------------------------------------------

class BadPlaces : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("milmob_places_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& text) {
    const auto path = (dir_ / "places.yaml").string();
    std::ofstream(path) << text;
    return path;
  }
  // The message of the InputError that loading `text` throws; fails the test if none.
  std::string error_of(const std::string& text) {
    const std::string path = write(text);
    try {
      ms::PlaceTable::load(path, kNePlaces, kNePorts);
    } catch (const milmob::InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no InputError for:\n" << text;
    return {};
  }

  std::filesystem::path dir_;
};

const char* kGood =
    "places:\n"
    "  - name: \"Rukla\"\n"
    "    kind: garrison\n"
    "    country: LTU\n"
    "    lon: 24.377\n"
    "    lat: 55.052\n"
    "    source: \"https://lt.wikipedia.org/wiki/Rukla\"\n";

TEST_F(BadPlaces, AGoodFileLoads) {
  const auto table = ms::PlaceTable::load(write(kGood), kNePlaces, kNePorts);
  ASSERT_NE(table.find("rukla"), nullptr);
  EXPECT_EQ(table.find("rukla")->origin, "curated");
}

TEST_F(BadPlaces, MissingNameNamesFileLineAndField) {
  const std::string message = error_of(
      "places:\n"
      "  - kind: garrison\n"
      "    country: LTU\n"
      "    lon: 24.4\n"
      "    lat: 55.1\n"
      "    source: \"https://example.org/a\"\n");
  EXPECT_NE(message.find(dir_.string()), std::string::npos) << message;
  EXPECT_NE(message.find("places.yaml:2: places[0].name: missing"), std::string::npos) << message;
}

TEST_F(BadPlaces, LongitudeOutOfRange) {
  std::string text = kGood;
  text.replace(text.find("24.377"), 6, "240.5");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("places.yaml:5: places[0].lon: expected WGS84 degrees from -180 to 180, got '240.5'"),
            std::string::npos)
      << message;
}

TEST_F(BadPlaces, UnknownKind) {
  std::string text = kGood;
  text.replace(text.find("garrison"), 8, "castle");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("places.yaml:3: places[0].kind: unknown kind 'castle'"), std::string::npos) << message;
}

TEST_F(BadPlaces, DuplicateNameEvenWithOtherCaseOrAccents) {
  const std::string message = error_of(std::string(kGood) +
                                       "  - name: \"Rükla\"\n"
                                       "    kind: city\n"
                                       "    country: LTU\n"
                                       "    lon: 24.0\n"
                                       "    lat: 55.0\n"
                                       "    source: \"https://example.org/b\"\n");
  EXPECT_NE(message.find("places.yaml:8: places[1].name: duplicate name 'Rükla': already used by \"Rukla\" at line 2"),
            std::string::npos)
      << message;
}

TEST_F(BadPlaces, MissingSource) {
  std::string text = kGood;
  text.erase(text.find("    source:"));
  const std::string message = error_of(text);
  EXPECT_NE(message.find("places.yaml:2: places[0].source: missing"), std::string::npos) << message;
}

TEST_F(BadPlaces, AllErrorsAreReportedAtOnceInFileOrder) {
  const std::string message = error_of(
      "places:\n"
      "  - kind: garrison\n"          // 2: no name
      "    country: LTU\n"
      "    lon: 24.4\n"
      "    lat: 55.1\n"
      "    source: \"https://example.org/a\"\n"
      "  - name: \"Tapa\"\n"          // 7
      "    kind: fortress\n"          // 8: unknown kind
      "    country: EST\n"
      "    lon: 25.9\n"
      "    lat: 95.0\n"               // 11: latitude out of range
      "  - name: \"tapa\"\n"          // 12: duplicate; no source either
      "    kind: garrison\n"
      "    country: EST\n"
      "    lon: 25.9\n"
      "    lat: 59.2\n");
  const char* expected[] = {
      "places.yaml:2: places[0].name: missing",
      "places.yaml:7: places[1].source: missing",
      "places.yaml:8: places[1].kind: unknown kind 'fortress'",
      "places.yaml:11: places[1].lat: expected WGS84 degrees from -90 to 90",
      "places.yaml:12: places[2].source: missing",
      "places.yaml:12: places[2].name: duplicate name 'tapa'",
  };
  std::size_t last = 0;
  for (const char* e : expected) {
    const std::size_t at = message.find(e);
    ASSERT_NE(at, std::string::npos) << e << "\n" << message;
    EXPECT_GE(at, last) << "out of file order: " << e;
    last = at;
  }
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 5) << message;  // six problems, one per line
}

TEST_F(BadPlaces, MissingFilesAreInputErrors) {
  EXPECT_THROW(ms::PlaceTable::load((dir_ / "none.yaml").string(), kNePlaces, kNePorts), milmob::InputError);
  EXPECT_THROW(ms::PlaceTable::load(write(kGood), (dir_ / "none.geojson").string(), kNePorts), milmob::InputError);
}

}  // namespace
