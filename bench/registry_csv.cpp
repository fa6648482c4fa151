// Writes a synthetic registry of N persons as a CSV file, for the import and search benchmarks:
// the demo community's shape scaled up (4 zones, 4 units a building, 25 households a unit).
//
// Usage: registry_csv N OUT.csv [SEED]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "domain/registry/demo.h"
#include "sheet/csv_writer.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: registry_csv N OUT.csv [SEED]\n");
    return 2;
  }
  const long persons = std::atol(argv[1]);
  cordon::registry::DemoShape shape;
  shape.zones = 4;
  shape.units_per_building = 4;
  shape.households_per_unit = 25;
  // About 2.5 persons a household, as in the demo community.
  const long households = persons * 2 / 5;
  shape.buildings_per_zone = static_cast<int>((households + 4 * 4 * 25 - 1) / (4 * 4 * 25));
  shape.persons = static_cast<int>(persons);
  shape.seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  // Every household gets a head: trim the shape so there are no more households than persons.
  while (static_cast<long>(shape.zones) * shape.buildings_per_zone * shape.units_per_building *
                 shape.households_per_unit >
             persons &&
         shape.households_per_unit > 1) {
    shape.households_per_unit -= 1;
  }
  auto sink = cordon::sheet::CreateCsv(argv[2]);
  if (!sink.ok()) {
    std::fprintf(stderr, "cannot write %s\n", argv[2]);
    return 1;
  }
  cordon::Status st;
  long rows = 0;
  cordon::registry::GenerateDemoRegistry(shape, cordon::CivilDate{2020, 3, 1},
                                         [&](const std::vector<std::string>& row) {
                                           if (st.ok()) {
                                             st = (*sink)->Write(row);
                                             ++rows;
                                           }
                                         });
  if (st.ok()) {
    st = (*sink)->Finish();
  }
  if (!st.ok()) {
    std::fprintf(stderr, "write failed: %s\n", st.error().code.c_str());
    return 1;
  }
  std::printf("%ld rows\n", rows - 1);
  return 0;
}
