package io.sluice.workers.codec;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.AwsOperation;
import io.sluice.activities.aws.AwsServices;
import io.sluice.workers.temporal.TemporalConnection;
import software.amazon.awssdk.core.SdkBytes;

/** Decrypts the payload data key with AWS KMS, as the role of the account config names. */
public final class KmsDataKeys implements TemporalConnection.DataKeyDecryptor {
    private final AwsClients clients;

    public KmsDataKeys(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public byte[] decrypt(String account, byte[] ciphertext) {
        var operation = new AwsOperation(clients.account(account), "kms", "Decrypt", "the payload data key");
        return AwsCalls.call(operation, () -> clients.client(account, AwsServices.KMS)
                .decrypt(decrypt -> decrypt.ciphertextBlob(SdkBytes.fromByteArray(ciphertext))).plaintext().asByteArray());
    }
}
