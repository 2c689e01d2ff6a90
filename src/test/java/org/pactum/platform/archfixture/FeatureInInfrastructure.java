package org.pactum.platform.archfixture;

import org.pactum.disclosure.archfixture.FrameworkInPureCode;
import org.pactum.release.ReleaseService;

/**
 * A planted violation for ArchitectureTest: infrastructure reaching a feature, and a package cycle.
 */
public class FeatureInInfrastructure {
    ReleaseService release;
    FrameworkInPureCode cycle;
}
