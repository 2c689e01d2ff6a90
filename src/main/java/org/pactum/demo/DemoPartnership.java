package org.pactum.demo;

import java.util.List;
import org.pactum.partner.NewOrganisation;
import org.pactum.partner.OrganisationType;

/**
 * The demo partnership: the West Midlands bodies of DOMAIN.md with their real ONS codes. Entirely
 * synthetic in what it holds; only the names and area codes are real.
 */
final class DemoPartnership {

    static final String ADMIN_ORGANISATION = "wm-vrp";

    /** The synthetic data's seed: the demo is the same on every laptop. */
    static final long SEED = 2023L;

    private DemoPartnership() {}

    static List<NewOrganisation> organisations() {
        return List.of(
                new NewOrganisation(
                        "wm-vrp",
                        "West Midlands Violence Reduction Partnership",
                        OrganisationType.VRU,
                        List.of("E23000014")),
                new NewOrganisation(
                        "wm-police",
                        "West Midlands Police",
                        OrganisationType.POLICE,
                        List.of("E23000014")),
                new NewOrganisation(
                        "birmingham-cc",
                        "Birmingham City Council",
                        OrganisationType.LOCAL_AUTHORITY,
                        List.of("E08000025")),
                new NewOrganisation(
                        "coventry-cc",
                        "Coventry City Council",
                        OrganisationType.LOCAL_AUTHORITY,
                        List.of("E08000026")),
                new NewOrganisation(
                        "dudley-mbc",
                        "Dudley Metropolitan Borough Council",
                        OrganisationType.LOCAL_AUTHORITY,
                        List.of("E08000027")),
                new NewOrganisation(
                        "sandwell-mbc",
                        "Sandwell Metropolitan Borough Council",
                        OrganisationType.LOCAL_AUTHORITY,
                        List.of("E08000028")),
                new NewOrganisation(
                        "solihull-mbc",
                        "Solihull Metropolitan Borough Council",
                        OrganisationType.LOCAL_AUTHORITY,
                        List.of("E08000029")),
                new NewOrganisation(
                        "walsall-mbc",
                        "Walsall Metropolitan Borough Council",
                        OrganisationType.LOCAL_AUTHORITY,
                        List.of("E08000030")),
                new NewOrganisation(
                        "wolverhampton-cc",
                        "City of Wolverhampton Council",
                        OrganisationType.LOCAL_AUTHORITY,
                        List.of("E08000031")),
                new NewOrganisation(
                        "bsol-icb",
                        "NHS Birmingham and Solihull ICB (Heartlands Hospital ED)",
                        OrganisationType.HEALTH,
                        List.of("E08000025", "E08000029")),
                new NewOrganisation(
                        "birmingham-yjs",
                        "Birmingham Youth Justice Service",
                        OrganisationType.YOUTH_JUSTICE,
                        List.of("E08000025")),
                new NewOrganisation(
                        "wm-probation",
                        "Probation Service West Midlands",
                        OrganisationType.PROBATION,
                        List.of("E23000014")),
                new NewOrganisation(
                        "birmingham-education",
                        "Birmingham Education Services",
                        OrganisationType.EDUCATION,
                        List.of("E08000025")));
    }
}
