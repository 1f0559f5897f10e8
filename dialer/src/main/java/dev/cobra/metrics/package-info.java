/**
 * Metrics: the Prometheus registry (Micrometer) with JVM and process meters, and every Cobra meter name in
 * one place ({@link dev.cobra.metrics.MeterNames}); the binders {@code CampaignMeters},
 * {@code AgentMeters}, {@code IvrMeters} and {@code PbxMeters} read core state at scrape time or take recordings
 * through small methods, so core packages never import Micrometer. Tags come only from small fixed sets (campaign, outcome,
 * pbx, state, reason): never phone numbers, documents, names or account ids.
 */
package dev.cobra.metrics;
