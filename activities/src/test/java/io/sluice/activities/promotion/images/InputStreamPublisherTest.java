package io.sluice.activities.promotion.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InputStreamPublisherTest {

    @Test
    void publishes_theStreamInChunksAndReadsNoMoreThanTheDemand() {
        byte[] content = new byte[10 * 1024 + 17];
        new Random(3).nextBytes(content);
        var read = new AtomicLong();
        InputStream in = new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                int n = super.read(buffer, offset, length);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        var subscriber = new Recording();
        new InputStreamPublisher(in, 1024).subscribe(subscriber);

        subscriber.subscription.request(2);
        assertThat(subscriber.chunks).hasSize(2).allSatisfy(chunk -> assertThat(chunk.remaining()).isEqualTo(1024));
        assertThat(read).hasValue(2 * 1024);

        subscriber.subscription.request(Long.MAX_VALUE);
        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.error).isNull();
        assertThat(subscriber.bytes()).isEqualTo(content);
        assertThat(subscriber.chunks).hasSize(11);
    }

    @Test
    void publishes_aReadFailureAsTheBodysError() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("content of sha256:abc is wrong: digest mismatch");
            }
        };
        var subscriber = new Recording();
        new InputStreamPublisher(failing, 1024).subscribe(subscriber);

        subscriber.subscription.request(1);

        assertThat(subscriber.error).isInstanceOf(IOException.class).hasMessageContaining("digest mismatch");
        assertThat(subscriber.completed).isFalse();
    }

    @Test
    void refuses_aSecondSubscriber() {
        var publisher = new InputStreamPublisher(new ByteArrayInputStream(new byte[10]), 1024);
        publisher.subscribe(new Recording());
        var second = new Recording();

        publisher.subscribe(second);

        assertThat(second.error).isInstanceOf(IOException.class).hasMessageContaining("only once");
    }

    private static final class Recording implements Flow.Subscriber<ByteBuffer> {
        final List<ByteBuffer> chunks = new ArrayList<>();
        Flow.Subscription subscription;
        boolean completed;
        Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            chunks.add(chunk);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
            completed = true;
        }

        byte[] bytes() {
            var out = new ByteArrayOutputStream();
            chunks.forEach(chunk -> {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.duplicate().get(bytes);
                out.writeBytes(bytes);
            });
            return out.toByteArray();
        }
    }
}
