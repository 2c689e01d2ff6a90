package org.pactum.release;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Content negotiation between a default representation and one alternative. */
final class Accepts {

    private Accepts() {}

    /**
     * True when the caller's Accept ranks {@code alternative} above {@code fallback} (wildcards
     * pick the fallback).
     */
    static boolean prefers(HttpHeaders headers, String alternative, String fallback) {
        MediaType alt = MediaType.valueOf(alternative);
        MediaType def = MediaType.valueOf(fallback);
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(def)
                    && !accepted.isWildcardType()
                    && !accepted.isWildcardSubtype()) {
                return false;
            }
            if (accepted.isCompatible(alt)
                    && !accepted.isWildcardType()
                    && !accepted.isWildcardSubtype()) {
                return true;
            }
            if (accepted.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}
