package org.pactum.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pactum.partner.NewOrganisation;
import org.pactum.security.DemoIssuer;
import org.pactum.security.Roles;

/**
 * The demo identities: one submitter, analyst and IG lead per demo organisation, and the
 * partnership administrator. Their tokens go to demo-tokens.json, and the console's demo sign-in
 * lists them.
 */
final class DemoIdentities {

    private DemoIdentities() {}

    static List<DemoIssuer.Identity> all() {
        List<DemoIssuer.Identity> all = new ArrayList<>();
        all.add(
                new DemoIssuer.Identity(
                        "admin",
                        "demo-admin",
                        DemoPartnership.ADMIN_ORGANISATION,
                        Set.of(Roles.ADMIN)));
        for (NewOrganisation o : DemoPartnership.organisations()) {
            for (String role : new String[] {Roles.SUBMITTER, Roles.ANALYST, Roles.IG_LEAD}) {
                String name = o.code() + "-" + role;
                all.add(new DemoIssuer.Identity(name, "demo-" + name, o.code(), Set.of(role)));
            }
        }
        return all;
    }

    /** The organisation's name, for the sign-in list. */
    static String organisationName(String code) {
        return DemoPartnership.organisations().stream()
                .filter(o -> o.code().equals(code))
                .map(NewOrganisation::name)
                .findFirst()
                .orElse(code);
    }
}
