package org.pactum.pseudonym;

/** NHS number normalisation and its modulus 11 check digit (NHS Data Dictionary). */
public final class NhsNumbers {

    private NhsNumbers() {}

    /**
     * The ten digits with spaces and hyphens removed; other characters are kept, so validation
     * fails on them.
     */
    public static String digits(String raw) {
        StringBuilder out = new StringBuilder(10);
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch != ' ' && ch != '-') {
                out.append(ch);
            }
        }
        return out.toString();
    }

    public static boolean valid(String raw) {
        String d = digits(raw);
        if (d.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char ch = d.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
            sum += (ch - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        char last = d.charAt(9);
        return check != 10 && last >= '0' && last <= '9' && (last - '0') == check;
    }
}
