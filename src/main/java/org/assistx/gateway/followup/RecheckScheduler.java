package org.assistx.gateway.followup;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates {@code RECHECK_LATER} residence changes once their date has come. The due changes are read
 * from the database each run, so a restart (or another node) simply picks them up; each re-evaluation is
 * guarded by its state, so two nodes cannot act twice.
 */
@Component
public class RecheckScheduler {

    private static final Logger log = LoggerFactory.getLogger(RecheckScheduler.class);

    private final ResidenceChanges changes;
    private final Clock clock;

    public RecheckScheduler(ResidenceChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    public int run() {
        int done = 0;
        for (String id : changes.dueForRecheck(LocalDate.now(clock))) {
            try {
                changes.recheck(id);
                done++;
            } catch (RuntimeException e) {
                log.warn("Residence change {} could not be re-evaluated now ({}); next run tries again", id,
                        e.getMessage());
            }
        }
        return done;
    }
}
