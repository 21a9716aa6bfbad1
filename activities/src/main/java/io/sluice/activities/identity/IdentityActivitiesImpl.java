package io.sluice.activities.identity;

import io.sluice.workflows.identity.StsEndpoint;
import io.sluice.activities.aws.AwsSettings;
import io.sluice.workflows.FailureType;
import io.sluice.workflows.identity.IdentityActivities;
import io.sluice.workflows.identity.VerifiedPrincipal;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Verifies proofs of identity: checks what the proof is for ({@link SignedProofChecks}), then sends
 * the signed request, unchanged, to the configured STS endpoint and returns the principal STS
 * answers with. STS checks the signature, the key and the session; a refusal there is final.
 */
public final class IdentityActivitiesImpl implements IdentityActivities {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Headers the HTTP client sets itself from the URL and body (their proof values were checked or are implied). */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final StsEndpoint endpoint;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Inject
    public IdentityActivitiesImpl(AwsSettings settings) {
        this(StsEndpoint.of(settings.region(), settings.endpointOverride()), Clock.systemUTC());
    }

    IdentityActivitiesImpl(StsEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public VerifiedPrincipal verify(ProofCheck check) {
        var refusal = SignedProofChecks.refusal(check.proof(), check.binding(), endpoint, clock.instant());
        if (refusal.isPresent()) {
            throw refused(refusal.get());
        }
        var request = HttpRequest.newBuilder(endpoint.uri())
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(check.proof().body(), StandardCharsets.UTF_8));
        check.proof().headers().forEach((name, value) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw FailureType.AWS_UNAVAILABLE.failure("STS at " + endpoint.uri() + " unreachable: " + e.getMessage()
                    + "; retrying", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FailureType.AWS_UNAVAILABLE.failure("interrupted verifying a proof of identity", e);
        }
        Document answer = parse(response.body());
        if (response.statusCode() / 100 == 5 || response.statusCode() == 429) {
            throw FailureType.AWS_UNAVAILABLE.failure("STS answered HTTP " + response.statusCode() + " to a proof of identity; retrying");
        }
        if (response.statusCode() != 200) {
            throw refused("STS refused it (HTTP " + response.statusCode() + " " + text(answer, "Code") + ": "
                    + text(answer, "Message") + ")");
        }
        String arn = text(answer, "Arn");
        String account = text(answer, "Account");
        if (arn.isEmpty() || account.isEmpty()) {
            throw FailureType.AWS_UNAVAILABLE.failure("STS answered GetCallerIdentity without Arn or Account; retrying");
        }
        return VerifiedPrincipal.of(arn, account, text(answer, "UserId"), answeredAt(response).toString());
    }

    private Instant answeredAt(HttpResponse<?> response) {
        return response.headers().firstValue("date").flatMap(date -> {
            try {
                return java.util.Optional.of(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        }).orElseGet(clock::instant);
    }

    private static ApplicationFailure refused(String reason) {
        return FailureType.IDENTITY_REFUSED.failure(reason);
    }

    private static Document parse(byte[] xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }

    private static String text(Document document, String element) {
        if (document == null) {
            return "";
        }
        var nodes = document.getElementsByTagName(element);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
