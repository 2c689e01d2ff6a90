package org.pactum.console;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Renders a console page: the named template with what every page's frame needs (who is signed in,
 * the navigation for their roles, the form token).
 */
@RequestScoped
public class ConsolePages {

    /** The GOV.UK Frontend version served from its webjar (pom.xml's govuk-frontend.version). */
    public static final String GOVUK = "/webjars/govuk-frontend/5.10.2/dist/govuk";

    @Inject Engine engine;

    @Inject ConsoleSession session;

    /** A page for the signed-in user. */
    public TemplateInstance page(String template, String title) {
        ConsoleUser user = session.user();
        return frame(template, title).data("user", user).data("csrf", session.csrf());
    }

    /** A page that needs no sign-in (sign-in itself, errors). */
    public TemplateInstance open(String template, String title) {
        ConsoleUser user = session.token() == null ? null : safeUser();
        TemplateInstance t = frame(template, title).data("user", user);
        return user == null ? t.data("csrf", "") : t.data("csrf", session.csrf());
    }

    private ConsoleUser safeUser() {
        try {
            return session.user();
        } catch (SignInRequired e) {
            return null;
        }
    }

    private TemplateInstance frame(String template, String title) {
        return engine.getTemplate("console/" + template)
                .instance()
                .data("title", title)
                .data("govuk", GOVUK);
    }
}
