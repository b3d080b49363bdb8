package dev.bitte.processor.model;

import dev.bitte.ChangeMode;
import dev.bitte.processor.diag.Source;

/**
 * A task's {@code @Template}. {@code data} holds the text (read from {@code source} when a file was
 * named); {@code sourceFile} is the file as written ("" for inline data).
 */
public record TemplateSpec(String destination, String data, String sourceFile, boolean env, ChangeMode changeMode,
    String changeSignal, Source source) {
  /**
   * consul-template's functions that read what the role {@code nomad-tasks} may read: services,
   * nodes, keys (its API functions less Vault's {@code secret}, {@code secrets}, {@code pkiCert},
   * Nomad's own {@code nomadService}, {@code nomadVar}, …, and {@code caLeaf} (service write),
   * {@code peerings}, {@code exportedServices}, {@code partitions}, which that role does not grant:
   * a template with {@code caLeaf} keeps the Nomad client's own Consul token; the others are not
   * supported).
   */
  private static final java.util.regex.Pattern CONSUL_FUNCTION = java.util.regex.Pattern.compile(
      "(?<![\\w.$])(?:caRoots|connect|datacenters|key|keyExists|keyOrDefault|ls|safeLs|node|nodes"
          + "|service|services|tree|safeTree)(?![\\w])");
  private static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile("\\{\\{(.*?)}}", java.util.regex.Pattern.DOTALL);
  /** Go template strings ("…" with escapes, `…` raw) and comments: words inside them are not calls. */
  private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|/\\*.*?\\*/", java.util.regex.Pattern.DOTALL);

  /**
   * Whether the template calls one of consul-template's Consul functions inside a {@code {{ }}}
   * action: then its task needs a Consul token, and Nomad gives it one only for an explicit
   * identity (Nomad does not look into templates for its servers' default {@code task_identity}).
   */
  public boolean readsConsul() {
    java.util.regex.Matcher action = ACTION.matcher(data);
    while (action.find()) {
      if (CONSUL_FUNCTION.matcher(QUOTED.matcher(action.group(1)).replaceAll(" ")).find()) {
        return true;
      }
    }
    return false;
  }

  public String changeModeName() {
    return changeMode.name().toLowerCase(java.util.Locale.ROOT);
  }
}
