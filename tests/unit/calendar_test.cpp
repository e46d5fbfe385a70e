// The scenario module's public holidays and working days: Easter, the shipped rules checked
// against the dates their sources give, working-day arithmetic and the loader's errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "common/error.h"
#include "scenario/calendar.h"

namespace ms = milmob::scenario;
using std::chrono::sys_days;

namespace {

const std::string kHolidaysYaml = std::string(MILMOB_DATA_DIR) + "/holidays.yaml";

sys_days day(const char* iso) {
  const auto d = ms::parse_iso_day(iso);
  if (!d) ADD_FAILURE() << "bad date in test: " << iso;
  return d.value_or(sys_days{});
}

const ms::HolidayCalendar& shipped() {
  static const ms::HolidayCalendar calendar = ms::HolidayCalendar::load(kHolidaysYaml);
  return calendar;
}

// "MM-DD name" lines of a nation's holidays in a year, for readable comparisons.
std::vector<std::string> listed(const std::string& nation, int year) {
  std::vector<std::string> out;
  for (const auto& h : shipped().holidays(nation, year))
    out.push_back(ms::format_iso_day(h.date).substr(5) + " " + h.name);
  return out;
}

std::vector<std::string> dates(const std::string& nation, int year) {
  std::vector<std::string> out;
  for (const auto& h : shipped().holidays(nation, year)) out.push_back(ms::format_iso_day(h.date));
  return out;
}

// --- dates -------------------------------------------------------------------------------------

TEST(IsoDay, ParsesStrictIsoDates) {
  ASSERT_TRUE(ms::parse_iso_day("2026-04-09").has_value());
  EXPECT_EQ(ms::format_iso_day(*ms::parse_iso_day("2026-04-09")), "2026-04-09");
  EXPECT_EQ(ms::format_iso_day(*ms::parse_iso_day("2024-02-29")), "2024-02-29");
  for (const char* bad : {"2027-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-4-9", "2026-04-9", "26-04-09",
                          " 2026-04-09", "2026-04-09 ", "2026/04/09", "2026-04-09T00:00", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(ms::parse_iso_day(bad).has_value()) << bad;
  }
}

TEST(Easter, KnownGregorianDates) {
  const std::pair<int, const char*> known[] = {{2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
                                               {2027, "2027-03-28"}, {2038, "2038-04-25"}, {2285, "2285-03-22"},
                                               {1818, "1818-03-22"}, {2000, "2000-04-23"}, {2019, "2019-04-21"}};
  for (const auto& [year, expected] : known) {
    EXPECT_EQ(ms::format_iso_day(sys_days(ms::easter_sunday(std::chrono::year{year}))), expected) << year;
  }
}

TEST(Easter, AlwaysASundayBetween22MarchAnd25April) {
  for (int y = 1583; y <= 4099; ++y) {
    const auto e = ms::easter_sunday(std::chrono::year{y});
    ASSERT_TRUE(e.ok()) << y;
    EXPECT_EQ(std::chrono::weekday{sys_days(e)}, std::chrono::Sunday) << y;
    const auto md = static_cast<unsigned>(e.month()) * 100 + static_cast<unsigned>(e.day());
    EXPECT_GE(md, 322u) << y;
    EXPECT_LE(md, 425u) << y;
  }
}

// --- shipped data ------------------------------------------------------------------------------

TEST(ShippedHolidays, LoadWithEveryNationSourced) {
  const auto& calendar = shipped();
  for (const char* nation : {"NLD", "BEL", "DEU", "POL", "LTU", "LVA", "EST", "FRA", "DNK", "CZE", "AUT", "LUX", "GBR",
                             "NOR", "SWE", "FIN"}) {
    SCOPED_TRACE(nation);
    ASSERT_TRUE(calendar.knows(nation));
    const ms::NationHolidays* n = calendar.find(nation);
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->source.rfind("http", 0), 0u);
    EXPECT_FALSE(n->name.empty());
    EXPECT_FALSE(n->rules.empty());
    EXPECT_TRUE(calendar.is_weekend(nation, day("2026-04-11")));  // a Saturday
    EXPECT_TRUE(calendar.is_weekend(nation, day("2026-04-12")));  // a Sunday
    EXPECT_FALSE(calendar.is_weekend(nation, day("2026-04-08")));
    EXPECT_TRUE(calendar.is_holiday(nation, day("2026-12-25")));  // Christmas everywhere
    for (int year = 2020; year <= 2040; ++year) {
      const auto list = calendar.holidays(nation, year);
      EXPECT_GE(list.size(), 8u) << year;
      EXPECT_TRUE(
          std::is_sorted(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.date < b.date; }));
      for (const auto& h : list) EXPECT_EQ(static_cast<int>(std::chrono::year_month_day{h.date}.year()), year);
    }
  }
  EXPECT_EQ(calendar.nations().size(), 16u);
}

TEST(ShippedHolidays, DataReadmeListsEveryNationWithItsSource) {
  std::ifstream in(std::string(MILMOB_DATA_DIR) + "/README.md");
  const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& n : shipped().nations()) {
    const auto row = readme.find("| " + n.nation + " |");
    ASSERT_NE(row, std::string::npos) << n.nation;
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    EXPECT_NE(line.find(n.source), std::string::npos) << n.nation << ": " << line;
  }
}

