package org.pactum.audit;

import io.quarkus.arc.Arc;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Adds {@code Pactum-Audit-Seq} to every response whose request committed an audit entry, so the
 * recipient can later ask for an inclusion proof of that entry. Several entries are listed in
 * commit order, comma-separated.
 */
@Provider
public class AuditSeqHeader implements ContainerResponseFilter {

    public static final String HEADER = "Pactum-Audit-Seq";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!Arc.container().requestContext().isActive()) {
            return;
        }
        List<Long> seqs = Arc.container().instance(RequestSeqs.class).get().all();
        if (!seqs.isEmpty()) {
            response.getHeaders()
                    .putSingle(
                            HEADER,
                            seqs.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }
}
