package io.palisade.notify.delivery;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.routing.CurrentRouting;
import io.palisade.notify.routing.RoutingDecision;
import io.palisade.notify.routing.RoutingSubject;
import io.palisade.notify.routing.RoutingTree;
import io.palisade.notify.silence.Silence;
import io.palisade.notify.silence.SilenceStore;
import io.palisade.notify.state.LastSent;
import io.palisade.notify.state.NotificationStateStore;
import io.palisade.notify.state.NotifyPolicy;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes incidents and delivers each to every receiver, in partition order, at least once.
 *
 * <ul>
 *   <li>An offset is committed only once every receiver is done with the record: delivered, or
 *       rejected for good (a 4xx other than 408/429).
 *   <li>A retryable failure seeks the partition back to the record and pauses it until the backoff
 *       is over; the loop keeps polling meanwhile, so the group never drops the consumer, and the
 *       incident is never skipped. Later incidents of that partition wait behind it.
 *   <li>Tombstones are skipped; unreadable records go to the dead-letter topic, then are skipped.
 *   <li>Every attempt is written to the delivery log (notifications topic).
 * </ul>
 *
 * <p>Runs on one thread; {@link #shutdown()} may be called from any other.
 */
public final class IncidentDeliveryLoop implements Runnable {

  static final String DEAD_LETTER = "dead-letter";

  /** The {@code palisade.dlt.reason} of a record that is not a readable {@code Incident}. */
  static final String UNREADABLE = "deserialization";

  /** The {@code palisade.dlt.reason} of an incident version a receiver refused for good. */
  static final String REJECTED = "receiver-rejected";

  static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(IncidentDeliveryLoop.class);

  private final Consumer<byte[], byte[]> consumer;
  private final DeliveryLog deliveryLog;
  private final List<Receiver> receivers;
  private final CurrentRouting routing;
  private final NotificationStateStore notified;
  private final SilenceStore silences;
  private final Map<String, RateLimit> rateLimits;
  private final Topic<String, Incident> incidents;
  private final Topic<byte[], byte[]> deadLetter;
  private final String cluster;
  private final Backoff backoff;
  private final Duration processingBudget;
  private final DeliveryMetrics metrics;
  private final Clock clock;

  private final Map<TopicPartition, PendingDelivery> pending = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
  private final Map<String, Instant> reminderNotBefore = new HashMap<>();
  private Instant nextReminderCheck = Instant.MIN;
  private volatile boolean running = true;

  IncidentDeliveryLoop(
      Consumer<byte[], byte[]> consumer,
      DeliveryLog deliveryLog,
      PalisadeTopics topics,
      List<Receiver> receivers,
      CurrentRouting routing,
      NotificationStateStore notified,
      SilenceStore silences,
      Map<String, Double> rateLimits,
      String cluster,
      Backoff backoff,
      Duration processingBudget,
      DeliveryMetrics metrics,
      Clock clock) {
    if (receivers.isEmpty()) {
      throw new IllegalArgumentException("the delivery loop needs at least one receiver");
    }
    this.consumer = consumer;
    this.deliveryLog = deliveryLog;
    this.receivers = List.copyOf(receivers);
    this.routing = routing;
    this.notified = notified;
    this.silences = silences;
    this.rateLimits = new HashMap<>();
    rateLimits.forEach((name, perSecond) -> this.rateLimits.put(name, new RateLimit(perSecond)));
    this.incidents = topics.incidents();
    this.deadLetter = topics.deadLetter();
    this.cluster = cluster;
    this.backoff = backoff;
    this.processingBudget = processingBudget;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * A loop with its own Kafka consumer and producer that sends every incident to every receiver.
   */
  public static IncidentDeliveryLoop connect(
      KafkaSettings kafka,
      PalisadeTopics topics,
      List<Receiver> receivers,
      String cluster,
      Backoff backoff,
      DeliveryMetrics metrics,
      Clock clock) {
    return connect(
        kafka,
        topics,
        receivers,
        CurrentRouting.fixed(
            RoutingTree.everythingTo(receivers.stream().map(Receiver::name).toList())),
        null,
        null,
        Map.of(),
        cluster,
        backoff,
        metrics,
        clock);
  }

  /**
   * As {@link #connect(KafkaSettings, PalisadeTopics, List, CurrentRouting, String, SilenceStore,
   * Map, String, Backoff, DeliveryMetrics, Clock)}, with a tree that never changes.
   */
  public static IncidentDeliveryLoop connect(
      KafkaSettings kafka,
      PalisadeTopics topics,
      List<Receiver> receivers,
      RoutingTree routing,
      String stateTopic,
      SilenceStore silences,
      Map<String, Double> rateLimits,
      String cluster,
      Backoff backoff,
      DeliveryMetrics metrics,
      Clock clock) {
    return connect(
        kafka,
        topics,
        receivers,
        CurrentRouting.fixed(routing),
        stateTopic,
        silences,
        rateLimits,
        cluster,
        backoff,
        metrics,
        clock);
  }

  /**
   * A loop with its own Kafka consumer and producer that sends incidents where routing says.
   *
   * @param routing the tree in force, asked once per incident version (and per reminder check), so
   *     a reloaded tree applies from the next version on
   * @param stateTopic the compacted notification-state topic (created if missing); null sends every
   *     routed version, remembering nothing
   * @param silences the silences (owned by the caller); null silences nothing
   * @param rateLimits messages per second by receiver name; receivers not named are not limited
   */
  public static IncidentDeliveryLoop connect(
      KafkaSettings kafka,
      PalisadeTopics topics,
      List<Receiver> receivers,
      CurrentRouting routing,
      String stateTopic,
      SilenceStore silences,
      Map<String, Double> rateLimits,
      String cluster,
      Backoff backoff,
      DeliveryMetrics metrics,
      Clock clock) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerConfig());
    DeliveryLog deliveryLog =
        new DeliveryLog(
            new KafkaProducer<>(kafka.producerConfig()), topics, metrics, Duration.ofSeconds(30));
    NotificationStateStore notified = null;
    if (stateTopic != null) {
      try (Admin admin = Admin.create(kafka.adminConfig())) {
        NotificationStateStore.ensureTopic(admin, stateTopic);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating " + stateTopic, e);
      }
      notified =
          new NotificationStateStore(
              stateTopic,
              new KafkaConsumer<>(kafka.stateReaderConfig()),
              new KafkaProducer<>(kafka.producerConfig()));
    }
    return new IncidentDeliveryLoop(
        consumer,
        deliveryLog,
        topics,
        receivers,
        routing,
        notified,
        silences,
        rateLimits,
        cluster,
        backoff,
        kafka.processingBudget(),
        metrics,
        clock);
  }

  /** Asks the loop to stop; it commits what was delivered and closes its clients. */
  public void shutdown() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      if (notified != null) {
        notified.catchUp();
      }
      consumer.subscribe(List.of(incidents.name()), new Rebalance());
      while (running) {
        resumeDuePartitions();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(nextPollTimeout());
        process(records);
        commitProcessed();
        remindDue();
      }
    } catch (WakeupException | InterruptException e) {
      if (running) {
        throw e;
      }
    } catch (InterruptedException e) {
      if (running) {
        throw new IllegalStateException("interrupted while the loop was running", e);
      }
    } finally {
      // clear a shutdown interrupt so that the last commit and the closes can still talk to Kafka
      boolean interrupted = Thread.interrupted();
      close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void process(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    long started = System.nanoTime();
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        if (!running) {
          return; // not committed: read again by whoever owns the partition next
        }
        if (Duration.ofNanos(System.nanoTime() - started).compareTo(processingBudget) > 0) {
          consumer.seek(partition, record.offset()); // poll first, then carry on from here
          break;
        }
        if (!handle(partition, record)) {
          break;
        }
      }
    }
  }

  /** Handles one record; false when the partition now backs off (sought back and paused). */
  private boolean handle(TopicPartition partition, ConsumerRecord<byte[], byte[]> record)
      throws InterruptedException {
    if (record.value() == null) {
      markProcessed(partition, record); // a tombstone: compaction's business, nothing to notify
      return true;
    }
    Incident incident;
    try {
      incident = incidents.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      return deadLetter(partition, record, e);
    }
    PendingDelivery state = pending.get(partition);
    if (state == null || state.offset() != record.offset()) {
      // routed once per record: its retries go to the same receivers whatever the clock says
      // and decided once: a version worth sending stays worth sending through its retries
      Instant now = clock.instant();
      RoutingDecision decision = routing.tree().route(RoutingSubject.of(incident), now);
      Map<String, String> reasons = new HashMap<>();
      List<String> names =
          receivers.stream()
              .map(Receiver::name)
              .filter(decision.receivers()::contains)
              .filter(name -> worthSending(incident, name, decision, now, reasons))
              .toList();
      Optional<Silence> silence =
          silences == null || names.isEmpty()
              ? Optional.empty()
              : silences.silencing(RoutingSubject.of(incident), now);
      if (silence.isPresent()) {
        for (String name : names) {
          deliveryLog.attempt(
              AttemptRecords.silenced(incident, name, silence.get(), now, reasons.get(name)));
        }
        log.info(
            "incident {} v{} silenced by {} for {}",
            incident.getId(),
            incident.getVersion(),
            silence.get().id(),
            names);
        names = List.of();
      }
      if (names.isEmpty()) {
        log.debug("incident {} v{} goes to no receiver", incident.getId(), incident.getVersion());
      }
      state = new PendingDelivery(record.offset(), names);
      for (String name : names) {
        state.because(name, reasons.get(name));
      }
    }
    for (Receiver receiver : receivers) {
      if (state.awaits(receiver.name())) {
        RateLimit limit = rateLimits.get(receiver.name());
        Optional<Instant> notBefore =
            limit == null ? Optional.empty() : limit.take(clock.instant());
        if (notBefore.isPresent()) {
          state.deferUntil(notBefore.get()); // over its rate: later, without counting a failure
          continue;
        }
        attempt(receiver, incident, record, state);
      }
    }
    return endRound(partition, record, state, "incident " + incident.getId());
  }

  /** Whether {@code receiver} should hear about this version, given what it was last sent. */
  private boolean worthSending(
      Incident incident,
      String receiver,
      RoutingDecision decision,
      Instant now,
      Map<String, String> reasons) {
    if (notified == null) {
      return true;
    }
    NotifyPolicy.Reason reason =
        NotifyPolicy.decide(
            notified.get(incident.getId(), receiver),
            incident,
            now,
            decision.repeatInterval(receiver));
    reasons.put(receiver, reason.name());
    if (reason.send()) {
      log.info(
          "incident {} v{} to {}: {}", incident.getId(), incident.getVersion(), receiver, reason);
    } else {
      log.debug(
          "incident {} v{} not sent to {}: {}",
          incident.getId(),
          incident.getVersion(),
          receiver,
          reason);
    }
    return reason.send();
  }

  private void attempt(
      Receiver receiver,
      Incident incident,
      ConsumerRecord<byte[], byte[]> record,
      PendingDelivery state)
      throws InterruptedException {
    int attempt = state.nextAttempt(receiver.name());
    state.started(receiver.name(), clock.instant());
    long start = System.nanoTime();
    DeliveryResult result = deliver(receiver, incident);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Instant finished = clock.instant();
    deliveryLog.attempt(
        AttemptRecords.of(
            incident,
            receiver.name(),
            attempt,
            result,
            finished,
            took,
            state.reason(receiver.name())));
    metrics.attempt(receiver.name(), result, took);
    if (result.delivered()) {
      state.finished(receiver.name());
      if (notified != null) {
        notified.remember(
            incident.getId(), receiver.name(), LastSent.of(incident, finished, record.value()));
      }
      metrics.delivered(receiver.name(), Duration.between(incident.getIngestTime(), finished));
      log.info(
          "delivered incident {} v{} to {} (attempt {})",
          incident.getId(),
          incident.getVersion(),
          receiver.name(),
          attempt);
    } else if (result.retryable()
        && backoff.givesUp(state.firstAttempt(receiver.name()), finished)) {
      log.error(
          "giving up on incident {} v{} to {} after {} attempts since {}: {}",
          incident.getId(),
          incident.getVersion(),
          receiver.name(),
          attempt,
          state.firstAttempt(receiver.name()),
          result.error());
      deadLetterRejected(
          receiver,
          record,
          new DeliveryResult(
              result.status(),
              result.statusCode(),
              null,
              "gave up after " + backoff.giveUpAfter() + ": " + result.error()),
          state);
    } else if (result.retryable()) {
      state.retryLater(result.requestedDelay());
      log.warn(
          "attempt {} to deliver incident {} v{} to {} failed, will retry: {}",
          attempt,
          incident.getId(),
          incident.getVersion(),
          receiver.name(),
          result.error());
    } else {
      log.error(
          "receiver {} rejected incident {} v{} (attempt {}), not retrying: {}",
          receiver.name(),
          incident.getId(),
          incident.getVersion(),
          attempt,
          result.error());
      deadLetterRejected(receiver, record, result, state);
    }
  }

  /**
   * A version a receiver refused for good goes to the dead-letter topic (reason {@value REJECTED},
   * the receiver and its secret-free error in {@code palisade.dlt.error}), so it can be replayed
   * once the receiver is fixed. If the dead letter cannot be written, the receiver is tried again.
   */
  private void deadLetterRejected(
      Receiver receiver,
      ConsumerRecord<byte[], byte[]> record,
      DeliveryResult result,
      PendingDelivery state)
      throws InterruptedException {
    DeadLetter letter =
        new DeadLetter(
            record.topic() + "/" + record.partition() + "/" + record.offset(),
            record.key(),
            record.value(),
            record.headers(),
            record.topic(),
            record.partition(),
            record.offset(),
            AttemptRecords.SERVICE,
            REJECTED,
            receiver.name() + ": " + result.error(),
            record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : clock.instant());
    try {
      deliveryLog.deadLetter(letter.toProducerRecord(deadLetter, cluster));
      state.finished(receiver.name());
      metrics.deadLettered();
    } catch (DeliveryLog.DeadLetterException failure) {
      state.retryLater(Optional.empty());
      log.warn("{}", failure.getMessage());
    }
  }

  /** A receiver that throws has a defect; the incident is marked failed rather than stuck. */
  private static DeliveryResult deliver(Receiver receiver, Incident incident)
      throws InterruptedException {
    try {
      return receiver.deliver(incident);
    } catch (RuntimeException e) {
      // the message is not logged: it could quote the receiver's configuration
      log.debug("receiver {} threw", receiver.name(), e);
      return DeliveryResult.notSent("receiver failed: " + e.getClass().getName());
    }
  }

  private boolean deadLetter(
      TopicPartition partition, ConsumerRecord<byte[], byte[]> record, SerializationException e)
      throws InterruptedException {
    PendingDelivery state = pendingFor(partition, record.offset(), List.of(DEAD_LETTER));
    try {
      deliveryLog.deadLetter(
          DeadLetter.ofRecord(record, AttemptRecords.SERVICE, UNREADABLE, e)
              .toProducerRecord(deadLetter, cluster));
      state.finished(DEAD_LETTER);
      metrics.deadLettered();
      log.warn(
          "unreadable record {}/{}/{} sent to {}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          deadLetter.name(),
          e.getMessage());
    } catch (DeliveryLog.DeadLetterException failure) {
      state.retryLater(Optional.empty());
      log.warn("{}", failure.getMessage());
    }
    return endRound(partition, record, state, "unreadable record");
  }

  private boolean endRound(
      TopicPartition partition,
      ConsumerRecord<byte[], byte[]> record,
      PendingDelivery state,
      String what) {
    Optional<Instant> retryAt = state.endRound(clock.instant(), backoff);
    if (retryAt.isEmpty()) {
      pending.remove(partition);
      markProcessed(partition, record);
      return true;
    }
    pending.put(partition, state);
    consumer.seek(partition, record.offset());
    consumer.pause(List.of(partition));
    log.info("{} at {}@{}: next attempt at {}", what, partition, record.offset(), retryAt.get());
    return false;
  }

  private PendingDelivery pendingFor(TopicPartition partition, long offset, List<String> names) {
    PendingDelivery state = pending.get(partition);
    return state != null && state.offset() == offset ? state : new PendingDelivery(offset, names);
  }

  private void markProcessed(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    processed.put(partition, new OffsetAndMetadata(record.offset() + 1, record.leaderEpoch(), ""));
  }

  private void resumeDuePartitions() {
    Instant now = clock.instant();
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> due =
        pending.entrySet().stream()
            .filter(entry -> paused.contains(entry.getKey()))
            .filter(entry -> !entry.getValue().retryAt().isAfter(now))
            .map(Map.Entry::getKey)
            .toList();
    if (!due.isEmpty()) {
      consumer.resume(due);
    }
  }

  /** Polls no longer than until the next paused partition is due. */
  private Duration nextPollTimeout() {
    Instant now = clock.instant();
    Set<TopicPartition> paused = consumer.paused();
    Duration timeout = POLL_TIMEOUT;
    for (Map.Entry<TopicPartition, PendingDelivery> entry : pending.entrySet()) {
      if (paused.contains(entry.getKey())) {
        Duration untilDue = Duration.between(now, entry.getValue().retryAt());
        if (untilDue.compareTo(timeout) < 0) {
          timeout = untilDue.isNegative() ? Duration.ZERO : untilDue;
        }
      }
    }
    return timeout;
  }

  /**
   * Reminders: an incident still open whose last message to a receiver is older than its route's
   * repeat interval is sent again (the version last sent), by the replica that owns the incident's
   * partition. Checked at most once per poll timeout. A failed reminder is tried again after the
   * longest backoff; a silenced one is recorded once per repeat interval.
   */
  private void remindDue() throws InterruptedException {
    Instant now = clock.instant();
    if (notified == null || now.isBefore(nextReminderCheck)) {
      return;
    }
    nextReminderCheck = now.plus(POLL_TIMEOUT);
    Set<TopicPartition> owned = consumer.assignment();
    if (owned.isEmpty()) {
      return;
    }
    int partitions = consumer.partitionsFor(incidents.name()).size();
    RoutingTree tree = routing.tree();
    for (Receiver receiver : receivers) {
      for (Map.Entry<String, LastSent> open : notified.openFor(receiver.name()).entrySet()) {
        String id = open.getKey();
        LastSent sent = open.getValue();
        String key = id + "/" + receiver.name();
        // cheap checks first: decoding and routing every open incident at every check would hold
        // up the loop for as long as there are open incidents
        if (now.isBefore(sent.sentAt().plus(tree.shortestRepeatInterval()))
            || sent.incidentBytes().isEmpty()
            || now.isBefore(reminderNotBefore.getOrDefault(key, Instant.MIN))
            || !owned.contains(partitionOf(id, partitions))) {
          continue;
        }
        Incident incident =
            incidents
                .valueSerde()
                .deserializer()
                .deserialize(incidents.name(), sent.incidentBytes().get());
        RoutingSubject subject = RoutingSubject.of(incident);
        RoutingDecision decision = tree.route(subject, now);
        Duration repeat = decision.repeatInterval(receiver.name());
        if (!decision.receivers().contains(receiver.name())
            || now.isBefore(sent.sentAt().plus(repeat))) {
          continue;
        }
        Optional<Silence> silence =
            silences == null ? Optional.empty() : silences.silencing(subject, now);
        if (silence.isPresent()) {
          deliveryLog.attempt(
              AttemptRecords.silenced(
                  incident,
                  receiver.name(),
                  silence.get(),
                  now,
                  NotifyPolicy.Reason.REMINDER.name()));
          reminderNotBefore.put(key, now.plus(repeat));
          continue;
        }
        RateLimit limit = rateLimits.get(receiver.name());
        if (limit != null && limit.take(now).isPresent()) {
          continue; // over its rate: the next check tries again
        }
        long start = System.nanoTime();
        DeliveryResult result = deliver(receiver, incident);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Instant finished = clock.instant();
        deliveryLog.attempt(
            AttemptRecords.of(
                incident,
                receiver.name(),
                0,
                result,
                finished,
                took,
                NotifyPolicy.Reason.REMINDER.name()));
        metrics.attempt(receiver.name(), result, took);
        if (result.delivered()) {
          notified.remember(id, receiver.name(), sent.resentAt(finished));
          notified.flush();
          reminderNotBefore.remove(key);
          log.info("reminded {} of incident {} v{}", receiver.name(), id, incident.getVersion());
        } else {
          reminderNotBefore.put(key, finished.plus(backoff.max()));
          log.warn(
              "reminder of incident {} to {} failed, will try again: {}",
              id,
              receiver.name(),
              result.error());
        }
      }
    }
  }

  /** The incidents-topic partition of an incident, as Kafka's default partitioner places it. */
  private TopicPartition partitionOf(String incidentId, int partitions) {
    byte[] key = incidents.keySerde().serializer().serialize(incidents.name(), incidentId);
    return new TopicPartition(incidents.name(), Utils.toPositive(Utils.murmur2(key)) % partitions);
  }

  private void commitProcessed() {
    if (processed.isEmpty()) {
      return;
    }
    deliveryLog.flush(); // the delivery log of what is committed is written first
    if (notified != null) {
      notified.flush(); // and what was sent, so that no one sends it again
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(processed);
    try {
      consumer.commitSync(offsets);
      offsets.forEach(processed::remove);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // the group moved on: whoever owns these partitions now re-reads and re-delivers them
      processed.clear();
      log.warn("could not commit {} (the group rebalanced): {}", offsets, e.toString());
    }
  }

  private void close() {
    try {
      commitProcessed();
    } catch (RuntimeException e) {
      log.warn("last commit failed; undelivered progress will be re-read: {}", e.toString());
    }
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (RuntimeException e) {
      log.warn("closing the incident consumer failed: {}", e.toString());
    }
    deliveryLog.close();
    if (notified != null) {
      notified.close();
    }
  }

  /** Commits what was delivered before a partition moves, and forgets its retry state. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = processed.remove(partition);
        if (offset != null) {
          offsets.put(partition, offset);
        }
        pending.remove(partition);
      }
      if (!offsets.isEmpty()) {
        try {
          deliveryLog.flush();
          if (notified != null) {
            notified.flush();
          }
          consumer.commitSync(offsets);
        } catch (RuntimeException e) {
          log.warn("could not commit {} on revocation: {}", offsets, e.toString());
        }
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        processed.remove(partition);
        pending.remove(partition);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // the committed offsets say where to start; what the previous owner sent must be known first
      if (notified != null && !partitions.isEmpty()) {
        notified.catchUp();
      }
    }
  }
}