TEST(ShippedHolidays, DefaultLoadIsTheShippedData) {
  EXPECT_EQ(ms::HolidayCalendar::load_default().nations().size(), shipped().nations().size());
}

TEST(ShippedHolidays, GermanyNineNationwideHolidays2026) {
  const std::vector<std::string> expected = {"01-01 New Year's Day",      "04-03 Good Friday",   "04-06 Easter Monday",
                                             "05-01 Labour Day",          "05-14 Ascension Day", "05-25 Whit Monday",
                                             "10-03 Day of German Unity", "12-25 Christmas Day", "12-26 Boxing Day"};
  EXPECT_EQ(listed("DEU", 2026), expected);
  const auto list = shipped().holidays("DEU", 2026);
  EXPECT_EQ(list[1].local_name, "Karfreitag");
  EXPECT_FALSE(shipped().is_holiday("DEU", day("2026-06-04")));  // Corpus Christi: regional only
}

TEST(ShippedHolidays, NetherlandsKingsDayMovesOffSunday) {
  EXPECT_TRUE(shipped().is_holiday("NLD", day("2025-04-26")));  // 27 April 2025 was a Sunday
  EXPECT_FALSE(shipped().is_holiday("NLD", day("2025-04-27")));
  EXPECT_TRUE(shipped().is_holiday("NLD", day("2026-04-27")));  // a Monday
  EXPECT_FALSE(shipped().is_holiday("NLD", day("2026-04-26")));
  EXPECT_TRUE(shipped().is_holiday("NLD", day("2013-04-30")));  // the last Queen's Day
  EXPECT_FALSE(shipped().is_holiday("NLD", day("2014-04-30")));
  EXPECT_TRUE(shipped().is_holiday("NLD", day("2014-04-26")));  // first King's Day, 27th a Sunday
}

TEST(ShippedHolidays, EnglandBankHolidays2026) {
  // gov.uk/bank-holidays for England and Wales, 2026: Boxing Day on a Saturday -> Monday 28th.
  // The Saturday itself stays listed (substitute_if keeps the holiday and adds a day off);
  // gov.uk lists only the substitute. The working days are the same.
  const std::vector<std::string> expected = {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                                             "2026-08-31", "2026-12-25", "2026-12-26", "2026-12-28"};
  EXPECT_EQ(dates("GBR", 2026), expected);
  EXPECT_EQ(listed("GBR", 2026).back(), "12-28 Boxing Day (substitute day)");
  EXPECT_TRUE(shipped().holidays("GBR", 2026).back().substitute);
}

