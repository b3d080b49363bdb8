package dev.bitte.processor.emit.nomad;

import dev.bitte.processor.emit.ArtifactWriter;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.emit.Templates;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.plan.FleetPlan;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes each job of the plan to {@code nomad/<namespace>/<id>.nomad.hcl} from the templates
 * under {@code dev/bitte/templates/nomad/} (one per model type: job, group, service, task,
 * template, constraint). Every user string goes through {@link HclStrings}: the templates call
 * {@code q(s)} for a string, {@code text(s)} for multi-line text (a heredoc when exact), {@code l(list)} for a list of strings, {@code label(s)} for a block
 * label and {@code ident(s)} for an attribute name.
 */
public final class NomadJobWriter implements ArtifactWriter {
  public static final String TEMPLATE = "nomad/job.nomad.hcl.ftl";

  @Override
  public void write(FleetPlan plan, Artifacts out) {
    for (Job job : plan.jobs()) {
      out.putText(job.path(), render(job, plan.regionNames()));
    }
  }

  /** The HCL of one job, its default datacenters being the fleet's regions. */
  public static String render(Job job, List<String> fleetRegions) {
    String hcl = Templates.render(TEMPLATE, Map.of(
        "job", job,
        "datacenters", job.datacentersIn(fleetRegions),
        "q", scalar(HclStrings::quote),
        "text", scalar(HclStrings::text),
        "label", scalar(HclStrings::label),
        "ident", scalar(HclStrings::identifier),
        "l", (TemplateMethodModelEx) args -> {
          TemplateSequenceModel seq = (TemplateSequenceModel) args.get(0);
          List<String> values = new ArrayList<>();
          for (int i = 0; i < seq.size(); i++) {
            values.add(((TemplateScalarModel) seq.get(i)).getAsString());
          }
          return HclStrings.list(values);
        }));
    // Each optional block starts with a blank line; drop the one right after an opening brace.
    // Safe: a quoted string never holds a raw newline (HclStrings escapes it).
    return hcl.replace("{\n\n", "{\n");
  }

  private static TemplateMethodModelEx scalar(Function<String, String> f) {
    return args -> {
      if (args.size() != 1 || !(args.get(0) instanceof TemplateScalarModel s)) {
        throw new TemplateModelException("expects one string, got " + args);
      }
      return f.apply(s.getAsString());
    };
  }
}
