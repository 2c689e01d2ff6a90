package org.pactum.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Small ingest limits, so the limit paths can be tested with small bodies. */
public class SmallLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // Above the demo's monthly extracts (about 35 KB; this profile may be the first to start
        // and seed), below the tests' bodies.
        return Map.of(
                "pactum.ingest.max-body-bytes",
                "1000000",
                "pactum.ingest.max-row-chars",
                "400",
                "pactum.ingest.max-fields",
                "20",
                "quarkus.http.idle-timeout",
                "3S",
                // A push of more cells than this builds its cube from its stored rows.
                "pactum.ingest.cube-max-cells",
                "20");
    }
}
