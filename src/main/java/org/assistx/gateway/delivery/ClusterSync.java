package org.assistx.gateway.delivery;

import java.time.Clock;
import org.assistx.gateway.partner.PartnerConfigException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.ClusterStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Keeps the nodes that share one store and one broker acting as one gateway. Every
 * {@code assistx.cluster.sync-interval} (5 s) each node
 *
 * <ul>
 *   <li>reloads its partners from the (shared) partner folders when an operator reloaded them on another node
 *       (the reload's generation in {@code partner_reload} is newer than the set this node runs), so the nodes
 *       never route differently for longer than that;</li>
 *   <li>stops or resumes its partner delivery routes to match the operators' suspensions and the breakers other
 *       nodes opened ({@link PartnerDeliveryRoutes#reconcile}).</li>
 * </ul>
 *
 * The database is the one place they agree through: no messages between nodes, no home-made membership.
 */
@Component
public class ClusterSync {

    private static final Logger log = LoggerFactory.getLogger(ClusterSync.class);

    private final PartnerRegistry partners;
    private final PartnerDeliveryRoutes routes;
    private final ClusterStateRepository cluster;
    private final Clock clock;
    /** The reload generation of the partner set this node runs; null until first read (start-up loaded the folders). */
    private volatile Long generation;

    public ClusterSync(PartnerRegistry partners, PartnerDeliveryRoutes routes, ClusterStateRepository cluster,
            Clock clock) {
        this.partners = partners;
        this.routes = routes;
        this.cluster = cluster;
        this.clock = clock;
    }

    /** An operator reloaded the partners on this node: the other nodes follow at their next sync. */
    public void reloadedHere() {
        try {
            generation = cluster.recordReload(ClusterStateRepository.THIS_NODE, clock.instant());
        } catch (DataAccessException e) {
            log.warn("Partner reload not recorded for the other nodes (store unavailable: {}); reload them too",
                    e.getMessage());
        }
    }

    /** Every {@code assistx.cluster.sync-interval}, on every node (route {@code core-schedule-cluster-sync}). */
    public void sync() {
        try {
            followReloads();
            routes.reconcile();
        } catch (DataAccessException e) {
            log.debug("Cluster sync skipped this round (store unavailable): {}", e.getMessage());
        }
    }

    private void followReloads() {
        long current = cluster.reloadGeneration();
        Long mine = generation;
        if (mine == null) {
            generation = current;
            return;
        }
        if (current <= mine) {
            return;
        }
        generation = current;
        try {
            var loaded = partners.load();
            log.info("Partners reloaded on another node (generation {}); this node now runs {}", current,
                    loaded.stream().map(PartnerDescriptor::id).toList());
        } catch (PartnerConfigException e) {
            log.error("Partners reloaded on another node (generation {}), but the partner folders as this node sees "
                    + "them are invalid; it keeps its previous set. Are the folders shared by all nodes? {}", current,
                    e.getMessage());
        }
    }
}
