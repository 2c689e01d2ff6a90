package org.pactum.pseudonym;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * An Ed25519 key pair from a 32-byte private key (RFC 8032 section 5.1.5), through documented APIs:
 * the JDK takes the private key as an {@link EdECPrivateKeySpec}, and the public key, which the JDK
 * cannot compute from it, is computed here (A = [s]B, the reference arithmetic of RFC 8032 section
 * 6) and read as an X.509 SubjectPublicKeyInfo (RFC 8410). Pure: no framework types.
 */
public final class Ed25519Keys {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D =
            BigInteger.valueOf(-121665).multiply(inverse(BigInteger.valueOf(121666))).mod(P);
    private static final BigInteger SQRT_M1 =
            BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    private static final BigInteger[] BASE = basePoint();

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 section 4), before the 32 bytes. */
    private static final byte[] SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private Ed25519Keys() {}

    public static PrivateKey privateKey(byte[] privateKey) {
        check(privateKey);
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(
                            new EdECPrivateKeySpec(NamedParameterSpec.ED25519, privateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    public static PublicKey publicKey(byte[] privateKey) {
        byte[] encoded = publicKeyBytes(privateKey);
        byte[] spki = new byte[SPKI_PREFIX.length + encoded.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(encoded, 0, spki, SPKI_PREFIX.length, encoded.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** The 32-byte encoded public key of RFC 8032 section 5.1.5. */
    public static byte[] publicKeyBytes(byte[] privateKey) {
        check(privateKey);
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-512").digest(privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] lower = new byte[32];
        System.arraycopy(h, 0, lower, 0, 32);
        // Prune: clear the lowest three bits and the highest bit, set the second highest.
        BigInteger s = littleEndian(lower);
        s = s.and(BigInteger.ONE.shiftLeft(254).subtract(BigInteger.valueOf(8)));
        s = s.or(BigInteger.ONE.shiftLeft(254));
        return compress(multiply(s, BASE));
    }

    private static void check(byte[] privateKey) {
        if (privateKey == null || privateKey.length != 32) {
            throw new IllegalArgumentException("An Ed25519 private key is 32 bytes");
        }
    }

    // Points in extended homogeneous coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, xy = T/Z.

    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        BigInteger a = p[1].subtract(p[0]).multiply(q[1].subtract(q[0])).mod(P);
        BigInteger b = p[1].add(p[0]).multiply(q[1].add(q[0])).mod(P);
        BigInteger c = BigInteger.TWO.multiply(p[3]).multiply(q[3]).multiply(D).mod(P);
        BigInteger d = BigInteger.TWO.multiply(p[2]).multiply(q[2]).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new BigInteger[] {
            e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P)
        };
    }

    private static BigInteger[] multiply(BigInteger s, BigInteger[] point) {
        BigInteger[] q = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        BigInteger[] p = point;
        for (int i = 0; i < s.bitLength(); i++) {
            if (s.testBit(i)) {
                q = add(q, p);
            }
            p = add(p, p);
        }
        return q;
    }

    private static byte[] compress(BigInteger[] point) {
        BigInteger zInv = inverse(point[2]);
        BigInteger x = point[0].multiply(zInv).mod(P);
        BigInteger y = point[1].multiply(zInv).mod(P);
        BigInteger encoded = x.testBit(0) ? y.setBit(255) : y;
        byte[] big = encoded.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static BigInteger[] basePoint() {
        BigInteger y = BigInteger.valueOf(4).multiply(inverse(BigInteger.valueOf(5))).mod(P);
        BigInteger x = recoverX(y);
        return new BigInteger[] {x, y, BigInteger.ONE, x.multiply(y).mod(P)};
    }

    /** The even x of the curve point with this y (the base point's x is even). */
    private static BigInteger recoverX(BigInteger y) {
        BigInteger y2 = y.multiply(y);
        BigInteger x2 =
                y2.subtract(BigInteger.ONE).multiply(inverse(D.multiply(y2).add(BigInteger.ONE)));
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            x = x.multiply(SQRT_M1).mod(P);
        }
        return x.testBit(0) ? P.subtract(x) : x;
    }

    private static BigInteger inverse(BigInteger z) {
        return z.mod(P).modPow(P.subtract(BigInteger.TWO), P);
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            big[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, big);
    }
}
