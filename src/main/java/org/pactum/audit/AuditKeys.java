package org.pactum.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.pactum.platform.KeySource;
import org.pactum.pseudonym.KeyRing;

/**
 * The audit log's side of the keys: the checkpoint signer, derived from the master secret by the
 * key ring, and the audit entry for a newly generated master secret (never its value). Kept here so
 * that the key source in platform depends on no audit type.
 */
@ApplicationScoped
public class AuditKeys {

    @Inject KeySource keySource;

    @Inject AuditLog audit;

    // Taking the KeyRing here builds it at start-up, so a missing or malformed master secret stops
    // the start rather than the first push or release.
    void onStart(@Observes StartupEvent start, KeyRing keys) {
        if (keySource.generatedThisStart()) {
            QuarkusTransaction.requiringNew()
                    .run(
                            () ->
                                    audit.append(
                                            Actor.system("boot"),
                                            AuditEvent.allowed("key.master.generate", "key:master")
                                                    .with(
                                                            "derived",
                                                            List.of(
                                                                    "storage/person-id",
                                                                    "audit/head-signing/ed25519",
                                                                    "release/agreement/*"))));
        }
    }

    @Produces
    @Singleton
    HeadSigner headSigner(KeyRing keys) {
        return new HeadSigner() {
            @Override
            public String algorithm() {
                return "Ed25519";
            }

            @Override
            public String publicKeyPem() {
                return keys.headPublicKeyPem();
            }

            @Override
            public String sign(String message) {
                return keys.signHead(message);
            }
        };
    }
}
