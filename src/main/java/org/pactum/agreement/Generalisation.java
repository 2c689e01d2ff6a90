package org.pactum.agreement;

/** The coarser form a GENERALISE rule releases. */
public enum Generalisation {
    AGE_BAND,
    MONTH,
    QUARTER,
    LOCAL_AUTHORITY
}
