package dev.bitte.processor.emit;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One FreeMarker configuration for every template writer: templates come from the
 * {@code bitte-templates} jar under {@code /dev/bitte/templates/}, are cached strongly, looked up
 * without localization, and read without URL caching (a JDK bug closes streams of jar entries
 * mid-read when caches are shared, which MapStruct hit). A missing value is an error, never an
 * empty string.
 */
public final class Templates {
  private static final Configuration CONFIG = create();

  private Templates() {}

  private static Configuration create() {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    ClassTemplateLoader loader = new ClassTemplateLoader(Templates.class, "/dev/bitte/templates/");
    loader.setURLConnectionUsesCaches(false);
    c.setTemplateLoader(loader);
    c.setLocalizedLookup(false);
    c.setCacheStorage(new freemarker.cache.StrongCacheStorage());
    // The templates are in a jar that cannot change during a compile: never look them up again
    // (the default re-checks a cached template's source every 5 seconds).
    c.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    c.setDefaultEncoding("UTF-8");
    c.setOutputEncoding("UTF-8");
    c.setLocale(java.util.Locale.ROOT);
    c.setNumberFormat("computer");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setAPIBuiltinEnabled(false);
    c.setWhitespaceStripping(true);
    return c;
  }

  /** Every template under {@code /dev/bitte/templates/} (TemplatesTest checks the list). */
  public static final List<String> ALL = List.of(
      "nixos/AlloyConfig.ftl", "nixos/CommonModule.ftl", "nixos/ConsulModule.ftl", "nixos/Flake.ftl", "nixos/Host.ftl",
      "nixos/MonitoringModule.ftl", "nixos/NomadClientModule.ftl", "nixos/NomadServerModule.ftl", "nixos/RoutingModule.ftl",
      "nixos/VaultModule.ftl", "nomad/constraint.hcl.ftl", "nomad/group.hcl.ftl", "nomad/job.nomad.hcl.ftl",
      "nomad/service.hcl.ftl", "nomad/task.hcl.ftl", "nomad/template.hcl.ftl", "report/index.html.ftl");

  /** A value for {@link #warmUp}'s template (public, as the writers' models are, for the object wrapper). */
  public record Sample(String name, int count, List<String> items) {}

  /**
   * Parses every template into the cache and renders a small one with a record model, so the
   * configuration, the parser and the object wrapper are ready before the first real render
   * (see {@code dev.bitte.processor.Warmup}).
   */
  public static void warmUp() {
    try {
      for (String name : ALL) {
        CONFIG.getTemplate(name);
      }
      Template t = new Template("warm-up", "<#list s.items as i>${s.name} ${s.count?c} ${i}<#sep>, </#list><#if s.name?has_content>.</#if>", CONFIG);
      t.process(Map.of("s", new Sample("warm-up", 1, List.of("a", "b"))), new StringWriter());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TemplateException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A writer into a {@link StringBuilder}: FreeMarker writes a template's output in many small
   * pieces, and {@link StringWriter}'s buffer synchronizes every one of them.
   */
  private static final class Out extends java.io.Writer {
    final StringBuilder text = new StringBuilder(8192);

    @Override
    public void write(char[] chars, int off, int len) {
      text.append(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      text.append(s, off, off + len);
    }

    @Override
    public void write(String s) {
      text.append(s);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public java.io.Writer append(CharSequence s) {
      text.append(s);
      return this;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Renders {@code name} (e.g. {@code nixos/consul.nix.ftl}) with the given data model. */
  public static String render(String name, Map<String, ?> model) {
    try {
      Template t = CONFIG.getTemplate(name);
      Out out = new Out();
      t.process(model, out);
      return out.text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("template " + name, e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + ": " + e.getMessage(), e);
    }
  }
}
