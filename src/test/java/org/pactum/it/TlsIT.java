package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import org.pactum.support.PactumProcess;

/** HTTPS with a configured certificate, and plain HTTP switched off, as the README documents. */
class TlsIT {

    @Test
    void servesHttpsWithTheConfiguredCertificateAndNoPlainHttp() throws Exception {
        Path dir = Path.of("target", "it-tls").toAbsolutePath();
        KeycloakProcess.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path keystore = dir.resolve("pactum.p12");
        Process keytool =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "pactum",
                                "-keyalg",
                                "RSA",
                                "-keysize",
                                "2048",
                                "-validity",
                                "2",
                                "-dname",
                                "CN=localhost",
                                "-ext",
                                "SAN=dns:localhost",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keystore.toString(),
                                "-storepass",
                                "it-only-secret")
                        .redirectErrorStream(true)
                        .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        int https = KeycloakProcess.freePort();
        Map<String, String> env =
                Map.of(
                        "QUARKUS_HTTP_SSL_PORT",
                        String.valueOf(https),
                        "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE",
                        keystore.toString(),
                        "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD",
                        "it-only-secret",
                        "QUARKUS_HTTP_INSECURE_REQUESTS",
                        "disabled");
        try (PactumProcess app =
                PactumProcess.startWhenReadyAt(
                        dir.resolve("data"), "384m", env, "https://localhost:" + https)) {
            HttpsURLConnection c =
                    (HttpsURLConnection)
                            URI.create("https://localhost:" + https + "/q/health/ready")
                                    .toURL()
                                    .openConnection();
            c.setSSLSocketFactory(PactumProcess.trustAll().getSocketFactory());
            assertThat(c.getResponseCode()).isEqualTo(200);
            X509Certificate served = (X509Certificate) c.getServerCertificates()[0];
            assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");

            HttpURLConnection plain =
                    (HttpURLConnection)
                            URI.create(app.url("/q/health/ready")).toURL().openConnection();
            assertThatThrownBy(plain::getResponseCode)
                    .isInstanceOf(IOException.class)
                    .satisfiesAnyOf(
                            e -> assertThat(e).isInstanceOf(ConnectException.class),
                            e -> assertThat(e).hasMessageContaining("refused"));
        }
    }
}
