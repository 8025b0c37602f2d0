package io.palisade.admission.policy.labels;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.ObjectChanges;
import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.ShortText;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.workload.WorkloadPod;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code palisade:required-labels}: objects of the configured kinds (and, if set, the pod templates
 * of workloads) carry every required label, with a value matching its pattern. Checked on CREATE,
 * and on an UPDATE of the main resource that changes the labels (or the pod template); an UPDATE
 * that leaves them as they were, or only finalizes a deletion, is not refused for labels an object
 * admitted earlier lacks. One finding per missing or mismatching label.
 */
public final class RequiredLabelsPolicy implements Policy {

  public static final String NAME = "palisade:required-labels";

  private final RequiredLabelsSettings settings;
  private final List<Pattern> patterns;

  public RequiredLabelsPolicy(RequiredLabelsSettings settings) {
    this.settings = settings;
    this.patterns = settings.labels().stream().map(LabelRequirement::valuePattern).toList();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    if (settings.labels().isEmpty()
        || !request.isCreateOrUpdate()
        || !request.subResource().isEmpty()
        || !request.object().isObject()
        || ObjectChanges.isFinalizing(request)) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>();
    if (settings.kinds().contains(request.kind().kind())
        && !ObjectChanges.isUnchangedAt(request, "metadata.labels")) {
      check(request.object().path("metadata").path("labels"), "metadata.labels", violations);
    }
    if (settings.podTemplates()) {
      WorkloadPod.in(request)
          .filter(pod -> !pod.prefix().isEmpty())
          .ifPresent(
              template ->
                  check(
                      template.metadata().path("labels"),
                      template.metadataPath() + ".labels",
                      violations));
    }
    return violations;
  }

  private void check(JsonNode labels, String path, List<Violation> violations) {
    for (int i = 0; i < patterns.size(); i++) {
      String key = settings.labels().get(i).key();
      JsonNode value = labels.path(key);
      if (!value.isString()) {
        violations.add(Violation.at(NAME, path, "missing required label " + quote(key)));
      } else if (patterns.get(i) != null
          && !patterns.get(i).matcher(value.stringValue()).matches()) {
        violations.add(
            Violation.at(
                NAME,
                path + "[" + quote(key) + "]",
                quote(value.stringValue())
                    + " does not match "
                    + ShortText.cut(patterns.get(i).pattern(), ShortText.MAX_VALUE)));
      }
    }
  }
}