TEST(ShippedHolidays, EnglandSubstituteDaysAroundChristmasAndNewYear) {
  // Christmas on Saturday, Boxing Day on Sunday (2021): Monday 27th and Tuesday 28th.
  EXPECT_TRUE(shipped().is_holiday("GBR", day("2021-12-27")));
  EXPECT_TRUE(shipped().is_holiday("GBR", day("2021-12-28")));
  // Christmas on Sunday (2022): Boxing Day Monday 26th, Christmas substitute Tuesday 27th.
  const auto l2022 = listed("GBR", 2022);
  EXPECT_NE(std::find(l2022.begin(), l2022.end(), "12-26 Boxing Day"), l2022.end());
  EXPECT_NE(std::find(l2022.begin(), l2022.end(), "12-27 Christmas Day (substitute day)"), l2022.end());
  // New Year's Day on Saturday (2022) -> Monday 3 January; on Sunday (2023) -> Monday 2 January.
  EXPECT_TRUE(shipped().is_holiday("GBR", day("2022-01-03")));
  EXPECT_TRUE(shipped().is_holiday("GBR", day("2023-01-02")));
  EXPECT_FALSE(shipped().is_holiday("GBR", day("2023-01-03")));
}

TEST(ShippedHolidays, NordicMovableDays) {
  EXPECT_TRUE(shipped().is_holiday("SWE", day("2026-06-19")));  // Midsummer Eve: Friday 19-25 June
  EXPECT_TRUE(shipped().is_holiday("SWE", day("2026-06-20")));  // Midsummer Day
  EXPECT_TRUE(shipped().is_holiday("SWE", day("2025-06-20")));
  EXPECT_TRUE(shipped().is_holiday("SWE", day("2026-10-31")));   // All Saints' Day: Saturday 31 Oct-6 Nov
  EXPECT_TRUE(shipped().is_holiday("SWE", day("2026-06-06")));   // National Day
  EXPECT_FALSE(shipped().is_holiday("SWE", day("2026-05-25")));  // no Whit Monday since 2005
  EXPECT_TRUE(shipped().is_holiday("FIN", day("2026-06-19")));
  EXPECT_TRUE(shipped().is_holiday("NOR", day("2026-05-17")));
  EXPECT_TRUE(shipped().is_holiday("NOR", day("2026-04-02")));   // Maundy Thursday
  EXPECT_TRUE(shipped().is_holiday("DNK", day("2023-05-05")));   // Great Prayer Day, last one
  EXPECT_FALSE(shipped().is_holiday("DNK", day("2024-04-26")));  // abolished from 2024
}

TEST(ShippedHolidays, Lithuania2026) {
  const std::vector<std::string> expected = {
      "2026-01-01", "2026-02-16", "2026-03-11", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-03", "2026-06-07",
      "2026-06-24", "2026-07-06", "2026-08-15", "2026-11-01", "2026-11-02", "2026-12-24", "2026-12-25", "2026-12-26"};
  EXPECT_EQ(dates("LTU", 2026), expected);
  EXPECT_FALSE(shipped().is_holiday("LTU", day("2019-11-02")));  // All Souls' Day from 2020
}

TEST(ShippedHolidays, LatviaNextWorkingDayAfterWeekendStateHolidays) {
  EXPECT_TRUE(shipped().is_holiday("LVA", day("2024-05-06")));   // 4 May 2024 a Saturday
  EXPECT_TRUE(shipped().is_holiday("LVA", day("2025-05-05")));   // 4 May 2025 a Sunday
  EXPECT_TRUE(shipped().is_holiday("LVA", day("2018-11-19")));   // 18 November 2018 a Sunday
  EXPECT_FALSE(shipped().is_holiday("LVA", day("2026-05-05")));  // 4 May 2026 a Monday
  EXPECT_FALSE(shipped().is_working_day("LVA", day("2024-05-06")));
}

TEST(ShippedHolidays, PolandChristmasEveFrom2025AndEpiphanyFrom2011) {
  EXPECT_TRUE(shipped().is_holiday("POL", day("2025-12-24")));
  EXPECT_FALSE(shipped().is_holiday("POL", day("2024-12-24")));
  EXPECT_TRUE(shipped().is_holiday("POL", day("2026-06-04")));  // Corpus Christi
  EXPECT_TRUE(shipped().is_holiday("POL", day("2011-01-06")));
  EXPECT_FALSE(shipped().is_holiday("POL", day("2010-01-06")));
  EXPECT_EQ(shipped().holidays("POL", 2026).size(), 14u);
}

