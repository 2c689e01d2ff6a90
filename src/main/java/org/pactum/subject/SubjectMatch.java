package org.pactum.subject;

import java.util.List;

/**
 * What a request matches stored rows on: the pseudonyms and linkage keys the door would have stored
 * for the supplied identifiers. A row matches when its person id, any of its other person
 * identifier attributes, or its linkage key is one of them.
 */
record SubjectMatch(List<String> pseudonyms, List<String> linkageKeys) {

    boolean hasPseudonym(String value) {
        return value != null && pseudonyms.contains(value);
    }

    boolean hasLinkageKey(String value) {
        return value != null && linkageKeys.contains(value);
    }

    boolean isEmpty() {
        return pseudonyms.isEmpty() && linkageKeys.isEmpty();
    }

    /**
     * The SQL predicate over feed_row {@code alias}, binding its values into {@code args}.
     *
     * @param idAttributes the feed's person identifier fields, which sit in attrs beside person_id
     */
    String predicate(String alias, List<String> idAttributes, List<Object> args) {
        StringBuilder sql = new StringBuilder("(");
        sql.append(alias).append(".person_id = ANY (?)");
        args.add(pseudonyms.toArray(String[]::new));
        for (String field : idAttributes) {
            sql.append(" OR ").append(alias).append(".attrs->>? = ANY (?)");
            args.add(field);
            args.add(pseudonyms.toArray(String[]::new));
        }
        sql.append(" OR ").append(alias).append(".linkage_key = ANY (?))");
        args.add(linkageKeys.toArray(String[]::new));
        return sql.toString();
    }
}
