package io.palisade.admission.policy;

import io.palisade.admission.AdmissionRules;
import io.palisade.admission.namespaces.InMemoryNamespaceLabels;
import io.palisade.admission.namespaces.NamespaceLabels;
import io.palisade.admission.pss.CheckFailure;
import io.palisade.admission.pss.PodSecurityEvaluator;
import io.palisade.admission.pss.PodSecurityLevel;
import io.palisade.admission.pss.PodSecurityPolicy;
import io.palisade.admission.pss.PodSecurityVersion;
import io.palisade.admission.pss.PodTemplateMode;
import io.palisade.admission.pss.PodUnderReview;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.scope.AdmissionScope;
import io.palisade.admission.scope.Exemption;
import io.palisade.admission.scope.LevelVersion;
import io.palisade.admission.scope.NamespaceSecurity;
import io.palisade.admission.scope.PodSecurityMode;
import io.palisade.admission.scope.PolicyMode;
import io.palisade.admission.scope.RequestFacts;
import io.palisade.admission.scope.WorkloadEnforcement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides one request under the rules in force, as a platform team configured them:
 *
 * <ol>
 *   <li><b>Pod Security Standards</b>, like PSA: the namespace's level and version for each of
 *       enforce, warn and audit (labels, cluster defaults and overrides: {@link
 *       NamespaceSecurity}), evaluated on the pod or pod template of the request. Enforce failures
 *       deny a pod (and a workload when the file says {@code workloads: enforce}; otherwise they
 *       warn), warn failures become warnings, audit failures audit annotations.
 *   <li><b>Palisade policies</b>, each in its mode for the namespace: {@code enforce} denies,
 *       {@code warn} warns, {@code audit} records, {@code off} is not evaluated.
 *   <li><b>Exemptions</b>: a finding an exemption covers neither denies nor warns, but it stays in
 *       the decision as audit-only with the exemption's name, so an exempted request is never
 *       invisible.
 * </ol>
 *
 * Every finding appears once in the decision, in the strongest mode it was found in (a check that
 * fails at the enforce level is not repeated for warn and audit). A denied request carries no
 * warnings, as with PSA; the published decision keeps every finding.
 */
public final class AdmissionEvaluator {

  /** Audit annotation keys (the API server prefixes each with the webhook's name). */
  static final String PSS_AUDIT = "pss-audit-violations";

  static final String PSS_ENFORCE_POLICY = "pss-enforce-policy";
  static final String PSS_LABEL_ERRORS = "pss-label-errors";
  static final String POLICY_AUDIT = "policy-audit-violations";
  static final String EXEMPTED_BY = "exempted-by";

  /** Audit annotation values are cut to this length: they are stored with every audit event. */
  static final int MAX_ANNOTATION_VALUE = 1_000;

  private final Supplier<AdmissionRules> rules;
  private final NamespaceLabels namespaces;
  private final PodSecurityEvaluator podSecurity;

  /**
   * @param rules the rules in force (a reloading policy file answers the latest valid version)
   * @param namespaces the labels of each namespace, for its Pod Security levels
   */
  public AdmissionEvaluator(
      Supplier<AdmissionRules> rules,
      NamespaceLabels namespaces,
      PodSecurityEvaluator podSecurity) {
    this.rules = rules;
    this.namespaces = namespaces;
    this.podSecurity = podSecurity;
  }

  /** Fixed policies, each enforced as it reports, and no Pod Security level (tests, benchmarks). */
  public AdmissionEvaluator(List<Policy> policies) {
    this(
        supplierOf(AdmissionRules.fixed(policies)),
        new InMemoryNamespaceLabels(),
        new PodSecurityEvaluator());
  }

  private static Supplier<AdmissionRules> supplierOf(AdmissionRules fixed) {
    return () -> fixed;
  }

