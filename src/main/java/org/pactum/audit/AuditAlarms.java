package org.pactum.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A loud, audited alarm: the log disagrees with a checkpoint that Pactum signed or a witness
 * cosigned. Logged at ERROR, counted ({@code pactum_audit_alarms_total}) and appended to the log
 * itself, concerning the witnesses involved. The same alarm is repeated at most once a minute.
 */
@ApplicationScoped
public class AuditAlarms {

    private static final Logger LOG = Logger.getLogger(AuditAlarms.class);
    private static final Duration REPEAT = Duration.ofMinutes(1);

    @Inject AuditLog log;

    private final Counter raised;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    @Inject
    public AuditAlarms(MeterRegistry registry) {
        this.raised =
                Counter.builder("pactum.audit.alarms")
                        .description("Audit log inconsistencies detected (see the ERROR log)")
                        .register(registry);
    }

    public void raise(String reason, Collection<String> concerning) {
        raised.increment();
        LOG.errorf("AUDIT ALARM: %s", reason);
        Instant now = Instant.now();
        Instant before = last.put(reason, now);
        if (before != null && before.plus(REPEAT).isAfter(now)) {
            return;
        }
        try {
            log.appendAlone(
                    Actor.system("audit"),
                    AuditEvent.denied("audit.alarm", "audit", reason).concerning(concerning));
        } catch (AuditUnavailableException e) {
            LOG.errorf("AUDIT ALARM could not be appended to the log: %s", reason);
        }
    }
}
