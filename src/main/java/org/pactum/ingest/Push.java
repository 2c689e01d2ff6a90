package org.pactum.ingest;

import java.util.Map;
import org.pactum.agreement.PushGrant;
import org.pactum.feed.FeedSchema;
import org.pactum.pseudonym.PersonIds;
import org.pactum.security.Caller;

/**
 * One push as the writer streams it: who pushes what under which grant, checked against the schema
 * version the grant's parties approved, with the geography lookup and the door's keyed pseudonyms
 * for its rows.
 */
record Push(
        Caller caller,
        PushCommand cmd,
        FeedSchema schema,
        PushGrant grant,
        Map<String, String> lsoaLookup,
        PersonIds ids) {}
