package io.palisade.correlation.config;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.Signal;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.correlation.correlate.IncidentView;
import io.palisade.correlation.correlate.SignalEventTime;
import io.palisade.schemas.PalisadeTopics;
import java.util.function.BiFunction;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code correlate} function: bindings correlate-in-0 (signals, read in event time through the
 * {@code signalEventTime} extractor named in the YAML), correlate-in-1 (analysts' incident actions,
 * co-partitioned with the signals) and correlate-out-0 (incidents), with the {@link IncidentView}
 * the incident API queries hung on the output.
 */
@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

  @Bean
  IncidentTopology incidentTopology(PalisadeTopics topics, CorrelationProperties properties) {
    return new IncidentTopology(topics, properties.settings());
  }

  @Bean
  IncidentView incidentView(PalisadeTopics topics, IncidentApiProperties api) {
    return new IncidentView(topics.incidents().valueSerde(), api.viewRetention());
  }

  @Bean
  TimestampExtractor signalEventTime() {
    return new SignalEventTime();
  }

  @Bean
  BiFunction<KStream<String, Signal>, KStream<String, IncidentAction>, KStream<String, Incident>>
      correlate(IncidentTopology topology, IncidentView view) {
    return (signals, actions) -> view.attach(topology.correlate(signals, actions));
  }
}
