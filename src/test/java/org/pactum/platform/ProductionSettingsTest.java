package org.pactum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionSettingsTest {

    private static final Map<String, String> COMPLETE =
            Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:postgresql://db/pactum",
                    "QUARKUS_DATASOURCE_PASSWORD",
                    "p",
                    "PACTUM_MIGRATION_USERNAME",
                    "owner",
                    "PACTUM_MIGRATION_PASSWORD",
                    "o",
                    "PACTUM_SECURITY_ISSUER",
                    "https://kc/realms/p",
                    "PACTUM_SECURITY_JWKS_LOCATION",
                    "https://kc/realms/p/protocol/openid-connect/certs",
                    "PACTUM_KEYS_MASTER_SECRET_FILE",
                    "/run/secrets/master");

    @Test
    void aCompleteConfigurationIsAccepted() {
        assertThat(ProductionSettings.missing(COMPLETE::get, k -> null)).isEmpty();
    }

    @Test
    void nothingConfiguredNamesEverySetting() {
        List<String> missing = ProductionSettings.missing(k -> null, k -> null);
        assertThat(missing).hasSize(7);
        assertThat(String.join("\n", missing))
                .contains(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "PACTUM_SECURITY_ISSUER",
                        "PACTUM_SECURITY_JWKS_LOCATION",
                        "PACTUM_KEYS_MASTER_SECRET_FILE");
    }

    @Test
    void eachMissingSettingIsNamed() {
        for (String key : COMPLETE.keySet()) {
            Map<String, String> env = new HashMap<>(COMPLETE);
            env.remove(key);
            assertThat(ProductionSettings.missing(env::get, k -> null))
                    .singleElement()
                    .asString()
                    .startsWith(key);
        }
    }

    @Test
    void anInlineMasterSecretIsRefusedEvenBesideAFile() {
        Map<String, String> env = new HashMap<>(COMPLETE);
        env.put("PACTUM_KEYS_MASTER_SECRET", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==");
        List<String> missing = ProductionSettings.missing(env::get, k -> null);
        assertThat(missing)
                .singleElement()
                .asString()
                .startsWith("PACTUM_KEYS_MASTER_SECRET:")
                .contains("PACTUM_KEYS_MASTER_SECRET_FILE")
                .doesNotContain(env.get("PACTUM_KEYS_MASTER_SECRET"));
    }

    @Test
    void anInlineMasterSecretDoesNotStandInForTheFile() {
        Map<String, String> env = new HashMap<>(COMPLETE);
        env.remove("PACTUM_KEYS_MASTER_SECRET_FILE");
        env.put("PACTUM_KEYS_MASTER_SECRET", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==");
        assertThat(ProductionSettings.missing(env::get, k -> null))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).startsWith("PACTUM_KEYS_MASTER_SECRET_FILE:"));
    }

    @Test
    void theEmbeddedDefaultRunsOnlyOnItsOwnDatabaseAndNeverInProduction() {
        String url = "jdbc:postgresql://db.example/pactum";
        // The README's run command: Quarkus's own prod profile, nothing configured.
        assertThat(PactumMain.BootSettings.of("d", "prod", null).embedded()).isTrue();
        assertThat(PactumMain.BootSettings.of("d", "prod", "").embedded()).isTrue();
        assertThat(PactumMain.BootSettings.of("d", "dev", null).embedded()).isTrue();
        // An external database means production settings, whatever the profile is called.
        assertThat(PactumMain.BootSettings.of("d", "prod", url).embedded()).isFalse();
        assertThat(PactumMain.BootSettings.of("d", "dev", url).embedded()).isFalse();
        assertThat(PactumMain.BootSettings.of("d", "staging", url).embedded()).isFalse();
        assertThat(PactumMain.BootSettings.of("d", "production", null).embedded()).isFalse();
        assertThat(PactumMain.BootSettings.of("d", "production", url).embedded()).isFalse();
    }

    @Test
    void systemPropertiesCountToo() {
        Map<String, String> env = new HashMap<>(COMPLETE);
        env.remove("PACTUM_SECURITY_ISSUER");
        assertThat(
                        ProductionSettings.missing(
                                env::get,
                                k ->
                                        k.equals("pactum.security.issuer")
                                                ? "https://kc/realms/p"
                                                : null))
                .isEmpty();
    }
}
