package org.pactum.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * No cleartext HTTP/2 upgrade (h2c): every plain-HTTP connection stays HTTP/1.1 from its first byte
 * to its last, so {@link StrictFramingHandler} reads all of it. HTTP/2 remains available over TLS,
 * negotiated by ALPN, where its own framing applies. Clients that offer h2c are answered in
 * HTTP/1.1, as the upgrade mechanism allows.
 */
@ApplicationScoped
public class PlainHttp1Only implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
