package org.pactum.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Small ingest limits, so the limit paths can be tested with small bodies. */
public class SmallLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pactum.ingest.max-body-bytes", "20000", "pactum.ingest.max-row-chars", "400", "quarkus.http.idle-timeout", "3S");
    }
}
