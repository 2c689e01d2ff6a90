package org.pactum.feed;

/** What a field means to the pipeline: which derivation or pseudonymisation step uses it. */
public enum FieldRole {
    PERSON_IDENTIFIER,
    LINKAGE_SURNAME,
    LINKAGE_FORENAME,
    DATE_OF_BIRTH,
    RECORD_REFERENCE,
    EVENT_DATE,
    EVENT_MONTH,
    AREA,
    LOCAL_AUTHORITY,
    AGE,
    AGE_BAND,
    SEX,
    ETHNICITY,
    ATTRIBUTE,
    FREE_TEXT
}
