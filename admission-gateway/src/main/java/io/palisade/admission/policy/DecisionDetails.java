package io.palisade.admission.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link Decision} says beyond allow or deny: whether any policy applies to the request's
 * kind at all, the audit annotations the API server should record, which findings are only audited
 * (neither denied nor shown as a warning), and the exemption that applied. The mode layer (modes,
 * scope, exemptions) fills these; the response and the published record carry them.
 *
 * @param applicable false for a request of a kind the gateway has no policy for: it is allowed and
 *     recorded as not applicable
 * @param auditAnnotations keys without prefix (the API server stores each as {@code
 *     <webhook-name>/<key>}): at most 63 characters, alphanumerics and {@code -_.}, starting and
 *     ending with an alphanumeric, no {@code /}; values are plain strings
 * @param auditOnly the findings (also in {@link Decision#violations()}) that a policy in audit mode
 *     reported: recorded, neither denying nor warning
 * @param exemption the exemption that applied (e.g. {@code namespace:kube-system}), or null
 */
public record DecisionDetails(
    boolean applicable,
    Map<String, String> auditAnnotations,
    List<Violation> auditOnly,
    String exemption) {

  /** A request some policy applies to, with nothing to annotate and no exemption. */
  public static final DecisionDetails NONE = new DecisionDetails(true, Map.of(), List.of(), null);

  /** The longest audit annotation key the API server accepts (a qualified name's name part). */
  public static final int MAX_ANNOTATION_KEY = 63;

  private static final Pattern ANNOTATION_KEY =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  /**
   * @throws IllegalArgumentException when an audit annotation key is one the API server would drop
   */
  public DecisionDetails {
    Objects.requireNonNull(auditAnnotations, "auditAnnotations");
    for (Map.Entry<String, String> annotation : auditAnnotations.entrySet()) {
      requireValidKey(annotation.getKey());
      Objects.requireNonNull(annotation.getValue(), "audit annotation " + annotation.getKey());
    }
    // an insertion-ordered copy, so that responses and records list them as the layer added them
    auditAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(auditAnnotations));
    auditOnly = List.copyOf(auditOnly);
  }

  /** The details of a request of a kind no policy applies to. */
  public static DecisionDetails notApplicable() {
    return new DecisionDetails(false, Map.of(), List.of(), null);
  }

  /** Whether the API server accepts {@code key} as an audit annotation key. */
  public static boolean isValidAnnotationKey(String key) {
    return key != null
        && key.length() <= MAX_ANNOTATION_KEY
        && ANNOTATION_KEY.matcher(key).matches();
  }

  private static void requireValidKey(String key) {
    if (!isValidAnnotationKey(key)) {
      throw new IllegalArgumentException(
          "audit annotation key \""
              + key
              + "\" is not valid: at most "
              + MAX_ANNOTATION_KEY
              + " characters, alphanumerics and '-', '_', '.', starting and ending with an"
              + " alphanumeric, no '/' (the API server adds the webhook name as prefix)");
    }
  }
}
