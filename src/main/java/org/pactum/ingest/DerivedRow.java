package org.pactum.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.pactum.feed.FeedField;
import org.pactum.pseudonym.PersonIds;

/**
 * One valid row's values placed by their fields' roles, with person identifiers and record
 * references already pseudonymised. Reused for every row of a submission (the next row overwrites
 * it), so raw linkage values live only until then.
 */
final class DerivedRow {

    private final List<FeedField> fields;
    private final String provider;
    private final PersonIds ids;

    /** Per field: the pseudonym scheme of a record reference (computed once). */
    private final String[] referenceScheme;

    String personId;
    String lsoa;
    String authority;
    String authorityField;
    String ageBand;
    String sex;
    String ethnicity;
    LocalDate eventDate;
    YearMonth eventMonth;
    LocalDate dateOfBirth;
    String dateOfBirthField;
    Integer age;
    private String surname;
    private String forename;
    final StringBuilder recordReference = new StringBuilder();
    final String[] attrNames;
    final Object[] attrValues;
    int attrCount;

    DerivedRow(List<FeedField> fields, String provider, PersonIds ids) {
        this.fields = fields;
        this.provider = provider;
        this.ids = ids;
        referenceScheme = new String[fields.size()];
        for (int i = 0; i < referenceScheme.length; i++) {
            referenceScheme[i] = provider + ":" + fields.get(i).name();
        }
        attrNames = new String[fields.size()];
        attrValues = new Object[fields.size()];
    }

    /** Places the parsed values (null: absent) of one row, by field. */
    void collect(Object[] parsed) {
        clear();
        for (int i = 0; i < parsed.length; i++) {
            if (parsed[i] != null) {
                place(i, fields.get(i), parsed[i]);
            }
        }
    }

    /** The composite linkage key, when the row has all four parts; null otherwise. */
    String linkageKey() {
        return surname != null && forename != null && dateOfBirth != null && sex != null
                ? DoorPseudonyms.linkageKey(ids, surname, forename, dateOfBirth, sex)
                : null;
    }

    private void place(int i, FeedField f, Object value) {
        switch (f.role()) {
            case PERSON_IDENTIFIER -> {
                String pseudonym = DoorPseudonyms.personId(ids, f, provider, (String) value);
                if (personId == null) {
                    personId = pseudonym;
                } else {
                    attr(f, pseudonym);
                }
            }
            case RECORD_REFERENCE -> {
                String reference = ids.identifier(referenceScheme[i], (String) value);
                attr(f, reference);
                recordReference.append(f.name()).append('=').append(reference).append(';');
            }
            case LINKAGE_SURNAME -> surname = (String) value;
            case LINKAGE_FORENAME -> forename = (String) value;
            case DATE_OF_BIRTH -> {
                dateOfBirth = (LocalDate) value;
                dateOfBirthField = f.name();
            }
            case EVENT_DATE -> {
                eventDate = value instanceof LocalDateTime t ? t.toLocalDate() : (LocalDate) value;
                eventMonth = YearMonth.from(eventDate);
            }
            case EVENT_MONTH -> eventMonth = (YearMonth) value;
            case AREA -> lsoa = (String) value;
            case LOCAL_AUTHORITY -> {
                authority = (String) value;
                authorityField = f.name();
            }
            case AGE -> age = (Integer) value;
            case AGE_BAND -> ageBand = (String) value;
            case SEX -> sex = (String) value;
            case ETHNICITY -> ethnicity = (String) value;
            case ATTRIBUTE -> attr(f, value);
            default -> {
                // FREE_TEXT is never stored: it may name people (DOMAIN.md: screened and dropped).
            }
        }
    }

    private void attr(FeedField f, Object value) {
        attrNames[attrCount] = f.name();
        attrValues[attrCount++] = value;
    }

    private void clear() {
        personId = null;
        lsoa = null;
        authority = null;
        authorityField = "local_authority";
        ageBand = null;
        sex = null;
        ethnicity = null;
        eventDate = null;
        eventMonth = null;
        dateOfBirth = null;
        dateOfBirthField = null;
        age = null;
        surname = null;
        forename = null;
        recordReference.setLength(0);
        attrCount = 0;
    }
}
