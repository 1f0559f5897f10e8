package dev.cobra.http;

/** Who a bearer token belongs to. Admins can do everything; supervisors watch and steer; agents see their own work. */
public enum Role {
    ADMIN, SUPERVISOR, AGENT
}
