package org.assistx.gateway.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Decides the outcome of an answered verification from the mapped records (DESIGN §6). */
public final class Outcomes {

    private static final Set<String> RECEIVING_STATUSES = Set.of("APPLIED", "ACTIVE");

    private Outcomes() {
    }

    /**
     * {@link Outcome#RECEIVING} when any record is {@code APPLIED} or {@code ACTIVE}, else
     * {@link Outcome#NOT_RECEIVING} (an empty list included: the partner answered and found nothing).
     * {@link Outcome#UNDETERMINED} is never returned here: it is decided where no answer came.
     *
     * @param records the records of an answer, never {@code null}
     */
    public static Outcome decide(List<AssistanceRecord> records) {
        Objects.requireNonNull(records, "records of an answer (an absent answer is UNDETERMINED, not decided here)");
        for (AssistanceRecord r : records) {
            if (r != null && RECEIVING_STATUSES.contains(r.status())) {
                return Outcome.RECEIVING;
            }
        }
        return Outcome.NOT_RECEIVING;
    }

    /**
     * As {@link #decide(List)}, counting only the records of one person (a partner may answer with the
     * records of a whole household). ID numbers compare ignoring the case of a final {@code x}.
     */
    public static Outcome decide(List<AssistanceRecord> records, String personIdNumber) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(personIdNumber, "personIdNumber");
        String wanted = personIdNumber.trim().toUpperCase(Locale.ROOT);
        return decide(records.stream()
                .filter(r -> r != null && r.personIdNumber() != null
                        && r.personIdNumber().toUpperCase(Locale.ROOT).equals(wanted))
                .toList());
    }
}
