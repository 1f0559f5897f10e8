/**
 * The command line and the wiring: {@code main()} parses the verb, builds every component with
 * constructors (no container, no scanning) and runs it. The only package that knows all the others.
 */
package dev.cobra.app;
