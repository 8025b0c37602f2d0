package io.palisade.admission.policy.interactive;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code palisade:interactive-access}: {@code CONNECT} on {@code pods/exec}, {@code pods/attach} or
 * {@code pods/portforward} in a protected namespace, by a user in none of the break-glass groups. A
 * namespace is protected when it is listed in the settings or when the namespace hook says so (wire
 * {@link #labelledProtected(Function)} to the namespace cache for the label {@code
 * palisade.io/protected=true}).
 *
 * <p>The webhook must list {@code CONNECT} for {@code pods/exec}, {@code pods/attach} and {@code
 * pods/portforward} in its rules. Break-glass access is allowed but, like every request, still
 * published as a decision: an exec is evidence the correlation engine joins with runtime alerts.
 */
public final class InteractiveAccessPolicy implements Policy {

  public static final String NAME = "palisade:interactive-access";

  /** The namespace label that marks a namespace protected (value {@code true}). */
  public static final String PROTECTED_LABEL = "palisade.io/protected";

  private final InteractiveAccessSettings settings;
  private final Predicate<String> protectedByLabel;

  /**
   * @param protectedByLabel true for a namespace that carries {@link #PROTECTED_LABEL}{@code
   *     =true}; {@code namespace -> false} when no namespace cache is wired
   */
  public InteractiveAccessPolicy(
      InteractiveAccessSettings settings, Predicate<String> protectedByLabel) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.protectedByLabel = Objects.requireNonNull(protectedByLabel, "protectedByLabel");
  }

  /**
   * The label hook over a namespace-labels lookup (e.g. the namespace informer's cache): a
   * namespace is protected when its label {@value #PROTECTED_LABEL} is {@code true}. The lookup
   * returns an empty map for an unknown namespace.
   */
  public static Predicate<String> labelledProtected(
      Function<String, Map<String, String>> labelsOfNamespace) {
    Objects.requireNonNull(labelsOfNamespace, "labelsOfNamespace");
    return namespace -> {
      Map<String, String> labels = labelsOfNamespace.apply(namespace);
      return labels != null && "true".equals(labels.get(PROTECTED_LABEL));
    };
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    String subresource = request.subResource();
    if (!"CONNECT".equals(request.operation())
        || !"pods".equals(request.resource().groupResource())
        || !settings.subresources().contains(subresource)
        || !isProtected(request.namespace())
        || request.user().groups().stream().anyMatch(settings.breakGlassGroups()::contains)) {
      return List.of();
    }
    return List.of(
        Violation.at(
            NAME,
            "pods/" + subresource,
            "refused for pod "
                + quote(request.name())
                + " in protected namespace "
                + quote(request.namespace())
                + " (no break-glass group)"));
  }

  private boolean isProtected(String namespace) {
    return settings.protectedNamespaces().contains(namespace) || protectedByLabel.test(namespace);
  }
}
