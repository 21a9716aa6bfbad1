package io.sluice.activities.promotion.images;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RegistryClient} authenticates. Basic and ECR credentials are sent with every request
 * to the registry; when the registry answers 401 with a {@code Bearer} challenge they are sent to the
 * challenge's token realm instead and the token obtained is used. {@code toString()} never shows a
 * secret.
 */
public sealed interface RegistryCredentials {

    /** Anonymous access; a Bearer challenge is answered with an anonymous token request. */
    static RegistryCredentials none() {
        return None.INSTANCE;
    }

    /** A user name and password, sent as {@code Authorization: Basic base64(user:password)}. */
    static RegistryCredentials basic(String user, String password) {
        return new Basic(user, password);
    }

    /**
     * The {@code authorizationToken} of an ECR {@code GetAuthorizationToken} answer: base64 of
     * {@code AWS:<password>}, sent as is as {@code Authorization: Basic <token>}. It expires after
     * 12 hours; build a new client with a fresh token before then.
     */
    static RegistryCredentials ecrToken(String base64Token) {
        return new EcrToken(base64Token);
    }

    /** The value of the {@code Authorization} header these credentials send, if any. */
    Optional<String> authorization();

    /** Anonymous access. */
    enum None implements RegistryCredentials {
        INSTANCE;

        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }
    }

    /** A user name and password. */
    record Basic(String user, String password) implements RegistryCredentials {
        public Basic {
            Objects.requireNonNull(user, "user is null");
            Objects.requireNonNull(password, "password is null");
            if (user.isEmpty() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("user '" + user + "' must be non-empty and contain no ':'");
            }
        }

        @Override
        public Optional<String> authorization() {
            String pair = user + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=***]";
        }
    }

    /** An ECR authorization token. */
    record EcrToken(String base64Token) implements RegistryCredentials {
        public EcrToken {
            Objects.requireNonNull(base64Token, "base64Token is null");
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(base64Token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ECR authorization token is not base64", e);
            }
            if (!decoded.startsWith("AWS:") || decoded.length() == 4) {
                throw new IllegalArgumentException("ECR authorization token does not decode to AWS:<password>");
            }
        }

        @Override
        public Optional<String> authorization() {
            return Optional.of("Basic " + base64Token);
        }

        @Override
        public String toString() {
            return "EcrToken[***]";
        }
    }
}
