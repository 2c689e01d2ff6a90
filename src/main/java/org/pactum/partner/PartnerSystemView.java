package org.pactum.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A partner system. {@code clientSecret} is present only in the onboarding response, once: Pactum
 * does not keep it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerSystemView(
        String clientId,
        String organisation,
        String description,
        String status,
        Instant createdAt,
        Instant disabledAt,
        String clientSecret,
        String tokenEndpoint) {

    static PartnerSystemView from(PartnerSystem s) {
        return new PartnerSystemView(
                s.clientId,
                s.organisation,
                s.description,
                s.status,
                s.createdAt,
                s.disabledAt,
                null,
                null);
    }

    PartnerSystemView withSecret(String secret, String tokenEndpoint) {
        return new PartnerSystemView(
                clientId,
                organisation,
                description,
                status,
                createdAt,
                disabledAt,
                secret,
                tokenEndpoint);
    }
}
