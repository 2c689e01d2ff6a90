package org.pactum.disclosure.archfixture;

import jakarta.enterprise.context.ApplicationScoped;
import org.pactum.platform.archfixture.FeatureInInfrastructure;

/**
 * A planted violation for ArchitectureTest: framework and infrastructure types in a pure library.
 */
@ApplicationScoped
public class FrameworkInPureCode {
    FeatureInInfrastructure other;
}
