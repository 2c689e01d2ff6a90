package org.pactum.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Rules for witness cosignatures (C2SP tlog-cosignature, cosignature/v1). Pure. */
final class Witnessing {

    private Witnessing() {}

    /** The key name a party's witness signs under: its organisation code. */
    static String keyName(String organisation) {
        return organisation;
    }

    static boolean cosignatureValid(
            AuditTree.Witness witness,
            AuditTree.Cosignature cosigned,
            SignedNote.Checkpoint checkpoint) {
        try {
            String line = cosigned.line();
            SignedNote.SignatureLine parsed =
                    SignedNote.parseSignatureLine(
                            line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
            byte[] bytes = parsed.signature();
            if (bytes.length != 8 + 64
                    || !parsed.name().equals(witness.keyName())
                    || !Arrays.equals(
                            parsed.keyId(),
                            SignedNote.keyId(
                                    witness.keyName(),
                                    SignedNote.COSIGNATURE_V1,
                                    witness.publicKey()))) {
                return false;
            }
            long timestamp = ByteBuffer.wrap(bytes, 0, 8).getLong();
            return timestamp == cosigned.timestamp()
                    && SignedNote.verifyEd25519(
                            witness.publicKey(),
                            SignedNote.cosignedMessage(timestamp, checkpoint.body())
                                    .getBytes(StandardCharsets.UTF_8),
                            Arrays.copyOfRange(bytes, 8, bytes.length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
