package dev.cobra.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cobra.campaign.RunnerStats;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.MariaDbExtension;
import dev.cobra.ivr.flow.IvrOutcome;
import dev.cobra.pbx.PbxPool;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric the shipped Grafana dashboards and Prometheus alerting rules query exists in what Cobra serves on
 * /metrics (with every binder bound), and every Cobra meter name is queried by some panel.
 */
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

    /** The metric families a real process serves: every binder bound and fed once, as {@code cobra serve} wires them. */
    private static Set<String> exported(DbSettings settings) {
        Set<String> exported = new TreeSet<>();
        try (CobraMeters meters = new CobraMeters();
             Database db = new Database(settings, "dash", meters.registry())) {
            CampaignMeters.bind(meters.registry(), "demo", new RunnerStats(), () -> 0);
            AgentMeters agents = new AgentMeters(meters.registry(), Map::of);
            agents.handOff("demo", Duration.ofMillis(800));
            IvrMeters ivr = new IvrMeters(meters.registry(), id -> "demo");
            ivr.ended(OptionalLong.of(1), IvrOutcome.AGREEMENT, true);
            ivr.agreement(1, Currency.getInstance("BRL"), new BigDecimal("150.00"));
            PbxMeters.bind(meters.registry(), new PbxPool("pool", List.of(new PbxPool.Member(new SwitchedPbx("ast-1"), 10)),
                    Clock.systemUTC()));
            db.withConnection(c -> c.isValid(1));
            for (String line : meters.scrape().split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    exported.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return exported;
    }

    /** Every query of the shipped dashboards (panels and template variables), by file. */
    private static Map<String, List<String>> dashboardQueries() throws Exception {
        Map<String, List<String>> byFile = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("../config/grafana/dashboards"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                JsonNode dash = new ObjectMapper().readTree(f.toFile());
                List<String> exprs = new ArrayList<>();
                dash.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
                dash.path("templating").path("list").forEach(v -> exprs.add(v.path("query").asText()
                        .replaceAll("label_values\\(([a-z_0-9]+),.*", "$1")));
                byFile.put(f.getFileName().toString(), exprs);
            }
        }
        return byFile;
    }

    /** The alerting rules' expressions, by rule name. */
    private static Map<String, List<String>> alertQueries() throws Exception {
        Map<String, List<String>> byRule = new TreeMap<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../config/prometheus/alerts.yml").toFile());
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> byRule.put("alerts.yml " + r.path("alert").asText(),
                List.of(r.path("expr").asText()))));
        return byRule;
    }

    /** Each query's metric names that Cobra does not serve (Prometheus's own {@code up} aside), as "where: name in expr". */
    private static List<String> unserved(Map<String, List<String>> queries, Set<String> exported) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> q : queries.entrySet()) {
            for (String e : q.getValue()) {
                for (String name : metricNames(e)) {
                    if (!exported.contains(name) && !name.equals("up")) {
                        missing.add(q.getKey() + ": " + name + " in " + e);
                    }
                }
            }
        }
        return missing;
    }

    @Test
    void everyDashboardAndAlertQueryHasAMetricBehindIt(DbSettings settings) throws Exception {
        Set<String> exported = exported(settings);
        Map<String, List<String>> dashboards = dashboardQueries();
        int queries = dashboards.values().stream().mapToInt(List::size).sum();
        assertTrue(queries >= 30, "found " + queries + " dashboard queries");
        assertEquals(List.of(), unserved(dashboards, exported), "dashboard metrics not exported by Cobra");
        Map<String, List<String>> alerts = alertQueries();
        assertTrue(alerts.size() >= 5, "found " + alerts.keySet());
        assertEquals(List.of(), unserved(alerts, exported), "alert metrics not exported by Cobra");
    }

    @Test
    void everyCobraMeterHasAPanel() throws Exception {
        Set<String> queried = new TreeSet<>();
        dashboardQueries().values().forEach(exprs -> exprs.forEach(e -> queried.addAll(metricNames(e))));
        List<String> unshown = new ArrayList<>();
        for (Field f : MeterNames.class.getFields()) {
            String name = (String) f.get(null);
            if (!name.equals(MeterNames.PREFIX) && queried.stream().noneMatch(q -> q.startsWith(name + "_") || q.equals(name))) {
                unshown.add(name);
            }
        }
        assertEquals(List.of(), unshown, "meters no dashboard panel shows");
    }
}
