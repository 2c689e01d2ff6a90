package org.pactum.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pactum.platform.AfterCommit;

/**
 * Remembers, per HTTP request, the seqs of the entries the request committed, for the {@code
 * Pactum-Audit-Seq} response header (issue 16: every release says where it was logged). A seq is
 * remembered only once its transaction has committed, so the header never names an entry that
 * rolled back.
 */
@ApplicationScoped
public class AuditSeqs {

    @Inject AfterCommit afterCommit;

    /** Names an entry that has already committed (GroupedAppends) in the request's header. */
    void committed(long seq) {
        if (Arc.container().requestContext().isActive()) {
            Arc.container().instance(RequestSeqs.class).get().add(seq);
        }
    }

    /** Names the entry in the request's header once its transaction has committed. */
    void onCommit(long seq) {
        ManagedContext request = Arc.container().requestContext();
        if (!request.isActive()) {
            return;
        }
        RequestSeqs holder = Arc.container().instance(RequestSeqs.class).get();
        afterCommit.run(() -> holder.add(seq));
    }
}
