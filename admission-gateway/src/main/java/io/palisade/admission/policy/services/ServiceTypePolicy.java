package io.palisade.admission.policy.services;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.ObjectChanges;
import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;

/**
 * {@code palisade:service-type}: no Service of type NodePort (it opens a port on every node,
 * bypassing ingress and network policy at the edge), and type LoadBalancer only in allowed
 * namespaces. Checked on CREATE and UPDATE of {@code services}.
 */
public final class ServiceTypePolicy implements Policy {

  public static final String NAME = "palisade:service-type";

  private static final String FIELD = "spec.type";

  private final ServiceTypeSettings settings;

  public ServiceTypePolicy(ServiceTypeSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    if (!request.isCreateOrUpdate()
        || !"services".equals(request.resource().groupResource())
        || !request.subResource().isEmpty()
        || ObjectChanges.isFinalizing(request)) {
      return List.of();
    }
    String type = request.object().path("spec").path("type").stringValue("");
    if ("NodePort".equals(type)) {
      return List.of(Violation.at(NAME, FIELD, "NodePort services are not allowed"));
    }
    if ("LoadBalancer".equals(type)
        && !settings.loadBalancerNamespaces().contains(request.namespace())) {
      return List.of(
          Violation.at(
              NAME,
              FIELD,
              "LoadBalancer is not allowed in namespace " + quote(request.namespace())));
    }
    return List.of();
  }
}
