package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram of the server's /metrics at one moment. The difference of two readings describes
 * what happened between them, which is how a benchmark phase reads the server's own view (for
 * example the time from commit to the hand-off to the sockets) without instrumenting it.
 */
record PromHistogram(List<Double> bounds, List<Double> cumulative, double sum, double count) {

    static PromHistogram read(String metrics, String name) {
        List<Double> bounds = new ArrayList<>();
        List<Double> cumulative = new ArrayList<>();
        Matcher b = Pattern.compile("(?m)^" + Pattern.quote(name) + "_bucket\\{le=\"([^\"]+)\"} (\\S+)").matcher(metrics);
        while (b.find()) {
            bounds.add(b.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(b.group(1)));
            cumulative.add(Double.parseDouble(b.group(2)));
        }
        return new PromHistogram(bounds, cumulative, value(metrics, name + "_sum"), value(metrics, name + "_count"));
    }

    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    PromHistogram minus(PromHistogram earlier) {
        List<Double> c = new ArrayList<>();
        for (int i = 0; i < cumulative.size(); i++) {
            c.add(cumulative.get(i) - (i < earlier.cumulative.size() ? earlier.cumulative.get(i) : 0));
        }
        return new PromHistogram(bounds, c, sum - earlier.sum, count - earlier.count);
    }

    double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** The upper bound of the bucket holding the p-th fraction: "p99 at most this". */
    double percentileBound(double p) {
        for (int i = 0; i < bounds.size(); i++) {
            if (cumulative.get(i) >= p * count) {
                return bounds.get(i);
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
