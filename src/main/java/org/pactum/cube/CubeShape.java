package org.pactum.cube;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;
import org.pactum.feed.FieldType;

/**
 * The grain of a feed's cube: the columns a cell keeps. The fixed ones are those of feed_row under
 * the same names; a feed's categorical attributes (a closed code list or a boolean, so releasable
 * as a dimension) sit in the cell's {@code attrs} under their field names, with the row's own JSON
 * value, so {@code attrs->>'name'} reads the same over a cell as over a row.
 */
public final class CubeShape {

    /** The table of cells. */
    public static final String TABLE = "release_cube";

    /** The coarser table of cells: {@link #CORE_COLUMNS} only, summed from {@link #TABLE}. */
    public static final String CORE_TABLE = "release_cube_core";

    /** The columns of the coarser cube: the shape analysts ask for most. */
    public static final List<String> CORE_COLUMNS =
            List.of("event_month", "local_authority", "age_band", "sex");

    /** The feed_row columns a cell keeps as they are. */
    public static final List<String> COLUMNS =
            List.of("event_month", "local_authority", "age_band", "sex", "ethnicity");

    private CubeShape() {}

    /** The categorical attributes of a feed, in schema order. */
    public static List<String> attributes(FeedSchema schema) {
        List<String> out = new ArrayList<>();
        for (FeedField f : schema.fields()) {
            if (f.role() == FieldRole.ATTRIBUTE
                    && (f.codes() != null || f.type() == FieldType.BOOLEAN)) {
                out.add(f.name());
            }
        }
        return out;
    }

    /**
     * The column expressions (unaliased, as release SQL writes them after {@code alias.}) a cell of
     * this feed can answer: the fixed columns and {@code attrs->>'name'} per categorical attribute.
     */
    public static Set<String> expressions(FeedSchema schema) {
        Set<String> out = new TreeSet<>(COLUMNS);
        for (String a : attributes(schema)) {
            out.add("attrs->>'" + a + "'");
        }
        return out;
    }
}
