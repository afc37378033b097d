package io.tributary.broker.group;

import io.tributary.broker.network.Responder;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.MessageCodec;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.Struct;

/**
 * Receives one response the way the network layer would: encoded at the request's version, then read
 * back as a client would see it, so a response the codec cannot write fails the test.
 */
final class CapturingResponder implements Responder {

    private final ApiKey api;
    private final short version;
    private Struct response;
    private int completions;

    CapturingResponder(ApiKey api, short version) {
        this.api = api;
        this.version = version;
    }

    @Override
    public synchronized void send(Struct body) {
        completions++;
        response = MessageCodec.readResponse(api, version,
                new ProtocolReader(MessageCodec.responseBytes(api, version, body)));
    }

    @Override
    public synchronized void noResponse() {
        throw new AssertionError(api + " must always be answered");
    }

    @Override
    public synchronized void closeConnection(String reason) {
        throw new AssertionError(api + " closed the connection: " + reason);
    }

    synchronized boolean isDone() {
        return completions > 0;
    }

    /** The response; fails if none was sent or more than one. */
    synchronized Struct response() {
        if (completions != 1) {
            throw new AssertionError(api + " v" + version + " completed " + completions + " times");
        }
        return response;
    }

    short errorCode() {
        return response().getShort("error_code");
    }
}
