package org.assistx.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The end of {@code bench/run}: reads the load phases ({@code points.csv}) and the bare pipeline's limit,
 * draws throughput and p99 against offered load ({@code bench.png}, XChart), and prints the RESULT line:
 * round trips per second at saturation, the limit, their ratio, and p50/p99 at the fixed offered rate.
 */
public final class BenchReport {

    record Row(String phase, double offered, double accepted, double roundTrips, double duringLoad, double p50,
            double p99) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Args.parse(args);
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(o.get("points")), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        double limit = Double.parseDouble(o.get("limit"));
        Row saturation = rows.stream().filter(r -> r.phase().equals("saturation")).findFirst().orElseThrow();
        Row fixed = rows.stream().filter(r -> r.phase().equals("fixed")).findFirst().orElseThrow();
        if (o.containsKey("png")) {
            plot(rows, limit, Path.of(o.get("png")), o.getOrDefault("title", "AssistX Gateway"));
            System.out.println("report: plot written to " + o.get("png"));
        }
        System.out.printf(Locale.ROOT, "RESULT e2e=%.1f limit=%.1f ratio=%.4f p50ms=%.0f p99ms=%.0f rate=%.0f%n",
                saturation.roundTrips(), limit, saturation.roundTrips() / limit, fixed.p50(), fixed.p99(),
                fixed.offered());
    }

    static void plot(List<Row> rows, double limit, Path png, String title) throws Exception {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(Row::offered));
        double[] offered = sorted.stream().mapToDouble(Row::offered).toArray();
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("offered load (requests/s; closed loop: accepted/s)").yAxisTitle("per second").build();
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        XYSeries roundTrips = chart.addSeries("round trips/s (to the last answer)", offered,
                sorted.stream().mapToDouble(Row::roundTrips).toArray());
        roundTrips.setMarker(SeriesMarkers.CIRCLE);
        XYSeries duringLoad = chart.addSeries("answers stored during the load /s", offered,
                sorted.stream().mapToDouble(Row::duringLoad).toArray());
        duringLoad.setMarker(SeriesMarkers.TRIANGLE_UP);
        XYSeries accepted = chart.addSeries("accepted/s (202)", offered,
                sorted.stream().mapToDouble(Row::accepted).toArray());
        accepted.setMarker(SeriesMarkers.DIAMOND);
        XYSeries p99 = chart.addSeries("p99 POST → answer stored (ms, right axis)", offered,
                sorted.stream().mapToDouble(r -> Double.isNaN(r.p99()) ? 0 : r.p99()).toArray());
        p99.setYAxisGroup(1);
        p99.setMarker(SeriesMarkers.SQUARE);
        chart.setYAxisGroupTitle(1, "p99 latency (ms)");
        chart.setYAxisGroupTitle(0, "per second");
        chart.setTitle(title + String.format(Locale.ROOT, " — bare pipeline limit %.0f round trips/s", limit));
        BitmapEncoder.saveBitmap(chart, png.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }
}
