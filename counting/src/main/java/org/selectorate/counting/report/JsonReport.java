package org.selectorate.counting.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.io.Json;

/** The report as JSON, votes as decimal strings, keys in a fixed order (byte-for-byte repeatable). */
public final class JsonReport {
    private JsonReport() {
    }

    public static String write(CountReport r) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"method\": ").append(Json.quote(r.method())).append(",\n");
        sb.append("  \"seats\": ").append(r.seats()).append(",\n");
        sb.append("  \"options\": ").append(strings(r.options())).append(",\n");
        sb.append("  \"elected\": ").append(strings(r.elected())).append(",\n");
        sb.append("  \"stages\": [");
        for (int i = 0; i < r.stages().size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append(stage(r.stages().get(i)));
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static String stage(Stage s) {
        return "    {\"stage\": " + s.number()
                + ", \"action\": " + Json.quote(s.action())
                + ",\n     \"tallies\": " + votes(s.tallies())
                + ",\n     \"threshold\": " + (s.threshold() == null ? "null" : Json.quote(s.threshold().toString()))
                + ",\n     \"inactive\": " + votes(s.inactive())
                + ",\n     \"transfers\": " + s.transfers().entrySet().stream()
                        .map(e -> Json.quote(e.getKey()) + ": " + votes(e.getValue()))
                        .collect(Collectors.joining(", ", "{", "}"))
                + ",\n     \"elected\": " + strings(s.elected())
                + ", \"excluded\": " + strings(s.excluded())
                + ", \"notes\": " + strings(s.notes())
                + (s.channels().isEmpty() ? "" : ",\n     \"channels\": " + s.channels().entrySet().stream()
                        .map(e -> Json.quote(e.getKey()) + ": {\"tallies\": " + votes(e.getValue().tallies())
                                + ", \"inactive\": " + votes(e.getValue().inactive()) + "}")
                        .collect(Collectors.joining(", ", "{", "}")))
                + "}";
    }

    private static String votes(Map<String, Fixed> m) {
        return m.entrySet().stream()
                .map(e -> Json.quote(e.getKey()) + ": " + Json.quote(e.getValue().toString()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String strings(List<String> l) {
        return l.stream().map(Json::quote).collect(Collectors.joining(", ", "[", "]"));
    }
}
