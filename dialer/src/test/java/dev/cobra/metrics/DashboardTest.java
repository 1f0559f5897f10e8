package dev.cobra.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobra.campaign.RunnerStats;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.MariaDbExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every metric the shipped Grafana dashboards query exists in what Cobra serves on /metrics. */
@ExtendWith(MariaDbExtension.class)
class DashboardTest {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL functions, aggregations and keywords the dashboards use (anything else is a metric name). */
    private static final Set<String> PROMQL = Set.of("rate", "increase", "sum", "by", "without", "clamp_min", "avg", "max", "min",
            "histogram_quantile", "offset", "on", "ignoring", "group_left", "group_right", "and", "or", "unless");

    /** The metric names in a query: label matchers, grouping clauses, ranges and strings removed first. */
    static List<String> metricNames(String expr) {
        String e = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ").replaceAll("\"[^\"]*\"", " ");
        List<String> names = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String id = m.group();
            boolean function = e.substring(m.end()).stripLeading().startsWith("(");
            if (!PROMQL.contains(id) && !function) {
                names.add(id);
            }
        }
        return names;
    }

    @Test
    void extractsMetricNamesFromQueries() {
        assertEquals(List.of("hikaricp_connections_active"), metricNames("sum(hikaricp_connections_active)"));
        assertEquals(List.of("a_total", "b_total"), metricNames(
                "sum by (campaign) (increase(a_total{x=\"y\",z=~\"a|b\"}[1h])) / clamp_min(sum by (campaign) (b_total), 1)"));
    }

    @Test
    void everyDashboardQueryHasAMetricBehindIt(DbSettings settings) throws Exception {
        Set<String> exported = new TreeSet<>();
        try (CobraMeters meters = new CobraMeters();
             Database db = new Database(settings, "dash", meters.registry())) {
            CampaignMeters.bind(meters.registry(), "demo", new RunnerStats(), () -> 0);
            db.withConnection(c -> c.isValid(1));
            for (String line : meters.scrape().split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    exported.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        int queries = 0;
        try (Stream<Path> files = Files.list(Path.of("../config/grafana/dashboards"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                JsonNode dash = new ObjectMapper().readTree(f.toFile());
                List<String> exprs = new ArrayList<>();
                dash.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
                dash.path("templating").path("list").forEach(v -> exprs.add(v.path("query").asText()
                        .replaceAll("label_values\\(([a-z_0-9]+),.*", "$1")));
                for (String e : exprs) {
                    queries++;
                    for (String name : metricNames(e)) {
                        if (!exported.contains(name)) {
                            missing.add(f.getFileName() + ": " + name + " in " + e);
                        }
                    }
                }
            }
        }
        assertTrue(queries >= 8, "found " + queries + " queries");
        assertEquals(List.of(), missing, "dashboard metrics not exported by Cobra");
    }
}
