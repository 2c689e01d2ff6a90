package org.pactum.demo;

import java.util.Map;

/**
 * The vocabularies the synthetic extracts draw from, weighted by repetition (a value listed three
 * times is drawn three times as often). Invented or common; none identifies anyone.
 */
final class SyntheticLists {

    private SyntheticLists() {}

    static final String[] SURNAMES = {
        "SMITH",
        "JONES",
        "KHAN",
        "PATEL",
        "BROWN",
        "WILLIAMS",
        "TAYLOR",
        "HUSSAIN",
        "DAVIES",
        "ALI",
        "WILSON",
        "EVANS",
        "AHMED",
        "THOMAS",
        "JOHNSON",
        "ROBERTS",
        "WALKER",
        "WRIGHT",
        "BEGUM",
        "THOMPSON",
        "WHITE",
        "HUGHES",
        "EDWARDS",
        "GREEN",
        "HALL",
        "WOOD",
        "HARRIS",
        "LEWIS",
        "MARTIN",
        "JACKSON",
        "CLARKE",
        "CLARK",
        "TURNER",
        "HILL",
        "SCOTT",
        "COOPER",
        "MORRIS",
        "WARD",
        "MOORE",
        "KING",
        "WATSON",
        "BAKER",
        "HARRISON",
        "MORGAN",
        "PATEL-SHAH",
        "O'NEILL"
    };
    static final String[] FORENAMES = {
        "Mohammed",
        "Oliver",
        "Harry",
        "Jack",
        "Muhammad",
        "Noah",
        "Leo",
        "George",
        "Jacob",
        "Amelia",
        "Olivia",
        "Isla",
        "Ava",
        "Mia",
        "Ivy",
        "Lily",
        "Aisha",
        "Zara",
        "Fatima",
        "Kai",
        "Tyler",
        "Jayden",
        "Reece",
        "Kyle",
        "Liam",
        "Chloe",
        "Ellie",
        "Grace",
        "Ruby",
        "Daniel",
        "Adam",
        "Yusuf",
        "Ibrahim",
        "Josh",
        "Callum",
        "Kacper"
    };
    static final String[] ETHNICITIES = {
        "W1", "W1", "W1", "W1", "W1", "A1", "A1", "A2", "A3", "B1", "B2", "M1", "M2", "W3", "O2",
        "NS"
    };
    static final String[] POLICE_OFFENCES = {
        "violence-with-injury",
        "violence-with-injury",
        "violence-with-injury",
        "violence-without-injury",
        "violence-without-injury",
        "violence-without-injury",
        "violence-without-injury",
        "robbery",
        "robbery",
        "weapons",
        "sexual",
        "homicide"
    };
    static final Map<String, String> HOCR =
            Map.of(
                    "homicide",
                    "1",
                    "violence-with-injury",
                    "8N",
                    "violence-without-injury",
                    "8L",
                    "robbery",
                    "34B",
                    "weapons",
                    "10A",
                    "sexual",
                    "19C");

    static final String[] ED_METHODS = {
        "body-part",
        "body-part",
        "body-part",
        "blunt-object",
        "knife-or-sharp",
        "knife-or-sharp",
        "other",
        "unknown"
    };
    static final String[] ED_PLACES = {
        "street", "street", "home", "licensed-premises", "public-transport", "school", "other"
    };
    static final String[] YJ_CATEGORIES = {
        "violence-against-the-person",
        "violence-against-the-person",
        "robbery",
        "weapons",
        "drugs",
        "theft",
        "criminal-damage",
        "public-order",
        "other"
    };
    static final String[] YJ_DISPOSALS = {
        "caution",
        "youth-conditional-caution",
        "referral-order",
        "referral-order",
        "youth-rehabilitation-order",
        "custody"
    };
    static final String[] EXCLUSION_REASONS = {
        "PD", "PD", "PD", "VA", "VP", "PP", "PA", "US", "BU", "DA", "DM", "OT"
    };
    static final String[] SEN = {"none", "none", "none", "sen-support", "sen-support", "ehcp"};
    static final String[] PROBATION_BANDS = {
        "18-24", "18-24", "18-24", "25-34", "25-34", "35-44", "45-54", "55-64"
    };
    static final String[] SENTENCES = {
        "community-order",
        "suspended-sentence-order",
        "licence",
        "licence",
        "post-sentence-supervision"
    };
}
