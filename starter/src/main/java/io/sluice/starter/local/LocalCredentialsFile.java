package io.sluice.starter.local;

import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalPersonas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The AWS credentials file {@code sluice dev} writes beside {@code local.yaml}: one profile per
 * persona of the local stack, signed in to moto, so {@code AWS_PROFILE=governance-officer sluice
 * approve …} proves who decides as on a real estate; {@code default} is the data scientist, who
 * requests runs. Readable by its owner only.
 */
public final class LocalCredentialsFile {
    /** The profile used without AWS_PROFILE or --profile: the data scientist, who requests runs. */
    static final String DEFAULT_PROFILE = "default";

    private LocalCredentialsFile() {}

    /** Signs every persona in and writes their profiles to {@code file}; returns their credentials by profile. */
    public static Map<String, AwsSessionCredentials> write(LocalAws aws, Path file) {
        Map<String, AwsSessionCredentials> signedIn = LocalPersonas.signInAll(aws);
        var text = new StringBuilder("# Written by sluice dev: the personas of the local stack. Never real credentials.\n");
        var profiles = new java.util.LinkedHashMap<String, AwsSessionCredentials>();
        profiles.put(DEFAULT_PROFILE, signedIn.get(LocalPersonas.DATA_SCIENTIST.profile()));
        profiles.putAll(signedIn);
        profiles.forEach((profile, credentials) -> text.append('\n')
                .append('[').append(profile).append("]\n")
                .append("aws_access_key_id = ").append(credentials.accessKeyId()).append('\n')
                .append("aws_secret_access_key = ").append(credentials.secretAccessKey()).append('\n')
                .append("aws_session_token = ").append(credentials.sessionToken()).append('\n'));
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local credentials file " + file, e);
        }
        return signedIn;
    }
}
