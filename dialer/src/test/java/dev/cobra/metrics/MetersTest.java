package dev.cobra.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.agents.AgentPool;
import dev.cobra.agents.AgentState;
import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.ivr.flow.IvrOutcome;
import dev.cobra.pbx.PbxPool;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The binders against a real Prometheus registry: what a scrape shows. */
class MetersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC);

    /** The value of one exposition line, e.g. {@code cobra_pbx_up{pbx="a"}}; fails when the series is missing. */
    static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }

    @Test
    void agentsByStateComeFromTheSnapshotTheCoreThreadPublished() {
        try (CobraMeters meters = new CobraMeters()) {
            AtomicReference<Map<AgentState, Integer>> published = new AtomicReference<>(Map.of());
            new AgentMeters(meters.registry(), published::get);
            assertEquals(0, value(meters.scrape(), "cobra_agents{state=\"ready\"}"));

            AgentPool pool = new AgentPool(CLOCK, Duration.ofSeconds(20), Set.of("lunch"));
            pool.login("ag-1", Set.of("c1"));
            pool.login("ag-2", Set.of("c1"));
            pool.pause("ag-2", "lunch");
            pool.login("ag-3", Set.of("c1"));
            pool.assign(new CallId("c1-1"), "c1");
            published.set(AgentMeters.countByState(pool.agents()));

            String scrape = meters.scrape();
            assertEquals(1, value(scrape, "cobra_agents{state=\"on_call\"}"));
            assertEquals(1, value(scrape, "cobra_agents{state=\"paused\"}"));
            assertEquals(1, value(scrape, "cobra_agents{state=\"ready\"}"));
            assertEquals(0, value(scrape, "cobra_agents{state=\"wrap_up\"}"));
        }
    }

    @Test
    void handOffLatencyFallsIntoTheServiceLevelBuckets() {
        try (CobraMeters meters = new CobraMeters()) {
            AgentMeters agents = new AgentMeters(meters.registry(), Map::of);
            agents.handOff("c1", Duration.ofMillis(200));
            agents.handOff("c1", Duration.ofMillis(1500));
            agents.handOff("c1", Duration.ofMillis(2000));
            agents.handOff("c1", Duration.ofSeconds(3));
            String scrape = meters.scrape();
            assertEquals(1, value(scrape, "cobra_handoff_seconds_bucket{campaign=\"c1\",le=\"0.25\"}"));
            assertEquals(1, value(scrape, "cobra_handoff_seconds_bucket{campaign=\"c1\",le=\"1.0\"}"));
            assertEquals(3, value(scrape, "cobra_handoff_seconds_bucket{campaign=\"c1\",le=\"2.0\"}"), "2 s is within the rule");
            assertEquals(4, value(scrape, "cobra_handoff_seconds_bucket{campaign=\"c1\",le=\"5.0\"}"));
            assertEquals(4, value(scrape, "cobra_handoff_seconds_count{campaign=\"c1\"}"));
            assertEquals(6.7, value(scrape, "cobra_handoff_seconds_sum{campaign=\"c1\"}"), 1e-9);
            assertThrows(IllegalArgumentException.class, () -> agents.handOff("c1", Duration.ofMillis(-1)));
        }
    }

    @Test
    void ivrOutcomesAndAgreementsCountPerCampaignFromZero() {
        try (CobraMeters meters = new CobraMeters()) {
            IvrMeters ivr = new IvrMeters(meters.registry(), id -> id == 7 ? "cobranca-nov" : "c" + id);
            ivr.ended(OptionalLong.of(7), IvrOutcome.WRONG_PARTY, false);
            ivr.agreement(7, Currency.getInstance("BRL"), new BigDecimal("1237.50"));
            ivr.agreement(7, Currency.getInstance("BRL"), new BigDecimal("100.25"));
            ivr.ended(OptionalLong.of(7), IvrOutcome.AGREEMENT, true);
            ivr.ended(OptionalLong.empty(), IvrOutcome.NO_DEBT, false);
            String scrape = meters.scrape();
            assertEquals(1, value(scrape, "cobra_ivr_calls_total{campaign=\"cobranca-nov\",outcome=\"wrong_party\"}"));
            assertEquals(1, value(scrape, "cobra_ivr_calls_total{campaign=\"cobranca-nov\",outcome=\"agreement\"}"));
            assertEquals(0, value(scrape, "cobra_ivr_calls_total{campaign=\"cobranca-nov\",outcome=\"hung_up\"}"), "registered at zero");
            assertEquals(1, value(scrape, "cobra_ivr_calls_total{campaign=\"none\",outcome=\"no_debt\"}"));
            assertEquals(1, value(scrape, "cobra_ivr_right_party_confirmed_total{campaign=\"cobranca-nov\"}"));
            assertEquals(2, value(scrape, "cobra_agreements_total{campaign=\"cobranca-nov\"}"));
            assertEquals(1337.75, value(scrape, "cobra_agreements_amount_brl_total{campaign=\"cobranca-nov\"}"), 1e-9);
        }
    }

    @Test
    void eachPbxOfThePoolShowsItsConnectionState() {
        SwitchedPbx a = new SwitchedPbx("ast-1");
        SwitchedPbx b = new SwitchedPbx("ast-2");
        PbxPool pool = new PbxPool("pool", List.of(new PbxPool.Member(a, 10), new PbxPool.Member(b, 10)), CLOCK);
        try (CobraMeters meters = new CobraMeters()) {
            PbxMeters.bind(meters.registry(), pool);
            b.up = false;
            pool.originate(new CallRequest(new CallId("c1-1"), "+5511987654321", "+551130000000", Duration.ofSeconds(20),
                    Map.of(), new Destination.Hold()));
            String scrape = meters.scrape();
            assertEquals(1, value(scrape, "cobra_pbx_up{pbx=\"ast-1\"}"));
            assertEquals(0, value(scrape, "cobra_pbx_up{pbx=\"ast-2\"}"));
            assertEquals(1, value(scrape, "cobra_pbx_calls{pbx=\"ast-1\"}"));
            assertEquals(0, value(scrape, "cobra_pbx_originates_refused_total{pbx=\"pool\"}"));
            assertFalse(scrape.contains("987654321"), "no phone number in metrics");
            a.up = false;
            assertTrue(meters.scrape().contains("cobra_pbx_up{pbx=\"ast-1\"} 0"));
        }
    }
}
