package io.palisade.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.notify.receiver.DeliveryResult.Status;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryResultTest {

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204, 299})
  void treatsEvery2xxAsDelivered(int status) {
    assertThat(DeliveryResult.classify(status)).isEqualTo(Status.DELIVERED);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
  void retriesTimeoutsRateLimitsAndServerErrors(int status) {
    assertThat(DeliveryResult.classify(status)).isEqualTo(Status.RETRYABLE);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 410, 413, 422, 301, 302, 100})
  void givesUpOnOtherClientErrorsAndRedirects(int status) {
    assertThat(DeliveryResult.classify(status)).isEqualTo(Status.REJECTED);
  }

  @Test
  void keepsRetryAfterAndDetailOfAFailedResponse() {
    DeliveryResult result =
        DeliveryResult.ofResponse(429, Optional.of(Duration.ofSeconds(7)), " slow down \n");

    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isEqualTo(429);
    assertThat(result.requestedDelay()).contains(Duration.ofSeconds(7));
    assertThat(result.error()).isEqualTo("HTTP 429: slow down");
  }

  @Test
  void hasNoErrorWhenDelivered() {
    DeliveryResult result = DeliveryResult.ofResponse(202, Optional.empty(), "accepted");

    assertThat(result.delivered()).isTrue();
    assertThat(result.error()).isNull();
  }

  @Test
  void retriesWhenNoResponseArrived() {
    DeliveryResult result = DeliveryResult.noResponse("ConnectException");

    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isNull();
  }
}
