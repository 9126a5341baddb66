package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * Seals every stored secret that opens only under a previous master key again under the current one, so that the
 * previous keys ({@code atsbridge.adapter.previous-master-keys}) can be removed. It goes through every
 * {@link SealedSecretStore} (connection credentials and webhook secrets, partner and callback keys, subscriber secrets)
 * a page at a time, and replaces each such ciphertext in a transaction of its own, only if the row still holds it: any
 * number of replicas may run it at once, and running it again changes nothing. A secret that opens under no
 * configured key stays as it is, counted unreadable (its users report it as they did before).
 *
 * <p>While previous keys are configured it runs once in the background at start-up, which it does not hold up, and
 * logs one line with what it found; {@link #lastPass()} answers the same.
 */
@Singleton
public final class MasterKeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyRotation.class);
    /** Secrets read per query. */
    static final int PAGE = 100;

    /**
     * What one pass over every stored secret found.
     *
     * @param resealed   secrets that opened only under a previous key and are now sealed under the current one
     * @param current    secrets sealed under the current key already (or sealed again meanwhile by another replica, or
     *                   changed by a declaration)
     * @param unreadable secrets that open under none of the configured keys, left as they are
     */
    public record Pass(int resealed, int current, int unreadable) {
    }

    private enum Outcome { RESEALED, CURRENT, UNREADABLE }

    private final SecretCipher cipher;
    private final List<SealedSecretStore> stores;
    @Nullable
    private volatile Pass lastPass;
    @Nullable
    private Thread thread;

    MasterKeyRotation(SecretCipher cipher, List<SealedSecretStore> stores) {
        this.cipher = cipher;
        this.stores = List.copyOf(stores);
    }

    @EventListener
    void onStartup(ApplicationStartupEvent event) {
        if (cipher.previousKeyCount() > 0) {
            start();
        }
    }

    /** Starts the background pass (once). */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread pass = new Thread(this::runInBackground, "adapter-master-key-rotation");
        pass.setDaemon(true);
        thread = pass;
        pass.start();
    }

    /** Stops the background pass if it still runs: what it re-sealed stays re-sealed, the next start goes on. */
    @PreDestroy
    synchronized void stop() {
        Thread pass = thread;
        if (pass == null) {
            return;
        }
        pass.interrupt();
        try {
            pass.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the last pass that ended found; empty until one ended. */
    public Optional<Pass> lastPass() {
        return Optional.ofNullable(lastPass);
    }

    private void runInBackground() {
        long started = System.nanoTime();
        try {
            Pass pass = reseal();
            long millis = (System.nanoTime() - started) / 1_000_000;
            // The line an operator waits for before removing the previous keys; it names counts, never a key or secret.
            LOG.info("master key rotation: re-sealed {}, already current {}, unreadable {} stored secret(s) in {} ms; "
                            + "nothing stored needs a previous master key any more{}", pass.resealed(), pass.current(),
                    pass.unreadable(), millis, pass.unreadable() == 0 ? "" : " (the unreadable ones are sealed under "
                            + "none of the configured keys, and stay as they are)");
        } catch (InterruptedPass e) {
            LOG.info("master key rotation stopped with the service before it ended; it goes on at the next start");
        } catch (RuntimeException e) {
            LOG.warn("master key rotation failed, stored secrets are partly sealed under a previous master key; "
                    + "it runs again at the next start: {}", e.toString());
        }
    }

    /**
     * Seals again under the current master key every stored secret that opens only under a previous one, and counts
     * what it found. Safe on several replicas at once and any number of times.
     */
    public Pass reseal() {
        int resealed = 0;
        int current = 0;
        int unreadable = 0;
        for (SealedSecretStore store : stores) {
            SealedSecret last = null;
            List<SealedSecret> page;
            do {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedPass();
                }
                page = store.after(last, PAGE);
                for (SealedSecret secret : page) {
                    switch (reseal(store, secret)) {
                        case RESEALED -> resealed++;
                        case CURRENT -> current++;
                        case UNREADABLE -> unreadable++;
                    }
                }
                last = page.isEmpty() ? last : page.get(page.size() - 1);
            } while (page.size() == PAGE);
        }
        Pass pass = new Pass(resealed, current, unreadable);
        lastPass = pass;
        return pass;
    }

    private Outcome reseal(SealedSecretStore store, SealedSecret secret) {
        Optional<byte[]> resealed;
        try {
            resealed = cipher.resealed(secret.binding(), secret.ciphertext());
        } catch (GeneralSecurityException e) {
            LOG.debug("{} {} opens under no configured master key", store.what(), secret);
            return Outcome.UNREADABLE;
        }
        if (resealed.isEmpty()) {
            return Outcome.CURRENT;
        }
        return store.replace(secret, resealed.get()) ? Outcome.RESEALED : Outcome.CURRENT;
    }

    /** The service is stopping: the pass ends where it is. */
    private static final class InterruptedPass extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedPass() {
            super("interrupted", null, false, false);
        }
    }
}
