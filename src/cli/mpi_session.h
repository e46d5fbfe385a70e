#pragma once
// MPI for the commands that spread runs over processes (`sweep`). Built with MPI when CMake
// finds it (option MILMOB_MPI); without it, or when the process was not started by mpirun/srun
// (no launcher variables in the environment: MPI is then not initialised at all, which keeps a
// plain `milmob sweep` fast and quiet), there is one rank.
#include <cstddef>
#include <vector>

namespace milmob::cli {

class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool active() const { return active_; }
  // Rank 0 receives every rank's values, in rank order; other ranks get an empty vector.
  std::vector<double> gather(const std::vector<double>& local) const;
  // Sum of a value over all ranks, on every rank.
  double sum(double value) const;

 private:
  int rank_ = 0, size_ = 1;
  bool active_ = false;
};

// Whether a launcher (mpirun, srun) started this process as one of several.
bool launched_by_mpi();

}  // namespace milmob::cli
