package org.pactum.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The demo issuer's RSA key pair, kept in the embedded default's data directory. The private key
 * file is owner-only (0600). The production profile never reads these files, so a token signed with
 * them is rejected there (its key is not in the configured JWKS).
 */
public final class DemoKeys {

    public static final String PRIVATE_KEY_FILE = "demo-issuer-private.pem";
    public static final String PUBLIC_KEY_FILE = "demo-issuer-public.pem";

    private DemoKeys() {}

    public static void ensure(Path dataDirectory) {
        Path privateFile = dataDirectory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dataDirectory.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            SecretFiles.write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not create the demo issuer key pair", e);
        }
    }

    public static PrivateKey privateKey(Path dataDirectory) {
        try {
            String pem = Files.readString(dataDirectory.resolve(PRIVATE_KEY_FILE));
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The demo issuer private key is unreadable", e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
