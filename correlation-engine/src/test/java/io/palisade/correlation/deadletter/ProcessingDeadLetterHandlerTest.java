package io.palisade.correlation.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.correlation.support.RecordingDeadLetterSink;
import io.palisade.correlation.support.StreamsTestConfig;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessingDeadLetterHandlerTest {

  private final RecordingDeadLetterSink sink = new RecordingDeadLetterSink();
  private TopologyTestDriver driver;
  private TestInputTopic<String, String> input;
  private TestOutputTopic<String, String> output;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("signals", Consumed.with(Serdes.String(), Serdes.String()))
        .process(PoisonSensitive::new, Named.as("correlate-signals-into-incidents"))
        .to("incidents", Produced.with(Serdes.String(), Serdes.String()));
    Properties config = StreamsTestConfig.properties("palisade-correlate");
    config.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingDeadLetterHandler.class);
    config.put(DeadLetterHandler.SINK_CONFIG, sink);
    config.put(DeadLetterHandler.SERVICE_CONFIG, "correlation-engine");
    driver = new TopologyTestDriver(builder.build(), config);
    input = driver.createInputTopic("signals", new StringSerializer(), new StringSerializer());
    output =
        driver.createOutputTopic("incidents", new StringDeserializer(), new StringDeserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void aRecordThatMakesProcessingThrowIsDeadLetteredAndTheStreamGoesOn() {
    input.pipeInput("prod", "signal-1");
    input.pipeInput("prod", "poison");
    input.pipeInput("prod", "signal-2");

    assertThat(output.readValuesToList())
        .containsExactly("incident of signal-1", "incident of signal-2");
    assertThat(sink.letters()).hasSize(1);
    ProducerRecord<byte[], byte[]> letter =
        sink.letters()
            .get(0)
            .toProducerRecord(PalisadeTopics.withDefaultNames().deadLetter(), "it");
    assertThat(letter.key()).isEqualTo(bytes("prod"));
    assertThat(letter.value()).isEqualTo(bytes("poison"));
    assertThat(text(letter, DeadLetter.ORIGIN)).isEqualTo("signals/0/1");
    assertThat(text(letter, DeadLetter.REASON)).isEqualTo("processing");
    assertThat(text(letter, DeadLetter.SERVICE)).isEqualTo("correlation-engine");
    assertThat(text(letter, DeadLetter.ERROR))
        .contains("correlate-signals-into-incidents")
        .contains("IllegalStateException: cannot correlate poison");
  }

  /** Stands for the correlation processor: fails on one particular input. */
  private static final class PoisonSensitive implements Processor<String, String, String, String> {

    private ProcessorContext<String, String> context;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, String> record) {
      if (record.value().equals("poison")) {
        throw new IllegalStateException("cannot correlate poison");
      }
      context.forward(record.withValue("incident of " + record.value()));
    }
  }

  private static String text(ProducerRecord<byte[], byte[]> record, String header) {
    return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
