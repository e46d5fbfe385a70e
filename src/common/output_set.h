#pragma once
// A set of output files (a plan's plan.json, CSVs, GeoPackage, report) that replaces the set
// from an earlier run as a whole (docs/planning.md "Outputs"):
//
// The files are written into a staging directory beside the output directory
// (PARENT/.NAME.milmob-new.PID), each fsynced. If the output directory does not exist, the
// staging directory is renamed to it; if it holds only milmob's own outputs, the two are
// exchanged in one step (renameat2 RENAME_EXCHANGE) and the old set removed. A reader, or a
// run killed at any moment, then sees the old set or the new one, never a mix. When the
// directory holds other files too (the user's), or the file system cannot exchange, each file is
// renamed into place on its own: every file is whole, old or new, but a kill between two
// renames leaves some old and some new. Leftovers of a killed run (its process gone) are removed
// by the next run into the same directory.
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace milmob {

class OutputSet {
 public:
  // `ours`: every file name milmob writes to such a directory (of this command or another), so
  // that a directory holding only those counts as milmob's. InputError if nothing can be staged.
  OutputSet(std::string dir, std::vector<std::string> ours);
  ~OutputSet();  // removes the staged files unless committed
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  // Calls write(path) with where file `name` of the set is written now, for writers that take a
  // path (GDAL); errors naming that path name `name` in the output directory instead.
  void write_path(const std::string& name, const std::function<void(const std::string&)>& write);
  // Writes file `name` of the set.
  void write(const std::string& name, const std::function<void(std::ostream&)>& write);
  void write(const std::string& name, const std::string& text);
  // Puts the set in place. InputError naming the directory if it cannot.
  void commit();

 private:
  std::string staged(const std::string& name);
  bool only_ours() const;
  void rename_each();

  std::string dir_, parent_, staging_;
  bool beside_ = true;  // staging in the parent (exchangeable) or inside the directory
  bool in_cwd_ = false;  // the output directory is the current directory: never exchanged
  bool committed_ = false;
  std::vector<std::string> ours_, names_;
};

}  // namespace milmob
