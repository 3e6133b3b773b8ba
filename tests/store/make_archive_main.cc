// make_archive DIR [MONTHS] [--clean]: writes the synthetic monthly archive
// (tests/store/archive_generator.h) into DIR, for benchmarks and by hand.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "tests/store/archive_generator.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_archive DIR [MONTHS] [--clean]\n");
    return 2;
  }
  sohoa::testing::GeneratorOptions o;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--clean") == 0) o.plant_faults = false;
    else o.months = std::atoi(argv[i]);
  }
  if (o.months < 1) {
    std::fprintf(stderr, "make_archive: MONTHS must be a positive number\n");
    return 2;
  }
  auto archive = sohoa::testing::GenerateArchive(o);
  if (!sohoa::testing::WriteArchive(archive, argv[1])) {
    std::fprintf(stderr, "make_archive: %s: cannot write files\n", argv[1]);
    return 3;
  }
  std::printf("make_archive: %zu reports, %zu planted faults in %s\n", archive.files.size(),
              archive.faults.size(), argv[1]);
  return 0;
}
