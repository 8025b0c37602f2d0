package io.palisade.correlation.detect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Signal;
import io.palisade.correlation.sigma.SigmaCorrelationRule;
import io.palisade.correlation.sigma.SigmaRule;
import io.palisade.correlation.sigma.SigmaRuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful half of Sigma detection, on one cluster's matches (keyed by cluster) in event time:
 *
 * <ul>
 *   <li><b>Repeats</b>: the first signal of a rule for a set of entities is emitted at once; the
 *       same rule on the same entities within the repeat window (event time, from that first one)
 *       is held back and counted, and one follow-up signal with {@code count} = the number of
 *       repeats is emitted when the window ends (stream time passes it, or the wall clock does for
 *       an idle stream). Correlation signals are aggregated the same way.
 *   <li><b>Correlations</b>: each match of a rule a correlation refers to joins the correlation's
 *       group (cluster + group-by values) and is checked by {@link CorrelationWindows}; matches
 *       more than the grace behind stream time are late and ignored (counted in {@code
 *       palisade.detection.correlation.late}).
 * </ul>
 *
 * State: {@value #REPEAT_STORE} and {@value #CORRELATION_STORE} (persistent, changelogged).
 */
final class SigmaSignalProcessor implements Processor<String, SigmaMatch, String, Signal> {

  static final String REPEAT_STORE = "palisade-sigma-repeats";
  static final String CORRELATION_STORE = "palisade-sigma-correlations";

  /** Matches a group keeps at most; beyond it the oldest are dropped (and logged). */
  static final int MAX_GROUP_ENTRIES = 10_000;

  /** Signal ids a repeat window remembers to recognise the same signal again. */
  static final int MAX_REMEMBERED_IDS = 64;

  private static final Logger log = LoggerFactory.getLogger(SigmaSignalProcessor.class);
  private static final Duration WALL_CLOCK_INTERVAL = Duration.ofSeconds(10);
  private static final char SEPARATOR = '\u001f';

  private final SigmaRules rules;
  private final DetectionSettings settings;
  private final Serde<Signal> signalSerde;
  private final String signalTopic;
  private final Map<EvidenceSource, String> topics;
  private final Counter late;
  private ProcessorContext<String, Signal> context;
  private KeyValueStore<String, RepeatState> repeats;
  private KeyValueStore<String, CorrelationGroup> groups;

  SigmaSignalProcessor(
      SigmaRules rules,
      DetectionSettings settings,
      Serde<Signal> signalSerde,
      String signalTopic,
      Map<EvidenceSource, String> topics,
      MeterRegistry meters) {
    this.rules = rules;
    this.settings = settings;
    this.signalSerde = signalSerde;
    this.signalTopic = signalTopic;
    this.topics = Map.copyOf(topics);
    this.late = meters.counter("palisade.detection.correlation.late");
  }

  @Override
  public void init(ProcessorContext<String, Signal> context) {
    this.context = context;
    this.repeats = context.getStateStore(REPEAT_STORE);
    this.groups = context.getStateStore(CORRELATION_STORE);
    long shortest =
        Math.min(settings.repeatWindow().toMillis(), Math.max(1, settings.grace().toMillis()));
    Duration interval = Duration.ofMillis(Math.max(1_000, Math.min(10_000, shortest / 2)));
    context.schedule(interval, PunctuationType.STREAM_TIME, this::onStreamTime);
    context.schedule(WALL_CLOCK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
  }

  @Override
  public void process(Record<String, SigmaMatch> record) {
    SigmaMatch match = record.value();
    if (match == null || match.isTimeMark()) {
      return; // a time mark only moves stream time (by its record timestamp)
    }
    if (match.signal() != null) {
      emitAggregated(signalSerde.deserializer().deserialize(signalTopic, match.signal()));
    }
    SigmaRuleSet set = rules.current();
    SigmaRule rule = set.detection(match.ruleKey());
    if (rule == null) {
      return; // the rule was removed by a reload since the match
    }
    List<SigmaRuleSet.Reference> references = set.references(rule);
    if (references.isEmpty()) {
      return;
    }
    long streamTime = context.currentStreamTimeMs();
    if (match.eventTime() < streamTime - settings.grace().toMillis()) {
      late.increment();
      log.debug(
          "late match of {} on {} at {} ({} ms behind stream time, grace {}): not correlated",
          match.ruleKey(),
          match.evidenceId(),
          match.eventTime(),
          streamTime - match.eventTime(),
          settings.grace());
      return;
    }
    for (SigmaRuleSet.Reference reference : references) {
      correlate(set, reference, match);
    }
  }

  private void correlate(SigmaRuleSet set, SigmaRuleSet.Reference reference, SigmaMatch match) {
    SigmaCorrelationRule correlation = reference.correlation();
    List<String> groupValues = new ArrayList<>();
    for (String field : reference.groupFields()) {
      String value = match.fields().get(field);
      if (value == null) {
        log.debug(
            "{} on {} has no {}: not counted by correlation {}",
            match.ruleKey(),
            match.evidenceId(),
            field,
            correlation.key());
        return;
      }
      groupValues.add(value);
    }
    String value = null;
    if (reference.valueField() != null) {
      value = match.fields().get(reference.valueField());
      if (value == null) {
        return;
      }
    }
    String key = groupKey(correlation.key(), match.cluster(), groupValues);
    CorrelationGroup group = groups.get(key);
    List<CorrelationEntry> entries = new ArrayList<>(group == null ? List.of() : group.entries());
    CorrelationEntry entry =
        new CorrelationEntry(
            match.eventTime(),
            reference.position(),
            value,
            match.evidenceId(),
            match.evidenceKey(),
            match.source(),
            match.ingestTime());
    for (CorrelationEntry held : entries) {
      if (held.position() == entry.position()
          && java.util.Objects.equals(held.evidenceKey(), entry.evidenceKey())) {
        return; // another stage of the same request
      }
    }
    int at = entries.size();
    while (at > 0 && entries.get(at - 1).time() > entry.time()) {
      at--;
    }
    entries.add(at, entry);
    if (entries.size() > MAX_GROUP_ENTRIES) {
      log.warn(
          "correlation {} group {} holds more than {} matches; dropping the oldest",
          correlation.key(),
          groupValues,
          MAX_GROUP_ENTRIES);
      entries.remove(0);
    }
    group = new CorrelationGroup(correlation.key(), match.cluster(), groupValues, entries);
    if (CorrelationWindows.eager(correlation)) {
      List<CorrelationEntry> window = CorrelationWindows.onArrival(correlation, entries, entry);
      if (!window.isEmpty()) {
        fire(set, correlation, group, window);
        entries.removeAll(window);
        group = new CorrelationGroup(correlation.key(), match.cluster(), groupValues, entries);
      }
    }
    store(key, group);
  }

  private void fire(
      SigmaRuleSet set,
      SigmaCorrelationRule correlation,
      CorrelationGroup group,
      List<CorrelationEntry> window) {
    Signal signal =
        SigmaSignals.correlation(
            correlation,
            set.referenced(correlation),
            group,
            window,
            topics,
            settings.evidenceCap());
    emitAggregated(signal);
  }

  private void store(String key, CorrelationGroup group) {
    if (group.entries().isEmpty()) {
      groups.delete(key);
    } else {
      groups.put(key, group);
    }
  }

  /** Emits the first signal of a repeat window at once, counts the rest (see class comment). */
  private void emitAggregated(Signal signal) {
    String entityKey = SigmaMatch.entityKey(signal.getEntities());
    String key = signal.getCluster() + SEPARATOR + signal.getRuleId() + SEPARATOR + entityKey;
    long time = signal.getEventTime().toEpochMilli();
    long window = settings.repeatWindow().toMillis();
    RepeatState state = repeats.get(key);
    if (state != null && state.signalIds().contains(signal.getId())) {
      return; // the same signal again (another stage of the same request, a redelivery)
    }
    if (state != null && window > 0 && Math.abs(time - state.windowStart()) < window) {
      List<String> evidence = new ArrayList<>(state.evidenceIds());
      List<String> ids =
          signal.getEvidenceIds().isEmpty()
              ? List.of(signal.getEvidence().getId())
              : signal.getEvidenceIds();
      for (String id : ids) {
        if (evidence.size() < settings.evidenceCap() && !evidence.contains(id)) {
          evidence.add(id);
        }
      }
      boolean latest = time >= state.lastTime() || state.lastSignal() == null;
      repeats.put(
          key,
          new RepeatState(
              state.windowStart(),
              state.repeats() + signal.getCount(),
              Math.max(time, state.lastTime()),
              state.heldSince(),
              latest ? signalSerde.serializer().serialize(signalTopic, signal) : state.lastSignal(),
              evidence,
              remember(state.signalIds(), signal.getId())));
      return;
    }
    if (state != null) {
      flush(key, state);
    }
    forward(signal);
    if (window > 0) {
      repeats.put(
          key,
          new RepeatState(
              time,
              0,
              time,
              context.currentSystemTimeMs(),
              null,
              List.of(),
              List.of(signal.getId())));
    }
  }

  /** The signal ids a window has seen, the most recent {@link #MAX_REMEMBERED_IDS}. */
  private static List<String> remember(List<String> ids, String id) {
    List<String> remembered = new ArrayList<>(ids);
    remembered.add(id);
    if (remembered.size() > MAX_REMEMBERED_IDS) {
      remembered.remove(1); // keep the first signal's id
    }
    return remembered;
  }

  private void flush(String key, RepeatState state) {
    repeats.delete(key);
    if (state.repeats() > 0) {
      Signal last = signalSerde.deserializer().deserialize(signalTopic, state.lastSignal());
      forward(SigmaSignals.repeats(last, state, SigmaMatch.entityKey(last.getEntities())));
    }
  }

  private void forward(Signal signal) {
    context.forward(
        new Record<>(signal.getCluster(), signal, signal.getEventTime().toEpochMilli()));
  }

  private void onStreamTime(long streamTime) {
    long window = settings.repeatWindow().toMillis();
    flushRepeats(state -> state.windowStart() + window <= streamTime);
    closeWindows(streamTime);
  }

  private void onWallClock(long now) {
    long window = settings.repeatWindow().toMillis();
    flushRepeats(state -> state.heldSince() + window <= now);
  }

  private void flushRepeats(java.util.function.Predicate<RepeatState> due) {
    List<KeyValue<String, RepeatState>> ended = new ArrayList<>();
    try (KeyValueIterator<String, RepeatState> all = repeats.all()) {
      while (all.hasNext()) {
        KeyValue<String, RepeatState> next = all.next();
        if (due.test(next.value)) {
          ended.add(next);
        }
      }
    }
    ended.sort(Comparator.comparingLong(kv -> kv.value.lastTime()));
    for (KeyValue<String, RepeatState> state : ended) {
      flush(state.key, state.value);
    }
  }

  /**
   * Drops matches too old to be in any open window, and evaluates the windows of non-monotone
   * conditions that are complete (timespan and grace passed).
   */
  private void closeWindows(long streamTime) {
    SigmaRuleSet set = rules.current();
    long grace = settings.grace().toMillis();
    List<KeyValue<String, CorrelationGroup>> all = new ArrayList<>();
    try (KeyValueIterator<String, CorrelationGroup> iterator = groups.all()) {
      iterator.forEachRemaining(all::add);
    }
    for (KeyValue<String, CorrelationGroup> kv : all) {
      CorrelationGroup group = kv.value;
      SigmaCorrelationRule correlation = set.correlation(group.correlation());
      if (correlation == null) {
        groups.delete(kv.key); // removed by a reload
        continue;
      }
      long span = correlation.timespan().toMillis();
      List<CorrelationEntry> entries = new ArrayList<>(group.entries());
      if (CorrelationWindows.eager(correlation)) {
        entries.removeIf(entry -> entry.time() + span + grace < streamTime);
      } else {
        while (!entries.isEmpty() && entries.get(0).time() + span + grace <= streamTime) {
          CorrelationWindows.Closed closed = CorrelationWindows.onClose(correlation, entries);
          if (closed.fires()) {
            fire(set, correlation, group, closed.window());
          }
          entries.subList(0, closed.window().size()).clear();
        }
      }
      if (entries.size() != group.entries().size()) {
        store(
            kv.key,
            new CorrelationGroup(
                group.correlation(), group.cluster(), group.groupValues(), entries));
      }
    }
  }

  private static String groupKey(String correlation, String cluster, List<String> values) {
    StringBuilder key = new StringBuilder(cluster).append(SEPARATOR).append(correlation);
    for (String value : values) {
      key.append(SEPARATOR).append(value);
    }
    return key.toString();
  }
}
