package uk.nhs.opd.pathway.support;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A loop on its own daemon thread that starts and stops with the application: the relay's publishing loop and the
 * projections' consuming loop. {@link #work()} runs while {@link #isRunning()}; stopping asks it to end
 * ({@link #wake()}) and waits a while for it.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String threadName;
    private volatile boolean running;
    private Thread worker;

    protected BackgroundWorker(String threadName) {
        this.threadName = threadName;
    }

    /** Gets ready to work; false if this instance should not work at all (nothing is started then). */
    protected boolean prepare() {
        return true;
    }

    /** The loop: it returns once {@link #isRunning()} turns false (or it gives up). */
    protected abstract void work();

    /** Interrupts whatever the loop waits on, so it sees that it must stop. */
    protected void wake() {
        worker.interrupt();
    }

    @Override
    public void start() {
        if (!prepare()) {
            return;
        }
        running = true;
        worker = new Thread(this::work, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            wake();
            try {
                worker.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
