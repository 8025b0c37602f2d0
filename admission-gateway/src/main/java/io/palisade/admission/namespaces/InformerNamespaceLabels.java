package io.palisade.admission.namespaces;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespace labels from a fabric8 {@link SharedIndexInformer} on namespaces: one list, then a watch
 * keeps the in-memory copy current, so a relabelled namespace takes effect within the watch's
 * latency and admission never waits for the API server in the common case.
 *
 * <p>A namespace that is not (yet) in the cache, because the informer has not synced or the
 * namespace was created an instant ago, is fetched from the API server directly, as PSA does,
 * waiting at most {@code lookupTimeout}, at most four at a time. If that fails too (or four are
 * already waiting, as during an API server outage) the namespace is treated as unlabelled: the
 * cluster defaults and configured overrides apply, never "no checks". Every such miss is counted
 * ({@link #cacheMisses()}, {@link #lookupFailures()}).
 */
public final class InformerNamespaceLabels implements NamespaceLabels, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InformerNamespaceLabels.class);

  private static final int MAX_CONCURRENT_LOOKUPS = 4;

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final SharedIndexInformer<Namespace> informer;
  private final Duration lookupTimeout;
  private final ExecutorService lookups;
  private final AtomicLong cacheMisses = new AtomicLong();
  private final AtomicLong lookupFailures = new AtomicLong();

  /**
   * Creates the informer; call {@link #start()} to list and watch.
   *
   * @param resync how often the informer re-delivers its whole cache to handlers; {@link
   *     Duration#ZERO} for never (the watch keeps the cache current; resync only replays it)
   * @param lookupTimeout the longest a cache miss waits for a direct GET of the namespace
   * @param changed told the name of every namespace added, relabelled or deleted, after the cache
   *     holds the change
   */
  public InformerNamespaceLabels(
      KubernetesClient client, Duration resync, Duration lookupTimeout, Consumer<String> changed) {
    this(client, false, resync, lookupTimeout, changed);
  }

  /**
   * Connects with the default client configuration (in-cluster service account, or {@code
   * KUBECONFIG}); {@link #close()} also closes that client.
   */
  public static InformerNamespaceLabels connect(
      Duration resync, Duration lookupTimeout, Consumer<String> changed) {
    return new InformerNamespaceLabels(
        new KubernetesClientBuilder().build(), true, resync, lookupTimeout, changed);
  }

  private InformerNamespaceLabels(
      KubernetesClient client,
      boolean ownsClient,
      Duration resync,
      Duration lookupTimeout,
      Consumer<String> changed) {
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.lookupTimeout = Objects.requireNonNull(lookupTimeout, "lookupTimeout");
    Objects.requireNonNull(changed, "changed");
    this.informer = client.namespaces().runnableInformer(resync.toMillis());
    this.informer.addEventHandler(
        new ResourceEventHandler<Namespace>() {
          @Override
          public void onAdd(Namespace namespace) {
            changed.accept(namespace.getMetadata().getName());
          }

          @Override
          public void onUpdate(Namespace before, Namespace after) {
            if (!Objects.equals(
                before.getMetadata().getLabels(), after.getMetadata().getLabels())) {
              changed.accept(after.getMetadata().getName());
            }
          }

          @Override
          public void onDelete(Namespace namespace, boolean finalStateUnknown) {
            changed.accept(namespace.getMetadata().getName());
          }
        });
    // bounded: during an API outage, lookups beyond these fail at once instead of piling up threads
    this.lookups =
        new ThreadPoolExecutor(
            0,
            MAX_CONCURRENT_LOOKUPS,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "namespace-lookup");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts listing and watching. Does not block: the returned stage completes when the first list
   * is in the cache ({@link #synced()}), or exceptionally if the informer cannot start; until then
   * lookups go to the API server directly.
   */
  public CompletionStage<Void> start() {
    return informer.start();
  }

  @Override
  public Map<String, String> labels(String namespace) {
    Namespace cached = informer.getStore().getByKey(namespace);
    if (cached != null) {
      return labelsOf(cached);
    }
    cacheMisses.incrementAndGet();
    return lookUp(namespace);
  }

  private Map<String, String> lookUp(String namespace) {
    CompletableFuture<Namespace> lookup;
    try {
      lookup =
          CompletableFuture.supplyAsync(
              () -> client.namespaces().withName(namespace).get(), lookups);
    } catch (RejectedExecutionException e) {
      lookupFailures.incrementAndGet();
      log.warn(
          "namespace {} is not cached and {} lookups are already running; it is treated as"
              + " unlabelled",
          namespace,
          MAX_CONCURRENT_LOOKUPS);
      return Map.of();
    }
    try {
      Namespace live = lookup.get(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (live == null) {
        log.debug("namespace {} not found; it is treated as unlabelled", namespace);
        return Map.of();
      }
      return labelsOf(live);
    } catch (TimeoutException | ExecutionException e) {
      lookup.cancel(true);
      lookupFailures.incrementAndGet();
      log.warn(
          "namespace {} is not cached and could not be read ({}); it is treated as unlabelled",
          namespace,
          e instanceof TimeoutException
              ? "no answer within " + lookupTimeout
              : String.valueOf(rootCause(e)));
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lookupFailures.incrementAndGet();
      return Map.of();
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static Map<String, String> labelsOf(Namespace namespace) {
    // the informer replaces objects on change and never mutates them: a read-only view suffices
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return labels == null ? Map.of() : Collections.unmodifiableMap(labels);
  }

  @Override
  public boolean synced() {
    return informer.hasSynced();
  }

  /** Lookups of a namespace that was not in the cache. */
  public long cacheMisses() {
    return cacheMisses.get();
  }

  /**
   * Cache misses whose direct lookup failed or timed out (the namespace was treated as unlabelled).
   */
  public long lookupFailures() {
    return lookupFailures.get();
  }

  /** Stops the informer, and closes the client if {@link #connect} created it. */
  @Override
  public void close() {
    informer.stop();
    try {
      // the watch connection is closed asynchronously: wait for it, so that nothing is left open
      informer.stopped().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // stopped with an error, or slowly: nothing more to wait for
    }
    lookups.shutdownNow();
    if (ownsClient) {
      client.close();
    }
  }
}
