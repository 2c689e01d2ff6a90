package org.pactum.console;

import io.quarkus.qute.TemplateData;
import java.util.Set;

/**
 * Who is signed in, read from the session token for display and navigation only: every page's data
 * comes from the API, which verifies the token itself and applies its rules.
 */
@TemplateData
public record ConsoleUser(String name, String organisation, Set<String> roles) {

    public boolean isIgLead() {
        return roles.contains("ig-lead");
    }

    public boolean isAnalyst() {
        return roles.contains("analyst");
    }

    public boolean isSubmitter() {
        return roles.contains("submitter");
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** The page each user starts on. */
    public String home() {
        if (isIgLead() || isAnalyst()) {
            return "/console/agreements";
        }
        if (isSubmitter()) {
            return "/console/submissions";
        }
        if (isAdmin()) {
            return "/console/admin/organisations";
        }
        return "/console/sign-in";
    }
}
