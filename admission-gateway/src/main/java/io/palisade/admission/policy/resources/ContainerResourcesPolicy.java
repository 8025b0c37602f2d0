package io.palisade.admission.policy.resources;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.workload.WorkloadPod;
import io.palisade.admission.review.AdmissionRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code palisade:container-resources}: every init and regular container of a pod or pod template
 * sets the configured requests and limits, and none exceeds its configured maximum. Ephemeral
 * containers are skipped: the API forbids resources on them. One finding per container, at {@code
 * …resources}, listing what is missing or too large.
 */
public final class ContainerResourcesPolicy implements Policy {

  public static final String NAME = "palisade:container-resources";

  private final ContainerResourcesSettings settings;
  private final Map<String, BigDecimal> maxRequests;
  private final Map<String, BigDecimal> maxLimits;

  public ContainerResourcesPolicy(ContainerResourcesSettings settings) {
    this.settings = settings;
    this.maxRequests = amounts("maxRequests", settings.maxRequests());
    this.maxLimits = amounts("maxLimits", settings.maxLimits());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    if (settings.requests().isEmpty()
        && settings.limits().isEmpty()
        && maxRequests.isEmpty()
        && maxLimits.isEmpty()) {
      return List.of();
    }
    return WorkloadPod.in(request).map(this::check).orElse(List.of());
  }

  private List<Violation> check(WorkloadPod pod) {
    List<Violation> violations = new ArrayList<>();
    for (WorkloadPod.Container container : pod.containers()) {
      if (container.isEphemeral()) {
        continue;
      }
      JsonNode resources = container.node().path("resources");
      List<String> problems = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      missing.addAll(missing("limits", settings.limits(), resources.path("limits")));
      missing.addAll(missing("requests", settings.requests(), resources.path("requests")));
      if (!missing.isEmpty()) {
        problems.add("missing " + String.join(", ", missing));
      }
      problems.addAll(
          tooLarge("limits", maxLimits, settings.maxLimits(), resources.path("limits")));
      problems.addAll(
          tooLarge("requests", maxRequests, settings.maxRequests(), resources.path("requests")));
      if (!problems.isEmpty()) {
        violations.add(
            Violation.at(NAME, container.path() + ".resources", String.join("; ", problems)));
      }
    }
    return violations;
  }

  private static List<String> missing(String kind, Set<String> required, JsonNode declared) {
    List<String> missing = new ArrayList<>();
    for (String resource : new TreeSet<>(required)) {
      if (amount(declared.path(resource)).isEmpty()) {
        missing.add(kind + "." + resource);
      }
    }
    return missing;
  }

  private static List<String> tooLarge(
      String kind, Map<String, BigDecimal> maxima, Map<String, String> written, JsonNode declared) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> max : maxima.entrySet()) {
      Optional<String> declaredAmount = amount(declared.path(max.getKey()));
      if (declaredAmount.isEmpty()) {
        continue;
      }
      Optional<BigDecimal> value = Quantity.parse(declaredAmount.get());
      String field = kind + "." + max.getKey();
      if (value.isEmpty()) {
        problems.add(field + " " + quote(declaredAmount.get()) + " is not a quantity");
      } else if (value.get().compareTo(max.getValue()) > 0) {
        problems.add(field + " " + declaredAmount.get() + " > " + written.get(max.getKey()));
      }
    }
    return problems;
  }

  /** The written amount (a string or a number), empty when absent or blank. */
  private static Optional<String> amount(JsonNode value) {
    if (value.isNumber()) {
      return Optional.of(value.numberValue().toString());
    }
    return value.isString() && !value.stringValue().isBlank()
        ? Optional.of(value.stringValue())
        : Optional.empty();
  }

  private static Map<String, BigDecimal> amounts(String setting, Map<String, String> written) {
    Map<String, BigDecimal> amounts = new TreeMap<>();
    written.forEach(
        (resource, max) -> amounts.put(resource, Quantity.require(setting + "." + resource, max)));
    return amounts;
  }
}
