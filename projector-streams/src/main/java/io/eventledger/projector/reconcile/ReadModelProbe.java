package io.eventledger.projector.reconcile;

import java.util.Optional;
import java.util.UUID;

/** Reads one account's balance from one read model; empty when that read model does not know the account. */
public interface ReadModelProbe {

    /** For the report: which read model this is. */
    String place();

    /** Throws when the read model cannot be asked at all; the reconcile reports that as the found value. */
    Optional<Observed> read(UUID account) throws Exception;
}
