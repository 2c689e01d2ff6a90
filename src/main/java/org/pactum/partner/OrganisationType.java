package org.pactum.partner;

/** The bodies of the Duty (PCSC Act 2022 Part 2) and the VRU that coordinates them. */
public enum OrganisationType {
    POLICE,
    LOCAL_AUTHORITY,
    HEALTH,
    PROBATION,
    YOUTH_JUSTICE,
    FIRE_AND_RESCUE,
    EDUCATION,
    PRISON,
    YOUTH_CUSTODY,
    VRU
}
