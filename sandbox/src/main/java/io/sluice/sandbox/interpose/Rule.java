package io.sluice.sandbox.interpose;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One scenario of an {@link AwsInterposer}: the requests it matches and what is answered to them.
 * Until {@link #answer} or {@link #rewrite} is called a rule forwards unchanged. A rule applies to
 * every matching request, or only to the first {@link #times(int) n}.
 */
public final class Rule {
    private final Predicate<AwsRequest> matches;
    private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch firstHit = new CountDownLatch(1);
    private volatile Responder responder = (request, upstream) -> upstream.forward();

    Rule(Predicate<AwsRequest> matches) {
        this.matches = matches;
    }

    /** Applies only to the first {@code count} matching requests; later ones go to moto. */
    public Rule times(int count) {
        remaining.set(count);
        return this;
    }

    /** Answers matching requests with {@code reply}, without asking moto. */
    public Rule answer(AwsReply reply) {
        return answer(request -> reply);
    }

    /** Answers matching requests with what {@code reply} makes of each, without asking moto. */
    public Rule answer(Function<AwsRequest, AwsReply> reply) {
        responder = (request, upstream) -> reply.apply(request);
        return this;
    }

    /** Forwards matching requests to moto and answers with {@code rewrite} of moto's answer. */
    public Rule rewrite(UnaryOperator<AwsReply> rewrite) {
        responder = (request, upstream) -> rewrite.apply(upstream.forward());
        return this;
    }

    /** How many requests this rule has answered. */
    public int hits() {
        return hits.get();
    }

    /**
     * Waits until this rule has answered a request: woken by the request, not by polling. Fails
     * naming {@code within} when none comes in that time.
     */
    public void awaitHit(Duration within) throws InterruptedException {
        if (!firstHit.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no matching request within " + within);
        }
    }

    /** Whether this rule takes {@code request}; taking it counts against {@link #times}. */
    boolean take(AwsRequest request) {
        if (!matches.test(request)) {
            return false;
        }
        if (remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) <= 0) {
            return false;
        }
        hits.incrementAndGet();
        firstHit.countDown();
        return true;
    }

    AwsReply reply(AwsRequest request, Upstream upstream) throws IOException {
        return responder.reply(request, upstream);
    }

    @FunctionalInterface
    interface Responder {
        AwsReply reply(AwsRequest request, Upstream upstream) throws IOException;
    }

    /** Moto's answer to the request being handled. */
    @FunctionalInterface
    interface Upstream {
        AwsReply forward() throws IOException;
    }
}