  public Decision evaluate(AdmissionRequest request) {
    AdmissionRules current = rules.get();
    AdmissionScope scope = current.scope();
    Findings findings = new Findings(scope, RequestFacts.of(request));
    podSecurity(request, scope, findings);
    for (Policy policy : current.policies()) {
      PolicyMode mode = current.modeFor(policy, request.namespace());
      if (mode == PolicyMode.OFF) {
        continue;
      }
      for (Violation violation : policy.evaluate(request)) {
        findings.add(violation, mode);
      }
    }
    return findings.decision(request);
  }

  /** The policies in force: {@code pss:*} when some namespace default checks Pod Security. */
  public List<String> policyNames() {
    AdmissionRules current = rules.get();
    List<String> names = new ArrayList<>();
    if (!current.scope().podSecurity().defaults().fullyPrivileged()) {
      names.add(PodSecurityPolicy.PREFIX + "*");
    }
    names.addAll(current.policyNames());
    return names;
  }

  private void podSecurity(AdmissionRequest request, AdmissionScope scope, Findings findings) {
    PodTemplateMode templates =
        scope.workloads() == WorkloadEnforcement.ENFORCE
            ? PodTemplateMode.ENFORCE
            : PodTemplateMode.WARN;
    Optional<PodUnderReview> found = PodUnderReview.in(request, templates);
    if (found.isEmpty()) {
      return;
    }
    PodUnderReview pod = found.get();
    NamespaceSecurity security =
        scope.podSecurity().resolve(request.namespace(), labelsOf(request.namespace()));
    if (!security.labelErrors().isEmpty()) {
      findings.annotate(PSS_LABEL_ERRORS, String.join("; ", security.labelErrors()));
    }
    if (security.fullyPrivileged()) {
      return;
    }
    findings.annotate(PSS_ENFORCE_POLICY, security.enforce().toString());
    findings.podSecurityEnforced(security.enforce());
    Map<LevelVersion, List<CheckFailure>> evaluated = new HashMap<>();
    for (PodSecurityMode mode :
        List.of(PodSecurityMode.ENFORCE, PodSecurityMode.WARN, PodSecurityMode.AUDIT)) {
      LevelVersion levelVersion = security.forMode(mode);
      if (levelVersion.isPrivileged()) {
        continue;
      }
      List<CheckFailure> failures =
          evaluated.computeIfAbsent(
              levelVersion,
              lv ->
                  podSecurity.evaluate(
                      PodSecurityLevel.parse(lv.level()),
                      PodSecurityVersion.parse(lv.version()),
                      pod.view()));
      for (CheckFailure failure : failures) {
        Violation violation =
            pod.violation(
                PodSecurityPolicy.PREFIX + failure.checkId(), failure.reason(), failure.detail());
        switch (mode) {
          case ENFORCE -> findings.add(violation, PolicyMode.ENFORCE);
          case WARN -> findings.add(violation.withEnforced(false), PolicyMode.WARN);
          case AUDIT -> findings.add(violation.withEnforced(false), PolicyMode.AUDIT);
        }
      }
      if (mode == PodSecurityMode.AUDIT && !failures.isEmpty()) {
        findings.annotate(
            PSS_AUDIT,
            PodSecurityEvaluator.forbiddenMessage(
                PodSecurityLevel.parse(levelVersion.level()),
                PodSecurityVersion.parse(levelVersion.version()),
                failures));
      }
    }
  }

  private Map<String, String> labelsOf(String namespace) {
    return namespace == null || namespace.isEmpty() ? Map.of() : namespaces.labels(namespace);
  }

  /** The findings of one request, each once, in the strongest mode it was found in. */
  private static final class Findings {

    private final AdmissionScope scope;
    private final RequestFacts facts;
    private final Map<String, Finding> byKey = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private String exemption;
    private LevelVersion podSecurityEnforce;

    Findings(AdmissionScope scope, RequestFacts facts) {
      this.scope = scope;
      this.facts = facts;
    }

