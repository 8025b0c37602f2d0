package io.palisade.admission.scope;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured exemptions, checked in configuration order. The first one that selects the request
 * and has not expired applies; the caller records its name with the decision so an exemption is
 * never invisible. Expired exemptions no longer apply but stay listed, so the caller can say which
 * expired one would have matched and operators can clean them up.
 */
public final class Exemptions {

  private final List<Exemption> all;
  private final Clock clock;

  /**
   * @throws IllegalArgumentException when two exemptions share a name
   */
  public Exemptions(List<Exemption> all, Clock clock) {
    this.all = List.copyOf(all);
    this.clock = clock;
    Set<String> names = new HashSet<>();
    for (Exemption exemption : this.all) {
      if (!names.add(exemption.name())) {
        throw new IllegalArgumentException("two exemptions are named \"" + exemption.name() + "\"");
      }
    }
  }

  public static Exemptions none(Clock clock) {
    return new Exemptions(List.of(), clock);
  }

  /** The exemption that applies to the request for {@code policy}, if any. */
  public Optional<Exemption> match(RequestFacts facts, String policy) {
    var now = clock.instant();
    for (Exemption exemption : all) {
      if (!exemption.expiredAt(now) && exemption.selects(facts, policy)) {
        return Optional.of(exemption);
      }
    }
    return Optional.empty();
  }

  /**
   * Expired exemptions that would otherwise have applied to the request for {@code policy}: worth
   * reporting with the decision ("exemption X expired at …, not applied").
   */
  public List<Exemption> expiredMatches(RequestFacts facts, String policy) {
    var now = clock.instant();
    return all.stream()
        .filter(exemption -> exemption.expiredAt(now) && exemption.selects(facts, policy))
        .toList();
  }

  /** The exemptions that have expired by now, for logs and metrics. */
  public List<Exemption> expired() {
    var now = clock.instant();
    return all.stream().filter(exemption -> exemption.expiredAt(now)).toList();
  }

  public List<Exemption> all() {
    return all;
  }
}
