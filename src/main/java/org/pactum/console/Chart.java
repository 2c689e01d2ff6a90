package org.pactum.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A released table drawn as an SVG bar or line chart, computed on the server (no script needed).
 * Suppressed cells are not drawn as values: a bar's place shows the marker, a line breaks.
 */
@TemplateData
public record Chart(
        String type,
        int width,
        int height,
        int left,
        int right,
        int bottom,
        List<Bar> bars,
        List<Line> lines,
        List<Tick> yTicks,
        List<Tick> xLabels) {

    @TemplateData
    public record Bar(
            double x,
            double y,
            double w,
            double h,
            double mid,
            String label,
            String value,
            boolean withheld) {

        /** Where a withheld cell's marker sits: just above the axis. */
        public double markerY() {
            return y - 4;
        }
    }

    @TemplateData
    public record Line(String name, String path, String colour, List<Point> points) {}

    @TemplateData
    public record Point(double x, double y, String value) {}

    @TemplateData
    public record Tick(double x, double y, String text) {}

    static final String[] COLOURS = {
        "#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#912b88", "#b58840"
    };
    private static final int W = 900;
    private static final int H = 380;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 110;
    private static final int MAX_BARS = 120;

    /** A line chart if asked and a month or quarter is among the dimensions, else bars. */
    public static Chart of(
            String wanted, List<String> dimensions, List<Map<String, Object>> cells) {
        String time =
                dimensions.contains("month")
                        ? "month"
                        : dimensions.contains("quarter") ? "quarter" : null;
        if ("line".equals(wanted) && time != null) {
            return line(time, dimensions, cells);
        }
        return bars(dimensions, cells);
    }

    private static Chart bars(List<String> dimensions, List<Map<String, Object>> cells) {
        List<Map<String, Object>> shown =
                cells.size() > MAX_BARS ? cells.subList(0, MAX_BARS) : cells;
        long max = max(shown);
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double slot = plotW / Math.max(1, shown.size());
        List<Bar> bars = new ArrayList<>();
        List<Tick> labels = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Map<String, Object> cell = shown.get(i);
            Number count = (Number) cell.get("count");
            double h = count == null ? 0 : plotH * count.longValue() / max;
            double x = LEFT + i * slot + slot * 0.1;
            bars.add(
                    new Bar(
                            round(x),
                            round(TOP + plotH - h),
                            round(slot * 0.8),
                            round(h),
                            round(x + slot * 0.4),
                            key(dimensions, cell),
                            count == null ? marker(cell) : count.toString(),
                            count == null));
            labels.add(new Tick(round(x + slot * 0.4), H - BOTTOM + 14, key(dimensions, cell)));
        }
        return new Chart(
                "bar", W, H, LEFT, W - RIGHT, H - BOTTOM, bars, List.of(), yTicks(max), labels);
    }

    private static Chart line(
            String time, List<String> dimensions, List<Map<String, Object>> cells) {
        TreeSet<String> periods = new TreeSet<>();
        Map<String, Map<String, Map<String, Object>>> series = new LinkedHashMap<>();
        List<String> others = dimensions.stream().filter(d -> !d.equals(time)).toList();
        for (Map<String, Object> cell : cells) {
            String period = keyMap(cell).get(time);
            periods.add(period);
            String name = others.isEmpty() ? "count" : key(others, cell);
            series.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(period, cell);
        }
        List<String> xs = new ArrayList<>(periods);
        long max = max(cells);
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double step = plotW / Math.max(1, xs.size() - 1);
        List<Line> lines = new ArrayList<>();
        int s = 0;
        for (var e : series.entrySet()) {
            StringBuilder path = new StringBuilder();
            List<Point> points = new ArrayList<>();
            boolean pen = false;
            for (int i = 0; i < xs.size(); i++) {
                Map<String, Object> cell = e.getValue().get(xs.get(i));
                Number count = cell == null ? null : (Number) cell.get("count");
                if (count == null) {
                    pen = false;
                    continue;
                }
                double x = round(LEFT + (xs.size() == 1 ? plotW / 2 : i * step));
                double y = round(TOP + plotH - plotH * count.longValue() / max);
                path.append(pen ? " L" : " M").append(x).append(' ').append(y);
                points.add(new Point(x, y, count.toString()));
                pen = true;
            }
            lines.add(
                    new Line(
                            e.getKey(),
                            path.toString().trim(),
                            COLOURS[s++ % COLOURS.length],
                            points));
        }
        List<Tick> labels = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            labels.add(
                    new Tick(
                            round(LEFT + (xs.size() == 1 ? plotW / 2 : i * step)),
                            H - BOTTOM + 14,
                            xs.get(i)));
        }
        return new Chart(
                "line", W, H, LEFT, W - RIGHT, H - BOTTOM, List.of(), lines, yTicks(max), labels);
    }

    private static List<Tick> yTicks(long max) {
        List<Tick> ticks = new ArrayList<>();
        double plotH = H - TOP - BOTTOM;
        for (int i = 0; i <= 5; i++) {
            long v = max * i / 5;
            ticks.add(new Tick(LEFT - 8, round(TOP + plotH - plotH * v / max), Long.toString(v)));
        }
        return ticks;
    }

    private static long max(List<Map<String, Object>> cells) {
        long max = 0;
        for (Map<String, Object> c : cells) {
            if (c.get("count") instanceof Number n) {
                max = Math.max(max, n.longValue());
            }
        }
        return niceCeiling(max);
    }

    /**
     * 1, 2 or 5 times a power of ten, at least {@code v} and at least 5: five whole-number steps.
     */
    static long niceCeiling(long v) {
        long p = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= Math.max(5, v)) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> keyMap(Map<String, Object> cell) {
        return (Map<String, String>) cell.get("key");
    }

    static String key(List<String> dimensions, Map<String, Object> cell) {
        List<String> parts = new ArrayList<>();
        for (String d : dimensions) {
            String v = keyMap(cell).get(d);
            parts.add(v == null ? "all" : v);
        }
        return String.join(" / ", parts);
    }

    /**
     * What a cell without a released count is called: the API shows 0 and 1 to threshold-1 alike,
     * as one marker, so the console names no range.
     */
    static String marker(Map<String, Object> cell) {
        return "below threshold";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
