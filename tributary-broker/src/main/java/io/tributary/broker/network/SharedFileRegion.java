package io.tributary.broker.network;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A zero-copy region of a log segment. Netty's native transport sends a {@link DefaultFileRegion}
 * with sendfile(2); this subclass leaves the channel open when released, because the channel is
 * the segment's own and outlives any one response.
 */
final class SharedFileRegion extends DefaultFileRegion {

    SharedFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    @Override
    protected void deallocate() {
        // The segment owns the channel and closes it when the segment is deleted or closed.
    }
}
