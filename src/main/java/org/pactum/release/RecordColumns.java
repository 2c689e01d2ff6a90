package org.pactum.release;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.FieldAction;
import org.pactum.agreement.FieldRuleFit;
import org.pactum.agreement.Generalisation;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.feed.Classification;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;

/**
 * The columns of a record extract: only fields the agreement permits, at its generalisation. Person
 * ids are re-keyed with the agreement's own key; a field the agreement does not name is dropped.
 */
final class RecordColumns {

    /**
     * An output column, its SQL over feed_row, and whether its value is a pseudonym to re-key.
     *
     * @param field the feed field it releases (its classification decides the risk control)
     * @param ladder how the risk control may coarsen it, if the agreement allows
     */
    record Column(String name, String sql, boolean rekey, String field, Ladder ladder) {

        Column(String name, String sql, boolean rekey) {
            this(name, sql, rekey, name, Ladder.NONE);
        }

        Column of(FeedField f, Ladder l) {
            return new Column(name, sql, rekey, f.name(), l);
        }
    }

    /** The coarser forms a released value has. */
    enum Ladder {
        NONE,
        DATE,
        MONTH,
        QUARTER,
        AGE_BAND
    }

    private RecordColumns() {}

    static List<Column> permitted(FeedSchema schema, ReleaseGrant grant) {
        List<Column> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        boolean primaryId = false;
        for (FeedField f : schema.fields()) {
            AgreementContent.FieldRule rule = grant.rule(f.name());
            if (rule.action() == FieldAction.DROP || !FieldRuleFit.fits(f, rule)) {
                continue; // a rule that cannot be carried out as written releases nothing
            }
            Column c;
            if (f.role() == FieldRole.PERSON_IDENTIFIER) {
                c = personId(f, rule, primaryId);
                primaryId |= c != null;
            } else {
                c = column(f, rule);
            }
            if (c != null && names.add(c.name())) {
                out.add(c.of(f, ladder(c)));
            }
        }
        return out;
    }

    /**
     * A person identifier is released only as a pseudonym re-keyed for the agreement: the first
     * from its stored column, any other from the row's attributes.
     */
    private static Column personId(
            FeedField f, AgreementContent.FieldRule rule, boolean primaryIdTaken) {
        if (rule.action() != FieldAction.PSEUDONYMISE) {
            return null;
        }
        return primaryIdTaken
                ? new Column(f.name(), "a.attrs->>'" + f.name() + "'", true)
                : new Column(f.name(), "a.person_id", true);
    }

    /** The column of any other field at the agreement's generalisation; null if never released. */
    private static Column column(FeedField f, AgreementContent.FieldRule rule) {
        boolean allow = rule.action() == FieldAction.ALLOW;
        return switch (f.role()) {
            case EVENT_DATE, EVENT_MONTH -> eventColumn(f, rule);
            case AREA ->
                    allow
                            ? new Column(f.name(), "a.lsoa", false)
                            : new Column("local_authority", "a.local_authority", false);
            case LOCAL_AUTHORITY -> new Column("local_authority", "a.local_authority", false);
            case DATE_OF_BIRTH, AGE, AGE_BAND -> new Column("age_band", "a.age_band", false);
            case SEX -> new Column(f.name(), "a.sex", false);
            case ETHNICITY -> new Column(f.name(), "a.ethnicity", false);
            case ATTRIBUTE ->
                    allow ? new Column(f.name(), "a.attrs->>'" + f.name() + "'", false) : null;
            // Linkage names, record references and free text are never released.
            default -> null;
        };
    }

    private static Column eventColumn(FeedField f, AgreementContent.FieldRule rule) {
        if (rule.action() == FieldAction.ALLOW && f.role() == FieldRole.EVENT_DATE) {
            return new Column(f.name(), "to_char(a.event_date, 'YYYY-MM-DD')", false);
        }
        return generalised(rule, Generalisation.QUARTER)
                ? new Column("event_quarter", "to_char(a.event_month, 'YYYY-\"Q\"Q')", false)
                : new Column("event_month", "to_char(a.event_month, 'YYYY-MM')", false);
    }

    /**
     * Sorts the released columns for the risk control: quasi-identifiers (fields classified QI, and
     * those the parties add) and sensitive fields (classified S, not already quasi-identifiers).
     * Re-keyed person ids are neither: they are per-agreement pseudonyms.
     */
    static void classify(
            FeedSchema schema,
            List<Column> columns,
            List<String> added,
            List<Integer> quasi,
            List<Integer> sensitive) {
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.rekey()) {
                continue;
            }
            Classification cl = schema.field(c.field()).map(FeedField::classification).orElse(null);
            if (cl == Classification.QI || added.contains(c.field())) {
                quasi.add(i);
            } else if (cl == Classification.S) {
                sensitive.add(i);
            }
        }
    }

    private static Ladder ladder(Column c) {
        return switch (c.name()) {
            case "event_month" -> Ladder.MONTH;
            case "event_quarter" -> Ladder.QUARTER;
            case "age_band" -> Ladder.AGE_BAND;
            default -> c.sql().contains("a.event_date") ? Ladder.DATE : Ladder.NONE;
        };
    }

    private static boolean generalised(AgreementContent.FieldRule rule, Generalisation to) {
        return rule.action() == FieldAction.GENERALISE && rule.to() == to;
    }
}
