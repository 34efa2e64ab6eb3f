package org.assistx.gateway.federation;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** The directory in force on this gateway (the last good copy that verified), and news of a new one. */
public interface FederationDirectory {

    /** The directory in force, or empty when federation is off or no good copy was ever had. */
    Optional<Directory> current();

    /** Calls the listener at once with the directory in force (if any), then with each newer one put in force. */
    void onChange(Consumer<Directory> listener);

    /**
     * The directory in force if it is valid at {@code now}: the one a new request is routed by. An expired
     * directory stays {@link #current()} (answers to requests already sent are still checked against it) but
     * routes no new request.
     */
    default Optional<Directory> forNewRequests(Instant now) {
        return current().filter(d -> d.validAt(now));
    }
}
