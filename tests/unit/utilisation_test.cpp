#include "planning/utilisation.h"

#include <gtest/gtest.h>

namespace mp = milmob::planning;
namespace ms = milmob::scenario;

namespace {

constexpr double kDay = 1440;

mp::Booking booking(std::string resource, std::string kind, double from, double until, double amount) {
  mp::Booking b;
  b.resource = std::move(resource), b.kind = std::move(kind);
  b.from = from, b.until = until, b.amount = amount;
  return b;
}

const mp::ResourceUse& find(const std::vector<mp::ResourceUse>& uses, const std::string& resource) {
  for (const auto& u : uses)
    if (u.resource == resource) return u;
  throw std::runtime_error("no resource " + resource);
}

}  // namespace

TEST(Utilisation, SumsDailyWorkAndCountsCarriersBusyAtOnceAgainstNominalCapacities) {
  ms::Scenario s;
  s.resources.railheads.push_back({{"Munster", {10, 53}, "DEU"}, 4, 3});
  s.resources.convoy_support_centres.push_back({{"", {14.5, 52.4}, "DEU"}, 100, 0});
  s.resources.ships.push_back({"Point class", 2650, 18, 2, 0});
  mp::Plan p;
  // Four trains loaded on C+1 (the whole day's 4 slots), one on C+2.
  for (int i = 0; i < 4; ++i) p.bookings.push_back(booking("railhead Munster", "railhead", kDay + i * 360, kDay + i * 360 + 180, 1));
  p.bookings.push_back(booking("railhead Munster", "railhead", 2 * kDay + 60, 2 * kDay + 240, 1));
  // 60 and 30 vehicles at the centre on the night of C+1.
  p.bookings.push_back(booking("14.5000,52.4000", "csc", kDay + 1200, 2 * kDay + 360, 60));
  p.bookings.push_back(booking("14.5000,52.4000", "csc", kDay + 1260, 2 * kDay + 360, 30));
  // The two ships overlap on C+3 only; the second sails on until C+5.
  p.bookings.push_back(booking("ship Point class", "ship", 2 * kDay, 3 * kDay + 600, 1));
  p.bookings.push_back(booking("ship Point class", "ship", 3 * kDay + 300, 5 * kDay + 100, 1));
  // A network port the scenario gives no figures for.
  p.bookings.push_back(booking("port Gdynia", "port", 4 * kDay, 4 * kDay + 360, 80));

  const auto uses = mp::utilisation(p, s);
  ASSERT_EQ(uses.size(), 4u);

  const auto& rail = find(uses, "railhead Munster");
  EXPECT_EQ(rail.unit, "trains a day");
  EXPECT_DOUBLE_EQ(rail.capacity, 4);
  ASSERT_EQ(rail.days.size(), 2u);
  EXPECT_EQ(rail.days[0].day, 1);
  EXPECT_DOUBLE_EQ(rail.days[0].share, 1.0);
  EXPECT_DOUBLE_EQ(rail.days[1].share, 0.25);
  EXPECT_EQ(rail.days_at_capacity, 1);
  EXPECT_DOUBLE_EQ(rail.mean_share, 0.625);

  const auto& centre = find(uses, "14.5000,52.4000");
  EXPECT_EQ(centre.kind, "convoy_support_centre");
  ASSERT_EQ(centre.days.size(), 1u);
  EXPECT_DOUBLE_EQ(centre.days[0].used, 90);
  EXPECT_DOUBLE_EQ(centre.peak_share, 0.9);

  const auto& ship = find(uses, "ship Point class");
  EXPECT_EQ(ship.unit, "at once");
  ASSERT_EQ(ship.days.size(), 4u);  // C+2 to C+5
  EXPECT_DOUBLE_EQ(ship.days[0].used, 1);
  EXPECT_DOUBLE_EQ(ship.days[1].used, 2);  // both at sea on C+3
  EXPECT_DOUBLE_EQ(ship.days[2].used, 1);
  EXPECT_EQ(ship.days_at_capacity, 1);

  const auto& port = find(uses, "port Gdynia");
  EXPECT_DOUBLE_EQ(port.capacity, 0);  // no figure: its use is shown, no share
  EXPECT_DOUBLE_EQ(port.days[0].used, 80);
  EXPECT_DOUBLE_EQ(port.peak_share, 0);

  // Fullest first: the railhead and the ships reach 100 %, the port has no capacity to fill.
  EXPECT_EQ(uses.back().resource, "port Gdynia");
  EXPECT_DOUBLE_EQ(uses.front().peak_share, 1.0);
}

TEST(Utilisation, AnEmptyPlanUsesNothing) {
  EXPECT_TRUE(mp::utilisation(mp::Plan{}, ms::Scenario{}).empty());
}
