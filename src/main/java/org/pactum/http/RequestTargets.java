package org.pactum.http;

/** How a refused request is named in the audit trail: method and path, bounded in length. */
final class RequestTargets {

    private static final int MAX = 200;

    private RequestTargets() {}

    static String shortPath(String path) {
        return path.length() > MAX ? path.substring(0, MAX) : path;
    }
}
