package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pactum.feed.Classification;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;
import org.pactum.feed.FieldType;
import org.pactum.partner.OrganisationType;
import org.pactum.pseudonym.PersonIds;

/**
 * What a data subject request computes from supplied identifiers must be what the door stored: the
 * same scheme, the same normalisation, the same refusals.
 */
class DoorPseudonymsTest {

    private static final byte[] KEY =
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final PersonIds IDS = new PersonIds(KEY);

    private static FeedField id(String name, FieldType type, String pattern, String scheme) {
        return new FeedField(
                name,
                type,
                Classification.DI,
                FieldRole.PERSON_IDENTIFIER,
                true,
                null,
                null,
                null,
                pattern,
                "",
                scheme);
    }

    private static final FeedField LOCAL =
            id("victim_id", FieldType.STRING, "[A-Za-z0-9-]{1,40}", null);
    private static final FeedField UPN = id("upn", FieldType.STRING, "[A-Z]\\d{11}[0-9A-Z]", "upn");
    private static final FeedField NHS = id("nhs_number", FieldType.NHS_NUMBER, null, null);

    /** HMAC-SHA256 truncated to 128 bits, base64url: computed here, not by the class under test. */
    private static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    @Test
    void aLocalIdentifierIsKeyedUnderTheProvidersOwnScheme() throws Exception {
        assertThat(DoorPseudonyms.personIdOf(IDS, LOCAL, "wm-police", " ab-1 "))
                .contains(hmac("wm-police:person:AB-1"));
        assertThat(DoorPseudonyms.personIdOf(IDS, LOCAL, "other-force", "AB-1"))
                .contains(hmac("other-force:person:AB-1"));
    }

    @Test
    void aNationalIdentifierIsOneSchemeWhoeverProvidesIt() throws Exception {
        assertThat(DoorPseudonyms.personIdOf(IDS, UPN, "birmingham-education", "A12345678901B"))
                .contains(hmac("upn:A12345678901B"))
                .isEqualTo(
                        DoorPseudonyms.personIdOf(IDS, UPN, "dudley-education", "A12345678901B"));
        assertThat(DoorPseudonyms.nhsNumberOf(IDS, "943 476 5919"))
                .contains(hmac("nhs:9434765919"));
        assertThat(DoorPseudonyms.personIdOf(IDS, NHS, "any", "943-476-5919"))
                .contains(hmac("nhs:9434765919"));
    }

    @ParameterizedTest(name = "the door refuses [{1}] for {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "local | AB 1$",
                "local | ''",
                "upn   | A1234567890",
                "upn   | a12345678901b",
                "nhs   | 9434765918",
                "nhs   | 94347659190",
            })
    void refusesWhatTheDoorRefuses(String field, String value) {
        FeedField f =
                switch (field) {
                    case "local" -> LOCAL;
                    case "upn" -> UPN;
                    default -> NHS;
                };
        assertThat(DoorPseudonyms.personIdOf(IDS, f, "wm-police", value)).isEmpty();
    }

    private static final FeedSchema LINKED =
            new FeedSchema(
                    "linked",
                    1,
                    "t",
                    "d",
                    OrganisationType.YOUTH_JUSTICE,
                    false,
                    List.of(
                            field("surname", FieldRole.LINKAGE_SURNAME, "[\\p{L}' .-]{1,60}", null),
                            field(
                                    "forename",
                                    FieldRole.LINKAGE_FORENAME,
                                    "[\\p{L}' .-]{1,60}",
                                    null),
                            field("sex", FieldRole.SEX, null, List.of("M", "F", "X", "U"))));

    private static FeedField field(
            String name, FieldRole role, String pattern, List<String> codes) {
        return new FeedField(
                name,
                FieldType.STRING,
                Classification.DI,
                role,
                true,
                codes,
                null,
                null,
                pattern,
                "",
                null);
    }

    @Test
    void theCompositeKeyNormalisesNamesAndChecksEachPart() throws Exception {
        String expected = hmac("link:OBRIEN|S|2010-02-03|F");
        assertThat(
                        DoorPseudonyms.linkageKeyOf(
                                IDS, LINKED, " O'Brien ", "siobhan", "2010-02-03", "F"))
                .contains(expected);
        assertThat(DoorPseudonyms.linkageKeyOf(IDS, LINKED, "OBRIEN", "S", "2010-02-03", "F"))
                .contains(expected);
        assertThat(
                        DoorPseudonyms.linkageKeyOf(
                                IDS, LINKED, "O'Brien", "Siobhan", "03/02/2010", "F"))
                .isEmpty();
        assertThat(
                        DoorPseudonyms.linkageKeyOf(
                                IDS, LINKED, "O'Brien", "Siobhan", "2010-02-03", "female"))
                .isEmpty();
        assertThat(
                        DoorPseudonyms.linkageKeyOf(
                                IDS, LINKED, "0'Br1en", "Siobhan", "2010-02-03", "F"))
                .isEmpty();
        FeedSchema unlinked =
                new FeedSchema("p", 1, "t", "d", OrganisationType.POLICE, false, List.of(LOCAL));
        assertThat(
                        DoorPseudonyms.linkageKeyOf(
                                IDS, unlinked, "O'Brien", "Siobhan", "2010-02-03", "F"))
                .isEqualTo(Optional.empty());
    }
}
