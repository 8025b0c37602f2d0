package io.palisade.correlation.sigma;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed {@code condition}: selections combined with {@code and}, {@code or} and {@code not}.
 * {@code 1 of x*} and {@code all of x*} are expanded at parse time into an {@link Or} or {@link
 * And} of the selections they name, so evaluation never looks at names.
 */
sealed interface ConditionNode {

  boolean evaluate(SigmaEvent event);

  /** The node as a condition string, fully parenthesised, for explanations and tests. */
  String render();

  record Ref(Selection selection) implements ConditionNode {
    @Override
    public boolean evaluate(SigmaEvent event) {
      return selection.matches(event);
    }

    @Override
    public String render() {
      return selection.name();
    }
  }

  record Not(ConditionNode operand) implements ConditionNode {
    @Override
    public boolean evaluate(SigmaEvent event) {
      return !operand.evaluate(event);
    }

    @Override
    public String render() {
      return "not " + operand.render();
    }
  }

  record And(List<ConditionNode> operands) implements ConditionNode {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean evaluate(SigmaEvent event) {
      for (ConditionNode operand : operands) {
        if (!operand.evaluate(event)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String render() {
      return operands.stream()
          .map(ConditionNode::render)
          .collect(Collectors.joining(" and ", "(", ")"));
    }
  }

  record Or(List<ConditionNode> operands) implements ConditionNode {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean evaluate(SigmaEvent event) {
      for (ConditionNode operand : operands) {
        if (operand.evaluate(event)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String render() {
      return operands.stream()
          .map(ConditionNode::render)
          .collect(Collectors.joining(" or ", "(", ")"));
    }
  }
}
