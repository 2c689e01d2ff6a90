package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;
import org.pactum.ingest.DoorPseudonyms;
import org.pactum.partner.OrganisationService;
import org.pactum.partner.OrganisationView;
import org.pactum.pseudonym.KeyRing;
import org.pactum.pseudonym.PersonIds;
import org.pactum.security.Caller;

/**
 * Turns the identifiers a requester supplied into what the door stored for them, with the door's
 * own normalisation and checks ({@link DoorPseudonyms}). The raw values live only in this call's
 * locals; errors name the field and the rule, never the value.
 */
@ApplicationScoped
public class SubjectPseudonyms {

    @Inject KeyRing keys;

    @Inject PersonFields fields;

    @Inject OrganisationService organisations;

    /**
     * The match for {@code ids}: pseudonyms as a push by the scope's organisation (or, for an
     * administrator, by any organisation that could provide the feed) would have stored them.
     */
    SubjectMatch of(
            NewSubjectRequest.Identifiers ids,
            Caller caller,
            String scope,
            List<Map<String, String>> errors) {
        Set<String> pseudonyms = new LinkedHashSet<>();
        Set<String> linkageKeys = new LinkedHashSet<>();
        if (ids == null
                || ((ids.personIds() == null || ids.personIds().isEmpty())
                        && ids.nhsNumber() == null
                        && ids.composite() == null)) {
            errors.add(
                    SubjectChecks.error(
                            "identifiers",
                            "give at least one of personIds, nhsNumber or composite"));
            return new SubjectMatch(List.of(), List.of());
        }
        PersonIds door = new PersonIds(keys.storageKey());
        if (ids.personIds() != null) {
            if (ids.personIds().size() > 50) {
                errors.add(SubjectChecks.error("identifiers.personIds", "at most 50"));
            } else {
                for (int i = 0; i < ids.personIds().size(); i++) {
                    personId(door, ids.personIds().get(i), i, scope, pseudonyms, errors);
                }
            }
        }
        if (ids.nhsNumber() != null) {
            DoorPseudonyms.nhsNumberOf(door, ids.nhsNumber())
                    .ifPresentOrElse(
                            pseudonyms::add,
                            () ->
                                    errors.add(
                                            SubjectChecks.error(
                                                    "identifiers.nhsNumber",
                                                    "is not a valid NHS number (10 digits with a valid check digit)")));
        }
        if (ids.composite() != null) {
            composite(door, ids.composite(), linkageKeys, errors);
        }
        return new SubjectMatch(List.copyOf(pseudonyms), List.copyOf(linkageKeys));
    }

    private void composite(
            PersonIds door,
            NewSubjectRequest.Composite c,
            Set<String> linkageKeys,
            List<Map<String, String>> errors) {
        Optional<String> key =
                fields.schemas().stream()
                        .map(
                                s ->
                                        DoorPseudonyms.linkageKeyOf(
                                                door,
                                                s,
                                                c.surname(),
                                                c.forename(),
                                                c.dateOfBirth(),
                                                c.sex()))
                        .flatMap(Optional::stream)
                        .findFirst();
        key.ifPresentOrElse(
                linkageKeys::add,
                () ->
                        errors.add(
                                SubjectChecks.error(
                                        "identifiers.composite",
                                        "needs surname and forename as the feeds accept them, dateOfBirth as "
                                                + "YYYY-MM-DD and sex as one of the feeds' codes (M, F, X, U)")));
    }

    private void personId(
            PersonIds door,
            NewSubjectRequest.PersonId given,
            int i,
            String scope,
            Set<String> pseudonyms,
            List<Map<String, String>> errors) {
        String at = "identifiers.personIds[" + i + "]";
        Optional<FeedSchema> schema =
                given == null || given.feed() == null
                        ? Optional.empty()
                        : fields.schema(given.feed());
        if (schema.isEmpty()) {
            errors.add(SubjectChecks.error(at + ".feed", "is not a known feed"));
            return;
        }
        List<FeedField> idFields =
                schema.get().fields().stream()
                        .filter(f -> f.role() == FieldRole.PERSON_IDENTIFIER)
                        .toList();
        if (idFields.isEmpty()) {
            errors.add(
                    SubjectChecks.error(
                            at + ".feed", "carries no person identifier (it is anonymised)"));
            return;
        }
        List<String> providers =
                scope != null
                        ? List.of(scope)
                        : organisations.list().stream()
                                .filter(o -> o.type() == schema.get().providerType())
                                .map(OrganisationView::code)
                                .toList();
        boolean accepted = false;
        for (FeedField f : idFields) {
            for (String provider : providers) {
                Optional<String> p = DoorPseudonyms.personIdOf(door, f, provider, given.id());
                p.ifPresent(pseudonyms::add);
                accepted |= p.isPresent();
            }
        }
        if (!accepted && !providers.isEmpty()) {
            errors.add(
                    SubjectChecks.error(
                            at + ".id",
                            "is not in the identifier's format for " + schema.get().code()));
        }
    }

    /** Which kinds of identifier a request used, for the audit trail (never their values). */
    List<String> kinds(NewSubjectRequest.Identifiers ids) {
        List<String> kinds = new ArrayList<>();
        if (ids.personIds() != null && !ids.personIds().isEmpty()) {
            kinds.add("personIds");
        }
        if (ids.nhsNumber() != null) {
            kinds.add("nhsNumber");
        }
        if (ids.composite() != null) {
            kinds.add("composite");
        }
        return kinds;
    }
}
