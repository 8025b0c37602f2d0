package io.palisade.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.palisade.avro.Incident;
import io.palisade.notify.ExpectedJson;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.IncidentFacts;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The email receiver against a real SMTP server (GreenMail) on 127.0.0.1. */
class EmailReceiverTest {

  private static final String PASSWORD = "smtp-password-7c8d9e";
  private static final IncidentFacts.Links LINKS =
      new IncidentFacts.Links("https://palisade.example.com/incidents/{id}");

  private GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("soc-bot", PASSWORD));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  private EmailProperties properties(String password, boolean starttlsRequired) {
    return new EmailProperties(
        "127.0.0.1",
        smtp.getSmtp().getPort(),
        "soc-bot",
        password,
        "palisade@example.com",
        List.of("soc@example.com", "oncall@example.com"),
        starttlsRequired,
        Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec-reverse-shell", "merged-incident", "resolved-incident"})
  void buildsTheExpectedMessage(String fixtureCase) {
    EmailMessage email = EmailPayload.of(IncidentFixtures.incident(fixtureCase), LINKS);

    ExpectedJson.assertMatches(
        "email/" + fixtureCase + "/expected.json", JsonMapper.builder().build().valueToTree(email));
  }

  @Test
  void sendsPlainTextAndHtmlToEveryRecipient() throws Exception {
    Incident incident = IncidentFixtures.incident("exec-reverse-shell");
    EmailReceiver receiver = new EmailReceiver(properties(PASSWORD, false), LINKS);

    DeliveryResult result = receiver.deliver(incident);

    assertThat(result.delivered()).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo("[Palisade CRITICAL] " + incident.getTitle());
    assertThat(message.getHeader("X-Palisade-Incident")).containsExactly("inc-prod-eu-7f3c2a91/4");
    assertThat(message.getHeader("References")).containsExactly("<inc-prod-eu-7f3c2a91@palisade>");
    MimeMultipart alternative = (MimeMultipart) message.getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    EmailMessage expected = EmailPayload.of(incident, LINKS);
    assertThat(GreenMailUtil.getBody(alternative.getBodyPart(1))).isNotBlank();
    assertThat(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"))
        .isEqualTo(expected.text());
    assertThat((String) alternative.getBodyPart(1).getContent()).isEqualTo(expected.html());
  }

  @Test
  void refusesToSendInPlainTextWhenStarttlsIsRequired() throws Exception {
    // GreenMail offers no STARTTLS: a required upgrade must fail, and nothing may be sent
    EmailReceiver receiver = new EmailReceiver(properties(PASSWORD, true), LINKS);

    DeliveryResult result = receiver.deliver(IncidentFixtures.incident("exec-reverse-shell"));

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.REJECTED);
    assertThat(result.error()).contains("STARTTLS");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aWrongPasswordIsPermanentAndNotShown() throws Exception {
    String wrong = "wrong-password-1a2b3c";
    EmailReceiver receiver = new EmailReceiver(properties(wrong, false), LINKS);

    DeliveryResult result = receiver.deliver(IncidentFixtures.incident("exec-reverse-shell"));

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.REJECTED);
    assertThat(String.valueOf(result)).doesNotContain(wrong, PASSWORD);
    assertThat(receiver.toString()).doesNotContain(wrong);
  }

  @Test
  void anUnreachableServerIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    EmailProperties unreachable =
        new EmailProperties(
            "127.0.0.1",
            closedPort,
            null,
            null,
            "palisade@example.com",
            List.of("soc@example.com"),
            false,
            Duration.ofSeconds(5));

    DeliveryResult result =
        new EmailReceiver(unreachable, LINKS).deliver(IncidentFixtures.incident("merged-incident"));

    assertThat(result.retryable()).isTrue();
  }
}