TEST(ShippedHolidays, OtherNationsSpotChecks2026) {
  EXPECT_TRUE(shipped().is_holiday("FRA", day("2026-05-08")));
  EXPECT_TRUE(shipped().is_holiday("FRA", day("2026-07-14")));
  EXPECT_FALSE(shipped().is_holiday("FRA", day("2026-04-03")));  // Good Friday only in Alsace-Moselle
  EXPECT_TRUE(shipped().is_holiday("BEL", day("2026-07-21")));
  EXPECT_EQ(shipped().holidays("BEL", 2026).size(), 10u);
  EXPECT_TRUE(shipped().is_holiday("LUX", day("2026-05-09")));
  EXPECT_TRUE(shipped().is_holiday("LUX", day("2026-06-23")));
  EXPECT_TRUE(shipped().is_holiday("AUT", day("2026-06-04")));  // Corpus Christi
  EXPECT_TRUE(shipped().is_holiday("AUT", day("2026-10-26")));
  EXPECT_EQ(shipped().holidays("AUT", 2026).size(), 13u);
  EXPECT_TRUE(shipped().is_holiday("CZE", day("2026-04-03")));  // Good Friday since 2016
  EXPECT_FALSE(shipped().is_holiday("CZE", day("2015-04-03")));
  EXPECT_TRUE(shipped().is_holiday("CZE", day("2026-09-28")));
  EXPECT_TRUE(shipped().is_holiday("EST", day("2026-02-24")));
  EXPECT_TRUE(shipped().is_holiday("EST", day("2026-06-23")));
}

// --- working days ------------------------------------------------------------------------------

TEST(WorkingDays, SkipWeekendsAndHolidays) {
  const auto& c = shipped();
  // Thursday before Easter 2026: Good Friday, the weekend and Easter Monday are skipped.
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("DEU", day("2026-04-02"), 3)), "2026-04-09");
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("DEU", day("2026-04-02"), 1)), "2026-04-07");
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("DEU", day("2026-04-02"), 0)), "2026-04-02");
  // Across a plain weekend: Friday + 1 = Monday; a Saturday start counts from 0 too.
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("DEU", day("2026-03-13"), 1)), "2026-03-16");
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("DEU", day("2026-03-14"), 1)), "2026-03-16");
  // Five working days from Monday 2026-12-21 in Poland: 24-26 December and the weekend are off.
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("POL", day("2026-12-21"), 5)), "2026-12-30");
  // Backwards: the third working day before Thursday 2026-04-09 is Thursday 2026-04-02.
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("DEU", day("2026-04-09"), -3)), "2026-04-02");
  // Across New Year in England, 2021 -> 2022: 27, 28 Dec and 3 Jan are substitutes.
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("GBR", day("2021-12-24"), 4)), "2022-01-04");
  EXPECT_FALSE(c.is_working_day("DEU", day("2026-04-03")));
  EXPECT_FALSE(c.is_working_day("DEU", day("2026-04-04")));
  EXPECT_TRUE(c.is_working_day("DEU", day("2026-04-07")));
}

TEST(WorkingDays, UnknownNationFallsBackToMondayToFriday) {
  const auto& c = shipped();
  EXPECT_FALSE(c.knows("XXX"));
  EXPECT_FALSE(c.knows("deu"));  // codes are upper case, as in places.yaml
  EXPECT_TRUE(c.holidays("XXX", 2026).empty());
  EXPECT_FALSE(c.is_holiday("XXX", day("2026-12-25")));
  EXPECT_TRUE(c.is_working_day("XXX", day("2026-12-25")));   // a Friday
  EXPECT_FALSE(c.is_working_day("XXX", day("2026-12-26")));  // a Saturday
  EXPECT_EQ(ms::format_iso_day(c.add_working_days("XXX", day("2026-04-02"), 3)), "2026-04-07");
}

// --- file errors -------------------------------------------------------------------------------

