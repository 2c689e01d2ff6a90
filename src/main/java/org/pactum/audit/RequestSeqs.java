package org.pactum.audit;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/** The committed audit seqs of the current request, in the order they committed. */
@RequestScoped
@Unremovable
public class RequestSeqs {

    private final List<Long> seqs = new ArrayList<>();

    synchronized void add(long seq) {
        seqs.add(seq);
    }

    synchronized List<Long> all() {
        return List.copyOf(seqs);
    }
}
