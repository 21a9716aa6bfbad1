package io.sluice.client.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload Sluice sends to Temporal with AES-256-GCM, so workflow inputs, results,
 * signals and activity arguments are unreadable in the cluster's history. Each payload gets a
 * fresh 96-bit nonce; the key id travels in the payload's metadata. Keys rotate through a key
 * ring: new payloads are written under the current key, and a payload is read under whichever key
 * of the ring wrote it, so histories written before a rotation stay readable (a payload under a
 * key the ring lacks fails to decode, naming it and the keys there are). Search attributes are not
 * payloads of this codec: keep secrets out of them.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
    /** The encoding marking a payload this codec encrypted. */
    public static final String ENCODING = "binary/encrypted";
    static final String KEY_ID = "encryption-key-id";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final Map<String, SecretKeySpec> ring;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keyId names the key in each payload's metadata
     * @param key 32 bytes
     */
    public AesGcmPayloadCodec(String keyId, byte[] key) {
        this(keyId, key, Map.of());
    }

    /**
     * @param keyId names the current key in each payload's metadata
     * @param key the current key, 32 bytes: new payloads are encrypted with it
     * @param previous keys that wrote payloads before, by key id, 32 bytes each: still decrypted
     */
    public AesGcmPayloadCodec(String keyId, byte[] key, Map<String, byte[]> previous) {
        this.keyId = keyId;
        this.key = aes(keyId, key);
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        keys.put(keyId, this.key);
        previous.forEach((id, bytes) -> keys.put(id, aes(id, bytes)));
        this.ring = Map.copyOf(keys);
    }

    private static SecretKeySpec aes(String id, byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("payload key '" + id + "' is " + key.length
                    + " bytes; expected 32 (AES-256), base64-encoded");
        }
        return new SecretKeySpec(key, "AES");
    }

    /** The decoded bytes of a base64 key. */
    public static byte[] base64Key(String base64Key) {
        try {
            return Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the payload key is not valid: " + e.getMessage()
                    + "; expected 32 random bytes in base64, e.g. from `openssl rand -base64 32`", e);
        }
    }

    /** A codec for a base64-encoded 32-byte key. */
    public static AesGcmPayloadCodec fromBase64(String keyId, String base64Key) {
        return new AesGcmPayloadCodec(keyId, base64Key(base64Key));
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload payload) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(payload.toByteArray());
            return Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
                    .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
                    .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    private Payload decrypt(Payload payload) {
        ByteString encoding = payload.getMetadataMap().get("encoding");
        if (encoding == null || !encoding.toStringUtf8().equals(ENCODING)) {
            return payload;
        }
        String payloadKey = payload.getMetadataMap().getOrDefault(KEY_ID, ByteString.EMPTY).toStringUtf8();
        SecretKeySpec writtenWith = ring.get(payloadKey);
        if (writtenWith == null) {
            throw new PayloadCodecException("payload was encrypted under key '" + payloadKey + "', but this process has keys "
                    + new TreeSet<>(ring.keySet()) + "; add it to temporal.previousPayloadKeys");
        }
        try {
            byte[] data = payload.getData().toByteArray();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, writtenWith, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(payloadKey.getBytes(StandardCharsets.UTF_8));
            return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            throw new PayloadCodecException(e);
        }
    }
}
