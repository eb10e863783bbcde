package dev.cinnabar.server.net;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The allocator of the connections' read buffers: reads go into one reusable 64 KiB direct buffer
 * of the event loop, handed out retained, instead of a pooled buffer allocated and freed per
 * read. This works because a connection consumes every byte of a read before returning to the
 * event loop; when a buffer must outlive the read, the extra reference keeps it from being handed
 * out again, and later reads fall back to ordinary pooled buffers until it is released. Everything else is delegated to the pooled allocator.
 */
final class ReadBufferAllocator extends AbstractByteBufAllocator {
    private static final int SIZE = 64 * 1024;

    private final ByteBufAllocator delegate = PooledByteBufAllocator.DEFAULT;
    private ByteBuf shared;

    ReadBufferAllocator() {
        super(true);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return delegate.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        if (initialCapacity > 0 && initialCapacity <= SIZE) {
            if (shared == null) {
                shared = delegate.directBuffer(SIZE, SIZE);
            }
            if (shared.refCnt() == 1) {
                // The buffer itself, not a slice: Netty derives a new NIO view from a slice on
                // every bulk copy when it runs without Unsafe, and a whole 64 KiB read is no harm.
                return shared.retain().clear();
            }
        }
        return delegate.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }
}