class BadHolidays : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("milmob_calendar_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& text) {
    const auto path = (dir_ / "holidays.yaml").string();
    std::ofstream(path) << text;
    return path;
  }
  // The message of the InputError that loading `text` throws; fails the test if none.
  std::string error_of(const std::string& text) {
    try {
      ms::HolidayCalendar::load(write(text));
    } catch (const milmob::InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no InputError for:\n" << text;
    return {};
  }
  std::string with(const std::string& from, const std::string& to) {
    std::string text = kGood;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  }

  static constexpr const char* kGood =
      "nations:\n"                                                                // 1
      "  - nation: DEU\n"                                                         // 2
      "    name: \"Germany\"\n"                                                   // 3
      "    source: \"https://www.gesetze-im-internet.de/einigvtr/art_2.html\"\n"  // 4
      "    weekend: [sat, sun]\n"                                                 // 5
      "    holidays:\n"                                                           // 6
      "      - name: \"Good Friday\"\n"                                           // 7
      "        easter: -2\n"                                                      // 8
      "      - name: \"Day of German Unity\"\n"                                   // 9
      "        date: \"10-03\"\n"                                                 // 10
      "      - name: \"Early May bank holiday\"\n"                                // 11
      "        nth_weekday: {month: 5, nth: 1, weekday: mon}\n"                   // 12
      "        substitute_if: [sat, sun]\n";                                      // 13

  std::filesystem::path dir_;
};

TEST_F(BadHolidays, AGoodFileLoads) {
  const auto c = ms::HolidayCalendar::load(write(kGood));
  EXPECT_TRUE(c.knows("DEU"));
  EXPECT_EQ(c.holidays("DEU", 2026).size(), 3u);
  EXPECT_TRUE(c.is_holiday("DEU", day("2026-05-04")));
}

TEST_F(BadHolidays, UnknownKey) {
  const std::string message = error_of(with("        easter: -2\n", "        easter: -2\n        weekdy: fri\n"));
  EXPECT_NE(message.find(dir_.string()), std::string::npos) << message;
  EXPECT_NE(
      message.find("holidays.yaml:9: nations[0].holidays[0].weekdy: unknown field; expected one of name, local, "
                   "date, easter, nth_weekday, weekday_on_or_after, moved_if, substitute_if, from_year, until_year, "
                   "source, notes (DEU, \"Good Friday\")"),
      std::string::npos)
      << message;
}

TEST_F(BadHolidays, UnknownNationKey) {
  const std::string message = error_of(with("    weekend: [sat, sun]\n", "    weekends: [sat, sun]\n"));
  EXPECT_NE(message.find("holidays.yaml:5: nations[0].weekends: unknown field; expected one of nation, name, source, "
                         "weekend, notes, holidays (DEU)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(
                "holidays.yaml:2: nations[0].weekend: missing; expected the weekly days off, such as [sat, sun] (DEU)"),
            std::string::npos)
      << message;
}

TEST_F(BadHolidays, BadDate) {
  const std::string message = error_of(with("\"10-03\"", "\"02-30\""));
  EXPECT_NE(
      message.find("holidays.yaml:10: nations[0].holidays[1].date: expected a month and day \"MM-DD\" that exists "
                   "every year, got '02-30' (DEU, \"Day of German Unity\")"),
      std::string::npos)
      << message;
  EXPECT_NE(error_of(with("\"10-03\"", "\"02-29\"")).find("got '02-29'"), std::string::npos);
  EXPECT_NE(error_of(with("\"10-03\"", "\"3 Oct\"")).find("got '3 Oct'"), std::string::npos);
}

