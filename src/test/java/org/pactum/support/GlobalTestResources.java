package org.pactum.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every @QuarkusTest runs against the embedded default's PostgreSQL and keys. */
@WithTestResource(value = PactumTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {}
