package io.sluice.activities.promotion.images;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Passes content through while hashing it, and refuses it unless it is exactly {@code size} bytes
 * hashing to {@code digest}. The check runs before the chunk that completes {@code size} bytes is
 * handed on, so a reader that forwards what it reads (an upload) never forwards a complete body
 * with the wrong content. A refusal is an {@link IOException} from {@code read}, and is also kept
 * for {@link #mismatch()}, because HTTP clients wrap the exceptions of request bodies.
 */
final class VerifyingInputStream extends InputStream {
    private final InputStream in;
    private final String digest;
    private final long size;
    private final MessageDigest sha256 = Digests.newSha256();
    private volatile long count;
    private volatile boolean verified;
    private volatile String mismatch;

    VerifyingInputStream(InputStream in, String digest, long size) {
        this.in = Objects.requireNonNull(in, "in is null");
        this.digest = Digests.require(digest, "expected digest");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (mismatch != null) {
            throw refusal();
        }
        if (length == 0) {
            return 0;
        }
        long remaining = size - count;
        int n = in.read(buffer, offset, (int) Math.min(length, remaining + 1));
        if (n < 0) {
            if (count < size) {
                refuse("only " + count + " bytes, expected " + size);
            }
            verify();
            return -1;
        }
        if (count + n > size) {
            refuse("more than the expected " + size + " bytes");
        }
        sha256.update(buffer, offset, n);
        count += n;
        if (count == size) {
            verify();
        }
        return n;
    }

    /** Whether exactly {@code size} bytes hashing to {@code digest} have been read. */
    boolean verified() {
        return verified;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** What was received instead of the expected content, once it has been refused. */
    Optional<String> mismatch() {
        return Optional.ofNullable(mismatch);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        String actual = Digests.format(sha256.digest());
        if (!actual.equals(digest)) {
            refuse(actual + " over " + count + " bytes");
        }
        verified = true;
    }

    private void refuse(String received) throws IOException {
        mismatch = received;
        throw refusal();
    }

    private IOException refusal() {
        return new IOException("content of " + digest + " is " + mismatch + ": digest mismatch");
    }
}
