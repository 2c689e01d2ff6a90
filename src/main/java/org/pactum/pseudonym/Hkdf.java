package org.pactum.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869). Pure: no framework types. */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LEN = 32;

    private Hkdf() {}

    public static byte[] derive(byte[] inputKey, byte[] salt, String info, int length) {
        return derive(inputKey, salt, info.getBytes(StandardCharsets.UTF_8), length);
    }

    public static byte[] derive(byte[] inputKey, byte[] salt, byte[] infoBytes, int length) {
        if (length <= 0 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF output length out of range");
        }
        byte[] prk = hmac(salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt, inputKey);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int filled = 0;
        for (int i = 1; filled < length; i++) {
            byte[] input = new byte[block.length + infoBytes.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(infoBytes, 0, input, block.length, infoBytes.length);
            input[input.length - 1] = (byte) i;
            block = hmac(prk, input);
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
