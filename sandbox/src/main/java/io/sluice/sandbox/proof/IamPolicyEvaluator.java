package io.sluice.sandbox.proof;

import io.sluice.sandbox.RepositoryFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.sandbox.proof.IamDecision.Decision;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates AWS calls against IAM policies as AWS would: the identity policies of the calling
 * role, the resource policy where the resource has one, cross-account trust (a call into another
 * account needs both an identity statement and a resource policy that allows the caller's account
 * or role), explicit denies, condition operators and wildcards, with actions and resource types
 * checked against the Service Authorization Reference.
 *
 * <p>Runs {@code node evaluate.mjs} from {@code sandbox/iam-evaluator} once, for the life of this
 * object; its npm packages are installed by {@code sandbox/local-tools.sh}. Thread-safe: calls from
 * any number of threads share the one process. {@link #close()} stops it.
 */
public final class IamPolicyEvaluator implements AutoCloseable {
    /** System property holding the repository root, where {@code sandbox/iam-evaluator} is. */
    private static final Path EVALUATOR_DIRECTORY = Path.of("sandbox", "iam-evaluator");
    private static final String SCRIPT = "evaluate.mjs";
    private static final Path LIBRARY = Path.of("node_modules", "@cloud-copilot", "iam-simulate", "package.json");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final BufferedWriter requests;
    private final Path errorLog;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private volatile String failure;

    private IamPolicyEvaluator(Process process, Path errorLog) {
        this.process = process;
        this.errorLog = errorLog;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readAnswers, "iam-evaluator-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the evaluator found through {@value RepositoryFiles#ROOT_PROPERTY}, or else in the first directory
     * at or above the working directory that holds {@code sandbox/iam-evaluator/evaluate.mjs}.
     *
     * @throws IllegalStateException if it is not found, its npm packages are not installed, or
     *     {@code node} cannot be started
     */
    public static IamPolicyEvaluator start() {
        return start(locate());
    }

    /** Starts the evaluator in {@code directory}, which holds {@code evaluate.mjs} and its {@code node_modules}. */
    public static IamPolicyEvaluator start(Path directory) {
        if (!Files.isRegularFile(directory.resolve(SCRIPT))) {
            throw new IllegalStateException(directory + " holds no " + SCRIPT);
        }
        if (!Files.isRegularFile(directory.resolve(LIBRARY))) {
            throw new IllegalStateException("the IAM evaluator's npm packages are not installed in "
                    + directory.resolve("node_modules") + "; run sandbox/local-tools.sh");
        }
        try {
            Path errorLog = Files.createTempFile("iam-evaluator", ".log");
            Process process = new ProcessBuilder("node", SCRIPT)
                    .directory(directory.toFile())
                    .redirectError(errorLog.toFile())
                    .start();
            return new IamPolicyEvaluator(process, errorLog);
        } catch (IOException e) {
            throw new IllegalStateException("could not start node " + SCRIPT + " in " + directory
                    + " (Node.js 18 or newer must be on the PATH; sandbox/local-tools.sh checks): " + e.getMessage(), e);
        }
    }

    static Path locate() {
        return RepositoryFiles.folderHolding(EVALUATOR_DIRECTORY, SCRIPT);
    }

    /**
     * Decides {@code request}.
     *
     * @throws IllegalArgumentException if the request cannot be evaluated: an action or service
     *     missing from the Service Authorization Reference, a resource ARN the action does not take,
     *     a policy that is not valid JSON or not a valid IAM policy
     * @throws IllegalStateException if the evaluator process failed or gave no answer within 30 seconds
     */
    public IamDecision evaluate(IamRequest request) {
        return evaluateAll(List.of(request)).get(0);
    }

    /**
     * Decides every request, in one exchange with the process; the answers are in request order.
     * Fails as {@link #evaluate} does, on the first request that cannot be evaluated.
     */
    public List<IamDecision> evaluateAll(List<IamRequest> batch) {
        List<Long> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (IamRequest request : batch) {
            long id = nextId.incrementAndGet();
            lines.add(requestLine(id, request));
            ids.add(id);
        }
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (long id : ids) {
            var answer = new CompletableFuture<JsonNode>();
            pending.put(id, answer);
            answers.add(answer);
        }
        try {
            send(lines);
        } catch (IllegalStateException e) {
            ids.forEach(pending::remove);
            throw e;
        }
        List<IamDecision> decisions = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            decisions.add(decision(batch.get(i), await(answers.get(i))));
        }
        return decisions;
    }

    private String requestLine(long id, IamRequest request) {
        ObjectNode line = json.createObjectNode()
                .put("id", id)
                .put("principal", request.principalArn())
                .put("action", request.action())
                .put("resource", request.resourceArn())
                .put("resourceAccount", request.resourceAccount());
        var identityPolicies = line.putArray("identityPolicies");
        for (int i = 0; i < request.identityPolicies().size(); i++) {
            identityPolicies.add(policy("identity policy " + (i + 1), request.identityPolicies().get(i)));
        }
        if (request.hasResourcePolicy()) {
            line.set("resourcePolicy", policy("the resource policy", request.resourcePolicy()));
        } else {
            line.putNull("resourcePolicy");
        }
        var context = line.putObject("context");
        request.context().forEach((key, values) -> {
            if (values.size() == 1) {
                context.put(key, values.get(0));
            } else {
                values.forEach(context.putArray(key)::add);
            }
        });
        return line.toString();
    }

    private JsonNode policy(String name, String document) {
        try {
            return json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private void send(List<String> lines) {
        synchronized (requests) {
            try {
                for (String line : lines) {
                    requests.write(line);
                    requests.write('\n');
                }
                requests.flush();
            } catch (IOException e) {
                throw new IllegalStateException("the IAM evaluator does not take requests: " + exitDescription(), e);
            }
        }
        if (failure != null) {
            failPending();
        }
    }

    private JsonNode await(CompletableFuture<JsonNode> answer) {
        try {
            return answer.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the IAM evaluator gave no answer within " + ANSWER_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the IAM evaluator", e);
        }
    }

    private static IamDecision decision(IamRequest request, JsonNode answer) {
        if (!answer.path("error").isNull()) {
            throw new IllegalArgumentException("cannot evaluate " + request.action() + " on " + request.resourceArn()
                    + ": " + answer.path("error").asText());
        }
        String reason = answer.path("reason").asText();
        return switch (answer.path("decision").asText()) {
            case "Allowed" -> new IamDecision(Decision.ALLOWED, reason);
            case "ExplicitlyDenied" -> new IamDecision(Decision.EXPLICITLY_DENIED, reason);
            case "ImplicitlyDenied" -> new IamDecision(Decision.IMPLICITLY_DENIED, reason);
            default -> throw new IllegalStateException("the IAM evaluator answered " + answer);
        };
    }

    private void readAnswers() {
        try (var answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = answers.readLine()) != null) {
                JsonNode answer = json.readTree(line);
                var waiting = pending.remove(answer.path("id").asLong());
                if (waiting != null) {
                    waiting.complete(answer);
                }
            }
        } catch (IOException e) {
            failure = "reading the IAM evaluator's answers failed: " + e.getMessage();
        }
        if (failure == null) {
            failure = "the IAM evaluator stopped: " + exitDescription();
        }
        failPending();
    }

    private void failPending() {
        pending.keySet().forEach(id -> {
            var waiting = pending.remove(id);
            if (waiting != null) {
                waiting.completeExceptionally(new IllegalStateException(failure));
            }
        });
    }

    private String exitDescription() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                return "still running";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        try {
            List<String> lines = Files.readAllLines(errorLog);
            return exit + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return exit;
        }
    }

    /** Ends the process: closes its input, then stops it if it has not exited within five seconds. */
    @Override
    public void close() {
        try {
            synchronized (requests) {
                requests.close();
            }
        } catch (IOException e) {
            // The process has already gone; it is stopped below either way.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(errorLog);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + errorLog, e);
        }
    }
}
