/**
 * Compliance: may this debtor be called now, on which phone, and if not, why and when. Pure
 * functions of (facts, policy, now): no clock is read, no I/O, no default time zone.
 *
 * <h2>Owns</h2>
 * <ul>
 *   <li>{@link dev.cobra.compliance.ComplianceEngine}: {@code decide(DebtorFacts, Instant)} before
 *       every dial and {@code afterAttempt(...)} when a lease is released; a
 *       {@link dev.cobra.compliance.Decision} carries a {@link dev.cobra.compliance.SkipReason}
 *       (a metric tag), plain words, the next eligible instant (the earliest allowed one) and the
 *       zones it was computed in; {@code Decision.explain()} is the text of {@code cobra why}.
 *   <li>The facts the store hands in ({@link dev.cobra.compliance.DebtorFacts} and friends) and the
 *       {@link dev.cobra.compliance.DoNotCallList} port, checked at dial time.
 *   <li>{@link dev.cobra.compliance.Policy} and the presets in {@code config/compliance/} (read by
 *       {@link dev.cobra.compliance.PresetLoader}); campaign overrides may tighten, and loosen only
 *       when the field is named explicitly (reported for logging).
 *   <li>Zones: Brazil's 67 DDDs to UF and IANA zone, US area codes to zones, UK.
 *   <li>Holidays: Brazil's national ones for any year (Easter by the anonymous Gregorian
 *       algorithm), state ones per UF, configured ones.
 *   <li>{@link dev.cobra.compliance.ShortCallRule}: Anatel's short-call throttle per caller ID and day.
 * </ul>
 *
 * <h2>Rules and sources (numbers live in the presets, each with its source beside it)</h2>
 * <ul>
 *   <li>Windows in the debtor's local time: BR São Paulo Lei 15.426/2014 art. 2 (Mon–Fri 08–20,
 *       Sat 08–14, no holidays), used as the national default; RJ Lei 4.896/2006 art. 1-A (Lei
 *       7.853/2018: Mon–Fri 08–18); US Reg F 12 CFR 1006.6(b)(1)(i) (08–21); UK FCA CONC 7.9
 *       (no unreasonable times; 08–21 practice). CDC (Lei 8.078/1990) arts. 42 and 71 underlie all
 *       Brazilian limits.
 *   <li>Zone ambiguity: when the debtor's state and the phone's area code disagree, or the area
 *       spans zones, a time is allowed only if it is allowed in every candidate zone (the rule
 *       Reg F's commentary to 1006.6(b)(1)(i) states for unknown locations).
 *   <li>Caps: Reg F 1006.14(b)(2): 7 calls in 7 days, none within 7 days after a conversation;
 *       Ofcom persistent-misuse policy (2016): no redial within 72 h of an abandoned call, abandon
 *       rate at most 3% per campaign per 24 h, ring at least 15 s; TCPA 47 CFR 64.1200(a)(6)–(7).
 *   <li>Anatel's medida cautelar on short calls (2022, revised 2024): >= 100,000 calls a day
 *       with >= 85% lasting <= 6 s gets the caller blocked; we throttle before.
 * </ul>
 * Rolling windows (24 h, 7 × 24 h) are used for caps, counted by attempt start.
 *
 * <h2>Wiring (store and campaign runner)</h2>
 * <pre>{@code
 * Policy policy = PresetLoader.builtIn("BR").tighten(campaignOverrides).policy(); // log loosenings()
 * ComplianceEngine engine = new ComplianceEngine(policy, doNotCallSnapshot);
 * Decision d = engine.decide(facts, clock.instant());          // before every dial
 * if (d.allowed()) dial(d.phone()); else release(debtor, d.nextEligible(), d.reason().tag());
 * Decision after = engine.afterAttempt(facts, finishedAttempt); // store after.nextEligible()
 * String text = engine.why(facts, clock.instant());             // cobra why DEBTOR
 * }</pre>
 * A null {@code nextEligible} means "never under this policy": the reason says why
 * ({@code NEXT_STAGE}: hand to {@code policy.cadence().nextStage()}).
 *
 * <h2>Must not import</h2>
 * {@code java.sql}, {@code io.netty}, {@code org.asteriskjava}, {@code io.micrometer}, logging,
 * or other Cobra packages except the shared call vocabulary {@code dev.cobra.calls}
 * ({@link dev.cobra.calls.CallOutcome}, {@link dev.cobra.calls.Disposition}). Jackson is used only
 * by {@link dev.cobra.compliance.PresetLoader}. Every type here is immutable and thread-safe.
 */
package dev.cobra.compliance;
