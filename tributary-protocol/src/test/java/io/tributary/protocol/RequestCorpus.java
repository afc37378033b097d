package io.tributary.protocol;

import io.tributary.protocol.types.ByteBufferWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes the fuzzer's seed corpus: one request frame (header and body, no size prefix) per API and version,
 * filled with seeded random values, as hex lines. Run it again only when APIs are added:
 * {@code java -cp <test classpath> io.tributary.protocol.RequestCorpus src/test/resources/fuzz/request-corpus.txt}.
 */
final class RequestCorpus {

    private RequestCorpus() {
    }

    public static void main(String[] args) throws IOException {
        StringBuilder out = new StringBuilder("# One request frame per API version (header + body, hex). "
                + "Written by RequestCorpus; read by RequestFuzzTest.\n");
        for (ApiKey api : ApiKey.values()) {
            for (short v = api.spec().validVersions().lowest(); v <= api.spec().validVersions().highest(); v++) {
                RandomStructs random = new RandomStructs(31L * api.id() + v);
                ByteBuffer body = MessageCodec.requestBytes(api, v, random.fill(api.spec().request(), v, 0));
                RequestHeader header = new RequestHeader(api.id(), v, 1000 + v, "fuzz");
                boolean flexible = api.spec().requestHeaderVersion(v) >= 2;
                ByteBuffer frame = ByteBuffer.allocate(header.sizeOf(flexible) + body.remaining());
                header.write(new ByteBufferWriter(frame), flexible);
                frame.put(body).flip();
                byte[] bytes = new byte[frame.remaining()];
                frame.get(bytes);
                out.append(HexFormat.of().formatHex(bytes)).append('\n');
            }
        }
        Files.writeString(Path.of(args[0]), out, StandardCharsets.US_ASCII);
    }
}
