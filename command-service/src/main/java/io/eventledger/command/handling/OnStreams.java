package io.eventledger.command.handling;

import io.eventledger.command.execution.Command;
import io.eventledger.command.execution.CommandRequest;
import java.util.Set;
import java.util.UUID;

/** What every command of this package has: its request and the streams it may write, named up front. */
abstract class OnStreams<R> implements Command<R> {

    private final Set<UUID> streams;
    private final CommandRequest request;

    OnStreams(Set<UUID> streams, CommandRequest request) {
        this.streams = Set.copyOf(streams);
        this.request = request;
    }

    @Override
    public CommandRequest request() {
        return request;
    }

    @Override
    public Set<UUID> streams() {
        return streams;
    }
}
