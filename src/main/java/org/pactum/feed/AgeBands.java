package org.pactum.feed;

import java.util.List;

/**
 * The age bands Pactum derives and releases, fine enough for SNA slices (under 18, 18-24, the Home
 * Office's under-25 focus) and coarse enough not to single anyone out.
 */
public final class AgeBands {

    public static final List<String> ALL =
            List.of("0-9", "10-14", "15-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+");

    /** Bands wholly under 25: the Home Office serious violence success measures' victims. */
    public static final List<String> UNDER_25 = List.of("0-9", "10-14", "15-17", "18-24");

    private AgeBands() {}

    public static String of(int age) {
        if (age < 10) {
            return "0-9";
        } else if (age < 15) {
            return "10-14";
        } else if (age < 18) {
            return "15-17";
        } else if (age < 25) {
            return "18-24";
        } else if (age < 35) {
            return "25-34";
        } else if (age < 45) {
            return "35-44";
        } else if (age < 55) {
            return "45-54";
        } else if (age < 65) {
            return "55-64";
        }
        return "65+";
    }
}
