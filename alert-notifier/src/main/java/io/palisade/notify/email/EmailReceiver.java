package io.palisade.notify.email;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.IncidentFacts;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverId;
import io.palisade.notify.receiver.Redactor;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends {@link EmailPayload} as {@code multipart/alternative} (plain text + HTML) over SMTP with
 * STARTTLS (required unless configured otherwise). Every version of an incident references the same
 * thread id ({@code <incident id@palisade>}) so mail clients group them. SMTP 4xx replies and
 * connection failures are retried; 5xx replies, refused addresses and failed authentication are
 * permanent. The password never appears in results or logs.
 */
public final class EmailReceiver implements Receiver {

  public static final String NAME = "email";

  private final ReceiverId id;
  private final EmailProperties properties;
  private final InternetAddress from;
  private final Address[] to;
  private final IncidentFacts.Links links;
  private final Redactor redactor;

  /** The instance of the single-instance keys, named {@value NAME}. */
  public EmailReceiver(EmailProperties properties, IncidentFacts.Links links) {
    this(ReceiverId.single(NAME), properties, links);
  }

  public EmailReceiver(ReceiverId id, EmailProperties properties, IncidentFacts.Links links) {
    this.id = id;
    if (properties.host() == null || properties.host().isBlank()) {
      throw new IllegalArgumentException(id.property("host") + " must be set");
    }
    if (properties.to().isEmpty()) {
      throw new IllegalArgumentException(id.property("to") + " needs at least one address");
    }
    try {
      this.from = new InternetAddress(properties.from(), true);
      this.to = InternetAddress.parse(String.join(",", properties.to()), true);
    } catch (AddressException | NullPointerException e) {
      throw new IllegalArgumentException(
          id.property("from") + "/to must be valid addresses: " + e.getMessage());
    }
    this.properties = properties;
    this.links = links;
    this.redactor =
        Redactor.of(
            null, properties.password() == null ? List.of() : List.of(properties.password()));
  }

  @Override
  public String name() {
    return id.name();
  }

  @Override
  public String kind() {
    return NAME;
  }

  @Override
  public DeliveryResult deliver(Incident incident) throws InterruptedException {
    EmailMessage email = EmailPayload.of(incident, links);
    Session session = Session.getInstance(sessionProperties());
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(email.subject(), "UTF-8");
      message.setSentDate(Date.from(Instant.now()));
      message.setHeader("X-Palisade-Incident", incident.getId() + "/" + incident.getVersion());
      String thread = "<" + incident.getId() + "@palisade>";
      message.setHeader("References", thread);
      message.setHeader("In-Reply-To", thread);
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(email.text(), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.html(), "UTF-8", "html");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.saveChanges();
      if (properties.username() != null && properties.password() != null) {
        Transport.send(message, properties.username(), properties.password());
      } else {
        Transport.send(message);
      }
      return new DeliveryResult(DeliveryResult.Status.DELIVERED, 250, null, null);
    } catch (MessagingException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted while sending email");
      }
      return classify(e);
    }
  }

  private DeliveryResult classify(MessagingException e) {
    String error = redactor.redact("SMTP " + properties.host() + ": " + describe(e));
    if (e instanceof AuthenticationFailedException) {
      return new DeliveryResult(DeliveryResult.Status.REJECTED, 535, null, error);
    }
    int code = replyCode(e);
    if (code >= 400 && code < 500) {
      return new DeliveryResult(DeliveryResult.Status.RETRYABLE, code, null, error);
    }
    if (code >= 500 || e instanceof SendFailedException) {
      return new DeliveryResult(
          DeliveryResult.Status.REJECTED, code > 0 ? code : null, null, error);
    }
    if (e.getMessage() != null && e.getMessage().contains("STARTTLS")) {
      return DeliveryResult.notSent(error); // the server cannot give what we require
    }
    // no usable reply: connection refused or reset, timeout
    return DeliveryResult.noResponse(error);
  }

  private static int replyCode(MessagingException e) {
    for (Exception next = e; next != null; ) {
      if (next instanceof SMTPSendFailedException failed) {
        return failed.getReturnCode();
      }
      if (next instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException failed) {
        return failed.getReturnCode();
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    return -1;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
  }

  private Properties sessionProperties() {
    Properties session = new Properties();
    session.put("mail.transport.protocol", "smtp");
    session.put("mail.smtp.host", properties.host());
    session.put("mail.smtp.port", Integer.toString(properties.port()));
    session.put("mail.smtp.starttls.enable", "true");
    session.put("mail.smtp.starttls.required", Boolean.toString(properties.starttlsRequired()));
    session.put("mail.smtp.auth", Boolean.toString(properties.username() != null));
    String millis = Long.toString(properties.timeout().toMillis());
    session.put("mail.smtp.connectiontimeout", millis);
    session.put("mail.smtp.timeout", millis);
    session.put("mail.smtp.writetimeout", millis);
    return session;
  }

  @Override
  public String toString() {
    return "EmailReceiver[name=" + id.name() + ", " + properties + "]";
  }
}
