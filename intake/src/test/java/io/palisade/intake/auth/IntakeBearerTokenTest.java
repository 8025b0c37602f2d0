package io.palisade.intake.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.intake.sample.SampleIntakeApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP (explicitly configured) with bearer tokens from the configuration and a file. */
@SpringBootTest(
    classes = SampleIntakeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=sample-intake",
      "palisade.intake.tls.enabled=false",
      "palisade.intake.auth.mode=token",
      "palisade.intake.auth.tokens[0]=configured-token",
    })
class IntakeBearerTokenTest {

  @TempDir static Path secrets;

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void tokenFile(DynamicPropertyRegistry registry) throws Exception {
    Files.writeString(secrets.resolve("tokens"), "# rotated by the operator\nfile-token\n\n");
    registry.add("palisade.intake.auth.token-file", () -> secrets.resolve("tokens").toString());
  }

  @Test
  void acceptsAConfiguredToken() throws Exception {
    assertThat(post("/v1/sample", "Bearer configured-token").statusCode()).isEqualTo(200);
    assertThat(post("/v1/sample", "bearer configured-token").statusCode()).isEqualTo(200);
  }

  @Test
  void answers401WithAChallengeForAMissingToken() throws Exception {
    HttpResponse<String> response = post("/v1/sample", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(json.readTree(response.body()).get("reason").asString())
        .isEqualTo("unauthenticated");
  }

  @Test
  void answers401ForAWrongTokenOrAnotherScheme() throws Exception {
    assertThat(post("/v1/sample", "Bearer configured-token-but-longer").statusCode())
        .isEqualTo(401);
    assertThat(post("/v1/sample", "Basic Y29uZmlndXJlZC10b2tlbg==").statusCode()).isEqualTo(401);
    assertThat(post("/v1/sample", "configured-token").statusCode()).isEqualTo(401);
  }

  @Test
  void readsTheTokenFileAgainWhenItIsRotated() throws Exception {
    Path file = secrets.resolve("tokens");
    assertThat(post("/v1/sample", "Bearer file-token").statusCode()).isEqualTo(200);

    Files.writeString(file, "rotated-token\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(post("/v1/sample", "Bearer rotated-token").statusCode()).isEqualTo(200);
    assertThat(post("/v1/sample", "Bearer file-token").statusCode()).isEqualTo(401);
    assertThat(post("/v1/sample", "Bearer configured-token").statusCode()).isEqualTo(200);
  }

  @Test
  void letsProbesThroughWithoutATokenWhileTheActuatorSharesThePort() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void doesNotTakeAPathThatOnlyStartsLikeTheActuatorsForAProbe() throws Exception {
    assertThat(post("/actuator/../v1/sample", null).statusCode()).isNotEqualTo(200);
    assertThat(post("/actuatorx/v1/sample", null).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> post(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
