package dev.cobra.http;

import dev.cobra.accounts.Mask;
import dev.cobra.compliance.Decision;
import dev.cobra.store.AgreementQueries;
import dev.cobra.store.AttemptQueries;
import dev.cobra.store.Database;
import dev.cobra.store.DebtorQueries;
import dev.cobra.store.DebtorStanding;
import dev.cobra.store.DueReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Debtors over HTTP, by the creditor's id (as imported):
 * <pre>
 * GET /api/debtors/{externalId}          the debtor, debts itemised, phones (numbers and document masked)
 * GET /api/debtors/{externalId}/history  attempts (outcome, disposition, agent, last IVR node), promises, agreements
 * GET /api/debtors/{externalId}/why      the compliance engine's decision now per campaign (?campaign=CODE for one),
 *                                        the same code path as {@code cobra why} ({@link DebtorStanding})
 * </pre>
 * Admins and supervisors see every debtor. An agent's token (its {@link Principal#agentId()} is the agent's login code,
 * {@code agents.code}) sees a debtor only if that agent took one of its calls ({@code call_attempts.agent_id =
 * agents.id}), and then its whole history, as the screen pop needs; any other debtor, existing or not, is 403, so a
 * token cannot probe which ids exist. The debtor's name is shown whole (agents greet the person); documents and phone
 * numbers are masked, and nothing personal is logged. Handlers run on the HTTP worker pool; thread-safe.
 */
public final class DebtorRoutes {
    static final Set<Role> ANY = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
    private static final int HISTORY_LIMIT = 200;

    private DebtorRoutes() {}

    public static List<Route> routes(Database db, Clock clock) {
        DebtorQueries debtors = new DebtorQueries(db);
        AttemptQueries attempts = new AttemptQueries(db);
        AgreementQueries agreements = new AgreementQueries(db);
        DebtorStanding standing = new DebtorStanding(db);
        List<Route> routes = new ArrayList<>();
        routes.add(Route.of("GET", "/api/debtors/{externalId}", ANY, r -> ApiJson.ok(view(debtor(debtors, r)))));
        routes.add(Route.of("GET", "/api/debtors/{externalId}/history", ANY, r -> {
            DebtorQueries.Debtor d = debtor(debtors, r);
            List<Map<String, Object>> promises = new ArrayList<>();
            for (DebtorQueries.Debt debt : d.debts()) {
                if (debt.promiseUntil() != null) {
                    promises.add(Map.of("account", debt.account(), "until", debt.promiseUntil()));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("debtor", d.externalId());
            out.put("attempts", attempts.find(new AttemptQueries.Filter(null, null, null, null, d.id(), HISTORY_LIMIT)));
            out.put("promises", promises);
            out.put("agreements", agreements.list(null, null, d.id(), HISTORY_LIMIT));
            return ApiJson.ok(out);
        }));
        routes.add(Route.of("GET", "/api/debtors/{externalId}/why", ANY, r -> {
            DebtorQueries.Debtor d = debtor(debtors, r);
            String campaign = r.queryParam("campaign");
            Instant now = clock.instant();
            DebtorStanding.Report report = standing.explain(d.externalId(), campaign, now)
                    .orElseThrow(() -> HttpError.notFound("no debtor '" + d.externalId() + "'"));
            if (campaign != null && report.campaigns().isEmpty()) {
                throw HttpError.notFound("debtor '" + d.externalId() + "' is not in campaign '" + campaign + "'");
            }
            List<Map<String, Object>> campaigns = new ArrayList<>();
            for (DebtorStanding.InCampaign in : report.campaigns()) {
                campaigns.add(standing(in, now));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("debtor", d.externalId());
            out.put("at", now);
            out.put("region", report.facts().region());
            out.put("phones", report.facts().phones().size());
            out.put("pastAttempts", report.facts().history().size());
            out.put("campaigns", campaigns);
            return ApiJson.ok(out);
        }));
        return routes;
    }

    /** The path's debtor if the caller may see it: 404 if unknown (403 to an agent), 403 if an agent never took its calls. */
    private static DebtorQueries.Debtor debtor(DebtorQueries debtors, HttpRequestContext r) {
        String external = r.pathParam("externalId");
        DebtorQueries.Debtor d = debtors.find(external).orElse(null);
        if (ApiParams.isAgent(r) && (d == null || !debtors.handledBy(d.id(), r.principal().agentId()))) {
            throw new HttpError(403, "an agent sees only debtors whose calls it took (this token is agent " + r.principal().agentId() + ")");
        }
        if (d == null) {
            throw HttpError.notFound("no debtor '" + external + "'");
        }
        return d;
    }

    private static Map<String, Object> view(DebtorQueries.Debtor d) {
        List<Map<String, Object>> debts = new ArrayList<>();
        BigDecimal open = BigDecimal.ZERO.setScale(2);
        for (DebtorQueries.Debt debt : d.debts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", debt.account());
            m.put("principal", debt.principal());
            m.put("interest", debt.interest());
            m.put("fees", debt.fees());
            m.put("total", debt.total());
            m.put("currency", debt.currency());
            m.put("dueDate", debt.dueDate());
            m.put("status", debt.status());
            m.put("promiseUntil", debt.promiseUntil());
            debts.add(m);
            if (debt.status().equals("open")) {
                open = open.add(debt.total());
            }
        }
        List<Map<String, Object>> phones = new ArrayList<>();
        for (DebtorQueries.Phone p : d.phones()) {
            phones.add(Map.of("id", p.id(), "number", Mask.digits(p.e164()), "type", p.type(), "priority", p.priority(),
                    "status", p.status()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("externalId", d.externalId());
        out.put("name", d.name());
        out.put("document", Mask.digits(d.document()));
        out.put("documentType", d.documentType());
        out.put("state", d.state());
        out.put("timeZone", d.timeZone());
        out.put("segment", d.segment());
        out.put("openTotal", open);
        out.put("debts", debts);
        out.put("phones", phones);
        return out;
    }

    private static Map<String, Object> standing(DebtorStanding.InCampaign in, Instant now) {
        DueReport.Membership m = in.membership();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaign", m.campaign());
        out.put("preset", m.preset());
        out.put("state", m.state());
        out.put("claims", m.claims());
        out.put("nextEligibleAt", m.nextEligibleAt());
        out.put("lastReason", m.lastReason());
        boolean leased = m.leaseNode() != null && m.leaseExpiresAt() != null && m.leaseExpiresAt().isAfter(now);
        out.put("inCallOnNode", leased ? m.leaseNode() : null);
        Decision d = in.decision();
        if (d == null) {
            out.put("error", "preset " + m.preset() + " cannot be loaded: " + in.presetError());
            return out;
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("allowed", d.allowed());
        decision.put("reason", d.reason().name().toLowerCase(Locale.ROOT));
        decision.put("nextEligible", d.nextEligible());
        decision.put("phoneId", d.phone() == null ? null : d.phone().phoneId());
        decision.put("detail", d.detail());
        decision.put("explain", d.explain());
        out.put("now", decision);
        return out;
    }
}
