package org.pactum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.console.ConsoleConfig;
import org.pactum.http.HttpConfig;
import org.pactum.security.DemoConfig;
import org.pactum.security.SecurityConfig;

/**
 * Each feature's @ConfigMapping refuses a bad value at startup with a message naming the setting,
 * built here the way Quarkus builds it: SmallRye Config with Hibernate Validator.
 */
class ConfigValidationTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private static final Map<String, String> SECURITY =
            Map.of(
                    "pactum.security.issuer", "https://id.example/realms/svd",
                    "pactum.security.audience", "pactum",
                    "pactum.security.org-claim", "org");

    static <T> T map(Class<T> mapping, Map<String, String> properties) {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder()
                        .withMapping(mapping)
                        .withSources(new PropertiesConfigSource(properties, "test", 100))
                        .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                        .build();
        return config.getConfigMapping(mapping);
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new HashMap<>(base);
        out.put(key, value);
        return out;
    }

    @Test
    void acceptsTheSecuritySettingsAsGiven() {
        SecurityConfig c =
                map(
                        SecurityConfig.class,
                        with(SECURITY, "pactum.security.issued-at-skew", "PT30S"));
        assertThat(c.issuer()).isEqualTo("https://id.example/realms/svd");
        assertThat(c.orgClaim()).isEqualTo("org");
        assertThat(c.issuedAtSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(map(SecurityConfig.class, SECURITY).issuedAtSkew())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesABlankOrganisationClaim() {
        assertThatThrownBy(
                        () ->
                                map(
                                        SecurityConfig.class,
                                        with(SECURITY, "pactum.security.org-claim", " ")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("pactum.security.org-claim");
    }

    @Test
    void refusesANegativeOrHugeClockSkew() {
        for (String skew : new String[] {"PT-1S", "PT11M"}) {
            assertThatThrownBy(
                            () ->
                                    map(
                                            SecurityConfig.class,
                                            with(SECURITY, "pactum.security.issued-at-skew", skew)))
                    .as(skew)
                    .isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining("pactum.security.issued-at-skew");
        }
        assertThat(
                        map(
                                        SecurityConfig.class,
                                        with(SECURITY, "pactum.security.issued-at-skew", "PT10M"))
                                .issuedAtSkew())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesADemoTokenLivingLongerThanADay() {
        assertThatThrownBy(() -> map(DemoConfig.class, Map.of("pactum.demo.token-lifetime", "P2D")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("pactum.demo.token-lifetime");
        assertThat(
                        map(DemoConfig.class, Map.of("pactum.demo.token-lifetime", "P1D"))
                                .tokenLifetime())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesNoUploadsInFlight() {
        assertThatThrownBy(
                        () -> map(HttpConfig.class, Map.of("pactum.http.uploads-in-flight", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("pactum.http.uploads-in-flight");
        assertThat(
                        map(HttpConfig.class, Map.of("pactum.http.uploads-in-flight", "1"))
                                .uploadsInFlight())
                .isEqualTo(1);
    }

    @Test
    void refusesAZeroConsoleTimeout() {
        assertThatThrownBy(
                        () ->
                                map(
                                        ConsoleConfig.class,
                                        Map.of("pactum.console.api-timeout-seconds", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("pactum.console.api-timeout-seconds");
    }
}
