/**
 * Metrics: the Prometheus registry (Micrometer) with JVM and process meters, and every Cobra meter name in
 * one place ({@link dev.cobra.metrics.CobraMeters}). Tags come only from small fixed sets (campaign, outcome,
 * pbx, state, reason): never phone numbers, documents, names or account ids.
 */
package dev.cobra.metrics;
