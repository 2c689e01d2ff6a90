/** Fixtures that break the architecture rules on purpose; imported only by ArchitectureTest. */
package org.pactum.archfixture;
