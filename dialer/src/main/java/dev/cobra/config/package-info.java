/**
 * Typed configuration: {@code cobra.yaml} parsed into records, validated as a whole, every problem
 * reported with file, line and field ({@link dev.cobra.config.ConfigException}). Environment variables
 * {@code COBRA_DB_URL}, {@code COBRA_DB_USER}, {@code COBRA_DB_PASSWORD} and {@code COBRA_DATA_DIR} override
 * the file, so containers need no file at all; {@code ${NAME}} in a value is replaced by that variable.
 */
package dev.cobra.config;
