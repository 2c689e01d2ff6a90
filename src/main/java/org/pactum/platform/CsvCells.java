package org.pactum.platform;

/**
 * CSV cells safe to open in a spreadsheet: quoted when needed, and a leading =, +, -, @, tab or
 * carriage return is neutralised with an apostrophe (OWASP CSV injection).
 */
public final class CsvCells {

    private CsvCells() {}

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0
                || v.indexOf('"') >= 0
                || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
