package org.pactum.platform;

import java.util.regex.Pattern;

/**
 * {@code Content-Disposition} for downloads. The file name is built from letters, digits, dots,
 * hyphens and underscores only, so no client that saves it under that name (generated clients do)
 * can be led out of its directory, and no quote or control character can end the header early.
 */
public final class Downloads {

    public static final String HEADER = "Content-Disposition";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]+");

    private Downloads() {}

    /** {@code attachment; filename="<stem>.<extension>"}, the stem reduced to safe characters. */
    public static String attachment(String stem, String extension) {
        return "attachment; filename=\"" + safeStem(stem) + "." + extension + "\"";
    }

    /** Letters, digits, hyphens and underscores (runs of others become one hyphen); never empty. */
    public static String safeStem(String stem) {
        String s = stem == null ? "" : UNSAFE.matcher(stem).replaceAll("-");
        s = s.replaceAll("^-+|-+$", "");
        if (s.length() > 100) {
            s = s.substring(0, 100);
        }
        return s.isEmpty() ? "pactum" : s;
    }
}
