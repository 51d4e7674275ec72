package dev.gantry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample the data-processing template generates when it gets no input ({@code
 * id,region,units,price}), computed in Java to check what the template computes with awk.
 */
record SampleData(int id, String region, int units, double price) {
  static final String HEADER = "id,region,units,price";

  static List<SampleData> rows(int n) {
    List<String> regions = List.of("north", "south", "east", "west");
    List<SampleData> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new SampleData(i, regions.get((i - 1) % 4), (i * 37) % 101, (i * 13) % 50 + 0.5));
    }
    return out;
  }

  String line() {
    return id + "," + region + "," + units + "," + price;
  }

  /** The result of {@code processing_type: aggregate} with the defaults (region, units). */
  static List<String> aggregateUnitsByRegion(List<SampleData> rows) {
    Map<String, int[]> groups = new TreeMap<>();
    for (SampleData s : rows) {
      int[] cs = groups.computeIfAbsent(s.region(), k -> new int[2]);
      cs[0]++;
      cs[1] += s.units();
    }
    List<String> out = new ArrayList<>(List.of("region,count,sum,mean"));
    groups.forEach(
        (region, cs) ->
            out.add(region + "," + cs[0] + "," + cs[1] + "," + fixed4((double) cs[1] / cs[0])));
    return out;
  }

  static String fixed4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
