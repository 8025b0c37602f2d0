package io.palisade.notify.email;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.email.*}: notification emails over SMTP with STARTTLS. Registered only
 * when {@code host} is set. The password is a secret and never shown.
 *
 * @param host the SMTP server
 * @param port its submission port
 * @param username optional; with a password, enables SMTP AUTH
 * @param password optional; never shown
 * @param from the sender address
 * @param to the recipients
 * @param starttlsRequired refuse to send unless the server upgrades the connection with STARTTLS
 *     (the default); false sends in plain text to a server that does not offer it (local relays)
 * @param timeout connect, read and write timeout of one attempt
 */
@ConfigurationProperties("palisade.notifier.email")
public record EmailProperties(
    String host,
    @DefaultValue("587") int port,
    String username,
    String password,
    String from,
    List<String> to,
    @DefaultValue("true") boolean starttlsRequired,
    @DefaultValue("10s") Duration timeout) {

  public EmailProperties {
    to = to == null ? List.of() : List.copyOf(to);
  }

  @Override
  public String toString() {
    return "EmailProperties[host="
        + host
        + ", port="
        + port
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "[redacted]")
        + ", from="
        + from
        + ", to="
        + to
        + ", starttlsRequired="
        + starttlsRequired
        + ", timeout="
        + timeout
        + "]";
  }
}
