package dev.bitte.processor.emit;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

  /** Renders {@code name} (e.g. {@code nixos/consul.nix.ftl}) with the given data model. */
  public static String render(String name, Map<String, ?> model) {
    try {
      Template t = CONFIG.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("template " + name, e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + ": " + e.getMessage(), e);
    }
  }
}
