package org.pactum.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.pactum.partner.NewOrganisation;

/**
 * The demo partnership: the West Midlands bodies of DOMAIN.md with their real ONS codes, read from
 * {@code demo/organisations.json}. Entirely synthetic in what it holds; only the names and area
 * codes are real.
 */
final class DemoPartnership {

    static final String ADMIN_ORGANISATION = "wm-vrp";

    /** The synthetic data's seed: the demo is the same on every laptop. */
    static final long SEED = 2023L;

    private static final List<NewOrganisation> ORGANISATIONS = read("/demo/organisations.json");

    private DemoPartnership() {}

    static List<NewOrganisation> organisations() {
        return ORGANISATIONS;
    }

    private static List<NewOrganisation> read(String path) {
        try (InputStream in = DemoPartnership.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No demo partnership at " + path);
            }
            return List.copyOf(
                    new ObjectMapper()
                            .readValue(in, new TypeReference<List<NewOrganisation>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("The demo partnership " + path + " is unreadable", e);
        }
    }
}
