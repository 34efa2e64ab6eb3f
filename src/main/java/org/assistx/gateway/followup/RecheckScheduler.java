package org.assistx.gateway.followup;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.assistx.gateway.tracking.ClusterJobs;
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

    private final ClusterJobs jobs;

    public RecheckScheduler(ResidenceChanges changes, ClusterJobs jobs, Clock clock) {
        this.changes = changes;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The periodic run (route core-schedule-rechecks), on one node at a time across the cluster. */
    public void scheduled() {
        jobs.once("follow-up-recheck", this::run);
    }

    /** Decides again the residence changes whose recheck date has come; returns how many. */
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