TEST_F(BadHolidays, BadRuleKind) {
  // No rule at all.
  std::string message = error_of(with("        date: \"10-03\"\n", "        notes: \"no date\"\n"));
  EXPECT_NE(message.find("holidays.yaml:9: nations[0].holidays[1]: no rule for the date; expected exactly one of date, "
                         "easter, nth_weekday or weekday_on_or_after (DEU, \"Day of German Unity\")"),
            std::string::npos)
      << message;
  // Two rules.
  message = error_of(with("        easter: -2\n", "        easter: -2\n        date: \"04-03\"\n"));
  EXPECT_NE(
      message.find("holidays.yaml:9: nations[0].holidays[0].date: a second rule besides 'easter'; expected exactly "
                   "one of date, easter, nth_weekday or weekday_on_or_after (DEU, \"Good Friday\")"),
      std::string::npos)
      << message;
  // A rule with a bad weekday and an impossible n-th.
  message = error_of(with("{month: 5, nth: 1, weekday: mon}", "{month: 5, nth: 5, weekday: monday}"));
  EXPECT_NE(message.find("holidays.yaml:12: nations[0].holidays[2].nth_weekday.nth: expected the n-th weekday (-1 = "
                         "last), a whole number from -4 to 4, got '5' (DEU, \"Early May bank holiday\")"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("holidays.yaml:12: nations[0].holidays[2].nth_weekday.weekday: expected a weekday (mon, tue, "
                         "wed, thu, fri, sat or sun), got 'monday' (DEU, \"Early May bank holiday\")"),
            std::string::npos)
      << message;
  // An easter offset that is not a whole number.
  message = error_of(with("easter: -2", "easter: Friday"));
  EXPECT_NE(message.find("holidays.yaml:8: nations[0].holidays[0].easter: expected days from Easter Sunday, a whole "
                         "number from -100 to 100, got 'Friday' (DEU, \"Good Friday\")"),
            std::string::npos)
      << message;
}

TEST_F(BadHolidays, MissingSource) {
  const std::string message =
      error_of(with("    source: \"https://www.gesetze-im-internet.de/einigvtr/art_2.html\"\n", ""));
  EXPECT_NE(message.find("holidays.yaml:2: nations[0].source: missing; expected a public http(s) URL of an official "
                         "page listing the public holidays (DEU)"),
            std::string::npos)
      << message;
  const std::string not_url =
      error_of(with("\"https://www.gesetze-im-internet.de/einigvtr/art_2.html\"", "\"the law\""));
  EXPECT_NE(not_url.find("holidays.yaml:4: nations[0].source: expected a public http(s) URL, got 'the law' (DEU)"),
            std::string::npos)
      << not_url;
}

TEST_F(BadHolidays, AllErrorsAreReportedAtOnceInFileOrder) {
  const std::string message = error_of(
      "nations:\n"
      "  - nation: DEU\n"  // 2: no source
      "    name: \"Germany\"\n"
      "    weekend: [sat, sunday]\n"  // 4: bad weekday
      "    holidays:\n"
      "      - name: \"A\"\n"
      "        date: \"13-01\"\n"     // 7: bad date
      "        moved_if: {sun: 0}\n"  // 8: a move of 0 days
      "      - name: \"B\"\n"
      "        easter: 1\n"
      "        from_year: 2030\n"
      "        until_year: 2020\n"  // 9: until before from (reported at the holiday's line)
      "  - nation: DEU\n"           // 13: duplicate; no name, weekend or holidays
      "    source: \"https://example.org/\"\n");
  const char* expected[] = {
      "holidays.yaml:2: nations[0].source: missing",
      "holidays.yaml:4: nations[0].weekend[1]: expected a weekday",
      "holidays.yaml:7: nations[0].holidays[0].date: expected a month and day",
      "holidays.yaml:8: nations[0].holidays[0].moved_if.sun: expected days moved from -6 to 6, not 0",
      "holidays.yaml:9: nations[0].holidays[1].until_year: expected a year not before from_year 2030, got 2020",
      "holidays.yaml:13: nations[1].nation: duplicate nation 'DEU': already given at line 2",
      "holidays.yaml:13: nations[1].name: missing",
      "holidays.yaml:13: nations[1].weekend: missing",
      "holidays.yaml:13: nations[1].holidays: missing",
  };
  std::size_t last = 0;
  for (const char* e : expected) {
    const std::size_t at = message.find(e);
    ASSERT_NE(at, std::string::npos) << e << "\n" << message;
    EXPECT_GE(at, last) << "out of file order: " << e;
    last = at;
  }
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 8) << message;  // nine problems, one per line
}

TEST_F(BadHolidays, WholeWeekendAndMissingFile) {
  EXPECT_NE(error_of(with("[sat, sun]", "[mon, tue, wed, thu, fri, sat, sun]")).find("a week needs a working day"),
            std::string::npos);
  EXPECT_THROW(ms::HolidayCalendar::load((dir_ / "none.yaml").string()), milmob::InputError);
  EXPECT_NE(error_of("holidays: []\n").find("holidays.yaml:1: nations: expected a mapping with a 'nations' list"),
            std::string::npos);
}

}  // namespace
