package org.pactum.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whether the current request has already put a denial in the trail, so a refusal that a service
 * audited in its own words is not recorded twice by the problem mapper.
 */
@RequestScoped
public class RequestDenials {

    private boolean recorded;

    void recorded() {
        recorded = true;
    }

    public boolean any() {
        return recorded;
    }
}
