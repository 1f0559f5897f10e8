package dev.cobra.compliance;

/** Kind of line; informs rotation and reporting, not the calling window. */
public enum PhoneType {
    MOBILE,
    LANDLINE
}
