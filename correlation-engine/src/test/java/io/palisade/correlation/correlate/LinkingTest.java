package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.correlation.support.CorrelationHarness;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which entity kinds link, and the bridges between kinds that the detect stage adds. */
class LinkingTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  private CorrelationHarness harness = new CorrelationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aSharedNodeOrImageDoesNotLinkByDefault() {
    String first =
        only(
            harness.send(
                signal("a")
                    .at(T0)
                    .pod("shop/a")
                    .entity(EntityKind.NODE, "worker-1")
                    .entity(EntityKind.IMAGE, "nginx")
                    .build()));
    String second =
        only(
            harness.send(
                signal("b")
                    .at(T0.plusSeconds(10))
                    .pod("shop/b")
                    .entity(EntityKind.NODE, "worker-1")
                    .entity(EntityKind.IMAGE, "nginx")
                    .build()));

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void linkingKindsAreSwitchable() {
    harness.close();
    harness =
        new CorrelationHarness(
            CorrelationSettings.defaults()
                .withLinkingKinds(EnumSet.of(EntityKind.NODE, EntityKind.POD)));
    String first =
        only(
            harness.send(
                signal("a").at(T0).pod("shop/a").entity(EntityKind.NODE, "worker-1").build()));
    String second =
        only(
            harness.send(
                signal("b")
                    .at(T0.plusSeconds(10))
                    .pod("shop/b")
                    .entity(EntityKind.NODE, "worker-1")
                    .build()));
    // ACTOR is switched off: the same user no longer links
    String third = only(harness.send(signal("c").at(T0.plusSeconds(20)).actor("alice").build()));
    String fourth = only(harness.send(signal("d").at(T0.plusSeconds(30)).actor("alice").build()));

    assertThat(second).isEqualTo(first);
    assertThat(fourth).isNotEqualTo(third);
  }

  @Test
  void aSourceIpAndAWorkloadLinkByDefault() {
    String byIp =
        only(harness.send(signal("a").at(T0).entity(EntityKind.SOURCE_IP, "203.0.113.9").build()));
    String sameIp =
        only(
            harness.send(
                signal("b")
                    .at(T0.plusSeconds(5))
                    .entity(EntityKind.SOURCE_IP, "203.0.113.9")
                    .build()));
    // the deployment patched by bob, then a Falco alert in one of its pods: the pod's WORKLOAD
    // (derived in detect from the pod name) is the bridge
    String patch =
        only(
            harness.send(
                signal("patch")
                    .at(T0.plusSeconds(60))
                    .actor("bob")
                    .entity(EntityKind.WORKLOAD, "shop/Deployment/web")
                    .build()));
    String falco =
        only(
            harness.send(
                signal("falco")
                    .at(T0.plusSeconds(90))
                    .pod("shop/web-7d9f8c6b5-x2x4z")
                    .entity(EntityKind.WORKLOAD, "shop/Deployment/web")
                    .source(EvidenceSource.RUNTIME)
                    .build()));

    assertThat(sameIp).isEqualTo(byIp);
    assertThat(falco).isEqualTo(patch);
  }

  @Test
  void aPodBoundTokenLinksTheServiceAccountsApiCallsToWhatHappenedInThePod() {
    // Falco: credential file read in the pod; then the audit log: the pod's service account lists
    // secrets, its token bound to the pod (detect adds POD from user.extra, see PodLinksTest)
    String runtime =
        only(
            harness.send(
                signal("read-token")
                    .at(T0)
                    .pod("shop/web-7d9f8c6b5-x2x4z")
                    .source(EvidenceSource.RUNTIME)
                    .build()));
    String audit =
        only(
            harness.send(
                signal("list-secrets")
                    .at(T0.plusSeconds(20))
                    .actor("system:serviceaccount:shop:web")
                    .pod("shop/web-7d9f8c6b5-x2x4z")
                    .build()));
    // a later call with the same token from elsewhere still links through the service account
    String later =
        only(
            harness.send(
                signal("later")
                    .at(T0.plusSeconds(40))
                    .actor("system:serviceaccount:shop:web")
                    .build()));

    assertThat(audit).isEqualTo(runtime);
    assertThat(later).isEqualTo(runtime);
  }

  @Test
  void linkingAfterTheWindowStaysExactWithBucketedIndexEntries() {
    // the index keeps one entry per entity and half-window bucket; links stay exact at the bounds
    String id = only(harness.send(signal("a").at(T0).pod("shop/web").build()));
    harness.send(signal("b").at(T0.plusSeconds(60)).pod("shop/web").build());
    String edge =
        only(harness.send(signal("edge").at(T0.plusSeconds(60 + 30 * 60)).pod("shop/web").build()));
    String beyond =
        only(
            harness.send(
                signal("beyond")
                    .at(T0.plusSeconds(60 + 30 * 60 + 30 * 60).plusMillis(1))
                    .pod("shop/web")
                    .build()));

    assertThat(edge).isEqualTo(id);
    assertThat(beyond).isNotEqualTo(id);
  }

  private static String only(List<TestRecord<String, Incident>> records) {
    assertThat(records).hasSize(1);
    return records.get(0).value().getId();
  }
}
