package io.palisade.benchmarks.admission;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server's floor: {@code POST /benchmark/allow} reads the whole body and answers a constant
 * allow, without parsing or evaluating anything. It is added to the gateway's own context by the
 * benchmark only (never part of the gateway), so it runs behind the same Tomcat, TLS, servlet
 * filters and Spring MVC dispatch as {@code /validate}: the difference between the two is what
 * reading the review, evaluating the policies, answering and handing the decision to Kafka costs.
 */
@RestController
public class FixedAllowRoute {

  public static final String PATH = "/benchmark/allow";

  private static final byte[] ALLOW =
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"\",\"allowed\":true}}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  byte[] allow(@RequestBody byte[] review) {
    return ALLOW;
  }
}
