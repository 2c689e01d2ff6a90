package org.pactum.agreement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content of one version of a data-sharing agreement: what every party's IG lead approves. Its
 * canonical hash binds each approval to exactly this text (ICO Data Sharing Code: purpose, parties,
 * data items, legal basis, retention, review, contacts).
 *
 * @param fieldRules per feed, per field: what is released. A field without a rule is dropped.
 * @param feedVersions per feed, the schema version the parties approved: pushes under a newer
 *     version are not covered until a version of the agreement naming it is approved. Filled with
 *     each feed's current version when a draft leaves it out; absent in content drafted before
 *     versions were named, which covers version 1.
 * @param rowFilters per feed, the rows the agreement covers: dimension -> allowed values (e.g.
 *     {@code ageBand: [0-9, 10-14, 15-17, 18-24]}); applied to aggregates and records alike
 * @param recordRisk the re-identification risk control of record releases; absent means the
 *     defaults of {@link RecordRisk}
 */
public record AgreementContent(
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 4000) String purpose,
        @NotEmpty List<@NotBlank @Size(max = 300) String> legalBases,
        @NotEmpty List<@NotNull @Valid Provider> providers,
        @NotEmpty List<@NotBlank String> recipients,
        @NotNull LocalDate validFrom,
        @NotNull LocalDate validTo,
        @NotNull LocalDate reviewDate,
        @NotNull @Min(1) @Max(240) Integer retentionMonths,
        @NotNull ReleaseLevel releaseLevel,
        @NotNull Map<String, Map<String, @NotNull @Valid FieldRule>> fieldRules,
        @NotNull @Valid DisclosureProfile disclosure,
        @NotNull @Valid Contacts contacts,
        Map<String, @NotNull Integer> feedVersions,
        Map<String, Map<String, @NotEmpty List<@NotBlank @Size(max = 64) String>>> rowFilters,
        @Valid RecordRisk recordRisk) {

    /** The same content bound to these feed versions. */
    public AgreementContent withFeedVersions(Map<String, Integer> versions) {
        return copy(purpose, recipients, versions);
    }

    /** The same content for a wider set of recipients, its purpose saying why. */
    public AgreementContent extendedTo(String newPurpose, List<String> newRecipients) {
        return copy(newPurpose, newRecipients, feedVersions);
    }

    private AgreementContent copy(
            String newPurpose, List<String> newRecipients, Map<String, Integer> versions) {
        return new AgreementContent(
                title,
                newPurpose,
                legalBases,
                providers,
                newRecipients,
                validFrom,
                validTo,
                reviewDate,
                retentionMonths,
                releaseLevel,
                fieldRules,
                disclosure,
                contacts,
                versions,
                rowFilters,
                recordRisk);
    }

    /** The feed version this content is bound to (version 1 for content that names none). */
    public int feedVersion(String feed) {
        Integer v = feedVersions == null ? null : feedVersions.get(feed);
        return v == null ? 1 : v;
    }

    /**
     * The row filter for one feed: dimension -> allowed values; empty when all rows are covered.
     */
    public Map<String, List<String>> rowFilter(String feed) {
        Map<String, List<String>> f = rowFilters == null ? null : rowFilters.get(feed);
        return f == null ? Map.of() : new TreeMap<>(f);
    }

    /** The record risk control, with defaults for what the content leaves out. */
    public RecordRisk risk() {
        return recordRisk == null ? RecordRisk.DEFAULTS : recordRisk.withDefaults();
    }

    /** A provider organisation and the feeds it contributes under this agreement. */
    public record Provider(@NotBlank String organisation, @NotEmpty List<@NotBlank String> feeds) {}

    /**
     * @param to the generalisation, required for GENERALISE and forbidden otherwise
     */
    public record FieldRule(@NotNull FieldAction action, Generalisation to) {}

    /**
     * Disclosure control for releases under this agreement; never looser than the defaults
     * (threshold 8, rounding to 5, ptable pactum-ptable-1-t8, sparsity 0.5, 200 tables per
     * recipient and feed in 7 days). The optional fields take the defaults when absent.
     *
     * @param ptable the perturbation table, by versioned name
     * @param maxSparseShare refuse tables whose non-zero cells hold 1 or 2 records more often than
     *     this share
     * @param tablesPerWindow the query budget: tables one recipient organisation may draw from one
     *     feed under this agreement per window
     * @param budgetWindowDays the budget window, in days
     */
    public record DisclosureProfile(
            @NotNull Integer minimumCellCount,
            @NotNull Integer roundingBase,
            @NotNull List<@NotBlank String> crossableDimensions,
            @Size(max = 64) String ptable,
            Double maxSparseShare,
            @Min(1) Integer tablesPerWindow,
            @Min(1) @Max(366) Integer budgetWindowDays) {

        public DisclosureProfile(
                Integer minimumCellCount, Integer roundingBase, List<String> crossableDimensions) {
            this(minimumCellCount, roundingBase, crossableDimensions, null, null, null, null);
        }
    }

    /** Single points of contact for subject access requests and breaches. */
    public record Contacts(
            @NotBlank @Size(max = 300) String subjectAccessRequests,
            @NotBlank @Size(max = 300) String breaches) {}

    public Set<String> parties() {
        Set<String> all = new TreeSet<>(recipients);
        providers.forEach(p -> all.add(p.organisation()));
        return all;
    }

    public boolean provides(String organisation, String feed) {
        return providers.stream()
                .anyMatch(p -> p.organisation().equals(organisation) && p.feeds().contains(feed));
    }

    public boolean covers(String feed) {
        return providers.stream().anyMatch(p -> p.feeds().contains(feed));
    }

    public Set<String> providersOf(String feed) {
        Set<String> out = new TreeSet<>();
        providers.stream()
                .filter(p -> p.feeds().contains(feed))
                .forEach(p -> out.add(p.organisation()));
        return out;
    }
}
