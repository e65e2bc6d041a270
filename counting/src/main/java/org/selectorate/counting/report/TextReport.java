package org.selectorate.counting.report;

import java.util.Map;
import org.selectorate.counting.arith.Fixed;

/** The stage sheet a returning officer reads out: one block per stage, then the result. */
public final class TextReport {
    private TextReport() {
    }

    public static String write(CountReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Count: ").append(r.method()).append(", ").append(r.seats())
                .append(r.seats() == 1 ? " seat" : " seats").append('\n');
        r.options().forEach(o -> sb.append("  ").append(o).append('\n'));
        int width = r.stages().stream().flatMap(s -> s.tallies().keySet().stream())
                .mapToInt(String::length).max().orElse(10);
        for (Stage s : r.stages()) {
            sb.append("\nStage ").append(s.number()).append(": ").append(s.action()).append('\n');
            if (s.threshold() != null) {
                sb.append(String.format("  %-" + width + "s  %s%n", "(quota/threshold)", s.threshold()));
            }
            s.tallies().forEach((c, v) -> sb.append(String.format("  %-" + width + "s  %s%n", c, v)));
            s.inactive().forEach((why, v) -> {
                if (v.signum() != 0) {
                    sb.append(String.format("  %-" + width + "s  %s%n", "inactive: " + why, v));
                }
            });
            for (Map.Entry<String, Map<String, Fixed>> t : s.transfers().entrySet()) {
                if (t.getValue().isEmpty()) {
                    continue;
                }
                sb.append("  transfer from ").append(t.getKey()).append(':');
                t.getValue().forEach((to, v) -> sb.append(' ').append(to).append(" +").append(v).append(';'));
                sb.append('\n');
            }
            s.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
        }
        sb.append("\nElected: ").append(r.elected().isEmpty() ? "nobody" : String.join(", ", r.elected()))
                .append('\n');
        return sb.toString();
    }
}
