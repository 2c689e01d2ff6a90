package org.pactum.feed;

/** How a field's text is checked at the door. */
public enum FieldType {
    STRING,
    INTEGER,
    BOOLEAN,
    DATE,
    DATETIME,
    MONTH,
    CODE,
    NHS_NUMBER,
    LSOA,
    LOCAL_AUTHORITY,
    FREE_TEXT
}
