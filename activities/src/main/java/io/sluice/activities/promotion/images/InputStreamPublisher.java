package io.sluice.activities.promotion.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body read from a stream in chunks of {@code chunkBytes}, each read only when the HTTP
 * client asks for it: at most the client's demand is in memory, whatever the body's size. The
 * JDK's {@code BodyPublishers.ofInputStream} reads 16 KiB at a time, and every chunk costs a pass
 * through the client's asynchronous pipeline; larger chunks make a blob upload cheaper in CPU.
 * The stream can be subscribed to once.
 */
final class InputStreamPublisher implements Flow.Publisher<ByteBuffer> {
    private final InputStream in;
    private final int chunkBytes;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    InputStreamPublisher(InputStream in, int chunkBytes) {
        this.in = Objects.requireNonNull(in, "in is null");
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes " + chunkBytes + " is not positive");
        }
        this.chunkBytes = chunkBytes;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber is null");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IOException("the blob content can be sent only once"));
            return;
        }
        subscriber.onSubscribe(new Reads(subscriber));
    }

    /** Reads chunks while there is demand; one thread at a time, however {@code request} is re-entered. */
    private final class Reads implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean ended;

        Reads(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (ended) {
                return;
            }
            if (n <= 0) {
                ended = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            demand.accumulateAndGet(n, (now, more) -> now + more < 0 ? Long.MAX_VALUE : now + more);
            if (pending.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!ended && demand.get() > 0) {
                    readOne();
                }
            } while (pending.decrementAndGet() != 0);
        }

        private void readOne() {
            byte[] chunk = new byte[chunkBytes];
            int filled = 0;
            try {
                while (filled < chunk.length) {
                    int n = in.read(chunk, filled, chunk.length - filled);
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                }
            } catch (IOException | RuntimeException e) {
                ended = true;
                subscriber.onError(e);
                return;
            }
            if (filled > 0) {
                demand.decrementAndGet();
                subscriber.onNext(ByteBuffer.wrap(chunk, 0, filled));
            }
            if (filled < chunk.length && !ended) {
                ended = true;
                subscriber.onComplete();
            }
        }

        @Override
        public void cancel() {
            ended = true;
        }
    }
}
