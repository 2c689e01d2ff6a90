package org.pactum.console;

import java.util.List;
import java.util.Map;

/**
 * A problem to show the user on an error page: the API's problem (title, detail and any line by
 * line errors) or one of the console's own refusals (an expired form, a missing page).
 */
public class ConsoleRefusal extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final List<Map<String, Object>> errors;
    private boolean ownDenial;

    public ConsoleRefusal(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ConsoleRefusal(
            int status, String title, String detail, List<Map<String, Object>> errors) {
        super(title, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = errors;
    }

    /**
     * A refusal the console itself makes (a forged form, a sign-in it cannot check), which the API
     * never saw: the console records it in the audit trail.
     */
    public static ConsoleRefusal denial(int status, String title, String detail) {
        ConsoleRefusal r = new ConsoleRefusal(status, title, detail);
        r.ownDenial = true;
        return r;
    }

    public boolean ownDenial() {
        return ownDenial;
    }

    public static ConsoleRefusal notFound() {
        return new ConsoleRefusal(
                404, "Page not found", "If you typed the web address, check it is correct.");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
