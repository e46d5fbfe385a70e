#include "cli/commands.h"

int main(int argc, char** argv) { return milmob::cli::run(argc, argv); }
