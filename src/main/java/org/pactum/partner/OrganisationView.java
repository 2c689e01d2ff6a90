package org.pactum.partner;

import java.util.List;

/** An organisation as partners see it. */
public record OrganisationView(
        String code, String name, OrganisationType type, List<String> areas) {

    static OrganisationView from(Organisation o) {
        return new OrganisationView(o.code, o.name, o.type, List.copyOf(o.areas));
    }
}