    void add(Violation violation, PolicyMode mode) {
      Optional<Exemption> exempted = scope.exemptions().match(facts, violation.policy());
      if (exempted.isPresent()) {
        exemption = exemption == null ? exempted.get().describe() : exemption;
        mode = PolicyMode.AUDIT;
      }
      Violation handled =
          switch (mode) {
            case ENFORCE -> violation;
            default -> violation.withEnforced(false);
          };
      String key = violation.policy() + "\u0000" + violation.message();
      Finding known = byKey.get(key);
      if (known == null || strength(mode) > strength(known.mode())) {
        byKey.put(key, new Finding(handled, mode));
      }
    }

    /** The enforce level of the namespace, named in PSA's wording of a denial. */
    void podSecurityEnforced(LevelVersion enforce) {
      podSecurityEnforce = enforce.isPrivileged() ? null : enforce;
    }

    void annotate(String key, String value) {
      annotations.put(key, cut(value));
    }

    Decision decision(AdmissionRequest request) {
      List<Violation> violations = new ArrayList<>(byKey.size());
      List<Violation> auditOnly = new ArrayList<>();
      List<String> podSecurityDenials = new ArrayList<>();
      List<String> policyDenials = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (Finding finding : byKey.values()) {
        Violation violation = finding.violation();
        violations.add(violation);
        if (finding.mode() == PolicyMode.AUDIT) {
          auditOnly.add(violation);
        } else if (violation.enforced()) {
          if (violation.policy().startsWith(PodSecurityPolicy.PREFIX)) {
            podSecurityDenials.add(violation.message());
          } else {
            policyDenials.add("[" + violation.policy() + "] " + violation.message());
          }
        } else {
          warnings.add("[" + violation.policy() + "] " + violation.message());
        }
      }
      List<Violation> auditedPolicies =
          auditOnly.stream().filter(v -> !v.policy().startsWith(PodSecurityPolicy.PREFIX)).toList();
      if (!auditedPolicies.isEmpty()) {
        annotate(
            POLICY_AUDIT,
            auditedPolicies.stream()
                .map(v -> "[" + v.policy() + "] " + v.message())
                .collect(Collectors.joining("; ")));
      }
      if (exemption != null) {
        annotate(EXEMPTED_BY, exemption);
      }
      DecisionDetails details = new DecisionDetails(true, annotations, auditOnly, exemption);
      List<String> denials = new ArrayList<>();
      if (!podSecurityDenials.isEmpty()) {
        // PSA's wording when a namespace level denied: violates PodSecurity "baseline:latest": …
        String reasons = String.join(", ", podSecurityDenials);
        denials.add(
            podSecurityEnforce == null
                ? reasons
                : "violates PodSecurity \"" + podSecurityEnforce + "\": " + reasons);
      }
      denials.addAll(policyDenials);
      if (!denials.isEmpty()) {
        return new Decision(false, violations, List.of(), denialMessage(request, denials), details);
      }
      return new Decision(true, violations, warnings, null, details);
    }

    private static int strength(PolicyMode mode) {
      return switch (mode) {
        case ENFORCE -> 3;
        case WARN -> 2;
        case AUDIT -> 1;
        case OFF -> 0;
      };
    }

    private static String cut(String value) {
      return value.length() <= MAX_ANNOTATION_VALUE
          ? value
          : value.substring(0, MAX_ANNOTATION_VALUE - 1) + "…";
    }
  }

  private record Finding(Violation violation, PolicyMode mode) {}

  /** Kubernetes' Forbidden wording, e.g. {@code pods "debug" is forbidden: privileged (…)}. */
  private static String denialMessage(AdmissionRequest request, List<String> denials) {
    String name = request.objectName();
    return request.resource().groupResource()
        + (name.isEmpty() ? "" : " \"" + name + "\"")
        + " is forbidden: "
        + String.join(", ", denials);
  }
}
