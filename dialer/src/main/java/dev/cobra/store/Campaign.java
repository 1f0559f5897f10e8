package dev.cobra.store;

/** A campaign as stored: its numeric id, operator-facing code, name and compliance preset. */
public record Campaign(long id, String code, String name, String preset, String status) {}
