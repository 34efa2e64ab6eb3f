package org.assistx.gateway.tracking;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A job another node is running right now: started on that node's {@link ClusterJobs}, held until released. */
final class HeldJob {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Boolean> run;

    /** Starts {@code name} on {@code otherNode} and returns once it runs there. */
    HeldJob(ClusterJobs otherNode, String name) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        run = CompletableFuture.supplyAsync(() -> otherNode.once(name, () -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not start on the other node");
        }
    }

    /** Lets the other node finish; returns whether the job ran there. */
    boolean release() throws Exception {
        release.countDown();
        return run.get(30, TimeUnit.SECONDS);
    }
}
